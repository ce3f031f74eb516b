import type { StoredEvent } from '@app/event-store';
import type { ReadModelDb } from './read-model-db';

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
  createSchema(db: ReadModelDb): void;
  dropSchema(db: ReadModelDb): void;
  /** Returns a function applying one event; prepared statements live in the closure. */
  prepare(db: ReadModelDb): (event: StoredEvent) => void;
}
