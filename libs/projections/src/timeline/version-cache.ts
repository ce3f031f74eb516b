import type { RecordView } from './record-view';

/**
 * Parsed versions, kept for reuse. A version never changes once written (a change writes a new
 * version), so an entry can never be stale; it is keyed by the log position that produced the
 * version, which stays the same when the read model is rebuilt. Parsing a version's facts is the
 * larger part of serving a page, and readers ask for the same recent pages again and again.
 *
 * Two generations bound the memory: lookups promote entries into the young map; when it is full
 * it becomes the old one and the previous old one is dropped, so at most 2 × `capacity` are held.
 */
export class VersionCache {
  private young = new Map<number, RecordView>();
  private old = new Map<number, RecordView>();

  constructor(private readonly capacity = 5_000) {}

  get(position: number): RecordView | undefined {
    const hit = this.young.get(position);
    if (hit) return hit;
    const aged = this.old.get(position);
    if (aged) this.set(position, aged);
    return aged;
  }

  set(position: number, view: RecordView): void {
    if (this.young.size >= this.capacity) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(position, view);
  }
}
