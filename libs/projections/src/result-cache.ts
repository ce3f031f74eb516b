/**
 * Answers of read queries, reused while the read models have not moved. Every change to a read
 * model is applied by a projector together with its checkpoint, in one transaction, so an answer
 * computed at checkpoint N is the answer for as long as the stored checkpoint is still N, whichever
 * process advanced it. The checkpoint is read on every lookup (one indexed row); when it moves,
 * every entry is dropped. Readers ask for the same landing pages again and again between writes.
 *
 * Promised answers are kept as promises, so concurrent identical requests share one computation;
 * a rejected one is forgotten. A capacity of 0 turns the cache off.
 */
export class ResultCache {
  private entries = new Map<string, unknown>();
  private at: bigint | undefined;

  constructor(
    private readonly checkpoint: () => bigint,
    private readonly capacity: number,
  ) {}

  /** The answer kept under `key` for the current checkpoint, if any. */
  peek(key: string): unknown {
    if (this.capacity <= 0 || this.checkpoint() !== this.at) return undefined;
    return this.entries.get(key);
  }

  get<T>(key: string, compute: () => T): T {
    if (this.capacity <= 0) return compute();
    const now = this.checkpoint();
    if (now !== this.at) {
      this.entries.clear();
      this.at = now;
    }
    if (this.entries.has(key)) return this.entries.get(key) as T;
    const value = compute();
    if (this.entries.size >= this.capacity) {
      // The oldest entry goes first (a Map iterates in insertion order).
      this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(key, value);
    if (value instanceof Promise) {
      const entries = this.entries;
      value.catch(() => {
        if (entries.get(key) === value) entries.delete(key);
      });
    }
    return value;
  }
}
