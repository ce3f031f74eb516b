/**
 * Values that never change once made (a version of a record, a change mapped for a feed),
 * kept for reuse while they are in use. Two generations bound the memory: lookups promote
 * entries into the young map; when it is full it becomes the old one and the previous old one
 * is dropped, so at most 2 × `capacity` are held, whatever the size of the backlog read.
 */
export class RecentCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.capacity) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
}
