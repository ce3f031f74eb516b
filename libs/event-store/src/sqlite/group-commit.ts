import type { AppendResult } from '../event-store.port';
import type { AppendOutcome, PendingAppend } from './append-writer';

interface Waiting {
  readonly append: PendingAppend;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

/** Keeps one transaction (and its fsync) from blocking the event loop for too long. */
const MAX_EVENTS_PER_TRANSACTION = 10_000;

/**
 * Group commit: appends that arrive while the loop is busy are written together, in one
 * transaction, on the next `setImmediate` turn; each caller is answered only after that
 * transaction has committed. A lone caller is written on the very next turn, so sequential
 * appends wait for nothing but their own commit. Durability is one fsync per batch instead of
 * one per append, which is where the throughput under concurrency comes from.
 */
export function groupCommit(
  write: (batch: readonly PendingAppend[]) => AppendOutcome[],
  afterCommit: () => void,
) {
  let queue: Waiting[] = [];
  let scheduled = false;

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  }

  function takeBatch(): Waiting[] {
    let events = 0;
    let count = 0;
    while (count < queue.length && (count === 0 || events < MAX_EVENTS_PER_TRANSACTION)) {
      events += queue[count].append.events.length;
      count++;
    }
    const batch = queue.slice(0, count);
    queue = queue.slice(count);
    return batch;
  }

  function flush(): void {
    scheduled = false;
    const batch = takeBatch();
    if (queue.length > 0) schedule();
    if (batch.length === 0) return;
    let outcomes: AppendOutcome[];
    try {
      outcomes = write(batch.map((waiting) => waiting.append));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    outcomes.forEach((outcome, i) =>
      outcome.result ? batch[i].resolve(outcome.result) : batch[i].reject(outcome.error),
    );
    if (outcomes.some((outcome) => outcome.result)) afterCommit();
  }

  return {
    append(append: PendingAppend): Promise<AppendResult> {
      return new Promise((resolve, reject) => {
        queue.push({ append, resolve, reject });
        schedule();
      });
    },
    /** Writes everything still queued, now (used when closing). */
    drain(): void {
      while (queue.length > 0) flush();
    },
  };
}
