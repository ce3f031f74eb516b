import type { StoredEvent } from '@app/event-store';
import type { ReadModelDb } from './read-model-db';

/**
 * Applies one event inside the projector's transaction. `endBatch`, when present, runs once at
 * the end of each batch, still inside that transaction: work that can be folded over a batch
 * (counters, a clock) is written there once instead of once per event. `forget` is called when
 * another writer may have changed the tables since the last batch.
 */
export type Applier = ((event: StoredEvent) => void) & {
  readonly endBatch?: () => void;
  /** Drops what it keeps of the tables between batches: they may have moved without it. */
  readonly forget?: () => void;
};

/**
 * A read model fed by the event log. `apply` runs inside the projector's transaction, together
 * with the checkpoint update, so an event is applied exactly once or not at all.
 */
export interface Projection {
  readonly name: string;
  /** Bumped when the tables change shape: a mismatch makes the projector rebuild from the log. */
  readonly version: number;
  /** Event types this projection reads; others are skipped without a call. */
  readonly eventTypes: readonly string[];
  /** Creates the tables and every index, `queryIndexes` included (idempotent). */
  createSchema(db: ReadModelDb): void;
  dropSchema(db: ReadModelDb): void;
  /**
   * Names of indexes that only queries read, never `apply`: a replay from an empty read model
   * drops them and builds each once at its end (an index built from sorted rows costs a
   * fraction of one kept up to date row by row). `createSchema` restores any that are missing.
   */
  readonly queryIndexes?: readonly string[];
  /** Returns the function applying one event; prepared statements live in the closure. */
  prepare(db: ReadModelDb): Applier;
}

/** Ends a batch for every applier that folds work over one. */
export function endBatch(appliers: Iterable<Applier>): void {
  for (const applier of appliers) applier.endBatch?.();
}
