import type { EventStore, EventSubscription, GlobalPosition, StoredEvent } from '@app/event-store';
import { endBatch, type Applier, type Projection } from './projection';
import { unsyncedWritesOf, type ReadModelDb } from './read-model-db';

/**
 * Events applied in one transaction at most while catching up; then the event loop gets a turn.
 * Bigger batches commit less often and fold more work (counters, index pages touched again and
 * again) into one write, at the price of a longer turn: at ~10k events/s this is about 200 ms.
 */
const MAX_BATCH = 2000;

export type AppliedListener = (events: readonly StoredEvent[]) => void;

interface Waiter {
  readonly position: GlobalPosition;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Feeds read models from the event log: a catch-up subscription from the stored checkpoint,
 * applying events in batches, each batch and its checkpoint in ONE transaction, so a crash can
 * neither skip an event nor apply it twice.
 */
export class Projector {
  private checkpoint: GlobalPosition = 0n;
  private pending: StoredEvent[] = [];
  private flushScheduled = false;
  private subscription: EventSubscription | undefined;
  private running: Promise<void> | undefined;
  private failure: Error | undefined;
  private waiters: Waiter[] = [];
  private readonly listeners = new Set<AppliedListener>();
  private readonly appliers = new Map<string, Applier[]>();
  /** While replaying into an empty read model: the head to reach before building query indexes. */
  private deferredIndexes: { until?: GlobalPosition } | undefined;
  private readonly saveCheckpoint: (position: GlobalPosition) => void;
  private readonly loadCheckpoint: () => GlobalPosition;
  private readonly unsynced: ReturnType<typeof unsyncedWritesOf>;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDb,
    private readonly projections: readonly Projection[],
    private readonly onError: (error: Error) => void = () => undefined,
  ) {
    this.unsynced = unsyncedWritesOf(db);
    db.exec(`CREATE TABLE IF NOT EXISTS projector_checkpoint (
      id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL)`);
    db.exec(`CREATE TABLE IF NOT EXISTS projection_versions (
      name TEXT PRIMARY KEY, version INTEGER NOT NULL)`);
    this.resetIfShapeChanged();
    for (const projection of projections) projection.createSchema(db);
    this.prepareAppliers();
    const read = db.prepare('SELECT position FROM projector_checkpoint WHERE id = 1');
    this.loadCheckpoint = () => {
      const row = read.get() as { position: number | bigint } | undefined;
      return row ? BigInt(row.position) : 0n;
    };
    this.checkpoint = this.loadCheckpoint();
    const save = db.prepare(
      `INSERT INTO projector_checkpoint (id, position) VALUES (1, ?)
       ON CONFLICT (id) DO UPDATE SET position = excluded.position`,
    );
    this.saveCheckpoint = (position) => save.run(position);
  }

  /** The position of the last event applied to the read models. */
  get position(): GlobalPosition {
    return this.checkpoint;
  }

  /**
   * The checkpoint as stored in the read-model file: the same as `position` unless another
   * process on the same file has applied events since.
   */
  storedPosition(): GlobalPosition {
    return this.loadCheckpoint();
  }

  get error(): Error | undefined {
    return this.failure;
  }

  start(): void {
    if (this.running) return;
    this.failure = undefined;
    if (this.checkpoint === 0n && !this.deferredIndexes) this.deferQueryIndexes();
    this.subscription = this.store.subscribeToAll({ fromPosition: this.checkpoint });
    this.running = this.consume(this.subscription);
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.running;
    this.flush();
    this.running = undefined;
    this.subscription = undefined;
  }

  /** Drops every read model and replays the whole log into it; resolves when caught up. */
  async rebuild(): Promise<number> {
    await this.stop();
    this.write(() => {
      for (const projection of this.projections) projection.dropSchema(this.db);
      for (const projection of this.projections) projection.createSchema(this.db);
      this.saveCheckpoint(0n);
    });
    this.checkpoint = 0n;
    this.prepareAppliers();
    const head = await this.store.headPosition();
    this.deferQueryIndexes(head);
    this.start();
    await this.waitFor(head, 10 * 60_000);
    return Number(head);
  }

  /** Resolves once the read models include the event at `position` (read-your-writes). */
  waitFor(position: GlobalPosition, timeoutMs = 15_000): Promise<void> {
    if (this.checkpoint >= position) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        reject(new Error(`read models did not reach position ${position} in ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push({ position, resolve, reject, timer });
    });
  }

  /** Called after each committed batch with the events it applied (in log order). */
  onApplied(listener: AppliedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async consume(subscription: EventSubscription): Promise<void> {
    try {
      for await (const event of subscription) {
        this.pending.push(event);
        if (this.pending.length >= MAX_BATCH) {
          this.flush();
          // A long catch-up must not starve requests: let I/O run between batches.
          await new Promise((resolve) => setImmediate(resolve));
        } else if (!this.flushScheduled) {
          // Let the events already available arrive first, then apply them together.
          this.flushScheduled = true;
          setImmediate(() => this.flush());
        }
      }
      this.flush();
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.pending.length === 0 || this.failure) return;
    let batch = this.pending;
    this.pending = [];
    const last = batch[batch.length - 1].globalPosition;
    try {
      // IMMEDIATE: the write lock is taken (waiting out another writer) before the checkpoint is
      // read, so a process that committed meanwhile cannot make this transaction fail to upgrade.
      this.write(() => {
        // Another process on the same read-model file (the command line, say) may have applied
        // some of these already: the stored checkpoint, read inside the transaction, decides.
        const stored = this.loadCheckpoint();
        if (stored !== this.checkpoint) {
          for (const applier of this.allAppliers()) applier.forget?.();
        }
        if (stored > this.checkpoint) batch = batch.filter((e) => e.globalPosition > stored);
        for (const event of batch) {
          for (const apply of this.appliers.get(event.type) ?? []) apply(event);
        }
        endBatch(this.allAppliers());
        if (last > stored) this.saveCheckpoint(last);
      }, true);
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (last > this.checkpoint) this.checkpoint = last;
    this.buildDeferredIndexes();
    this.releaseWaiters();
    for (const listener of this.listeners) {
      try {
        listener(batch);
      } catch (error) {
        this.onError(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }

  private releaseWaiters(): void {
    const ready = this.waiters.filter((w) => w.position <= this.checkpoint);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.position > this.checkpoint);
    for (const waiter of ready) {
      clearTimeout(waiter.timer);
      waiter.resolve();
    }
  }

  /** The read models stay at the last good checkpoint; the failure is reported, never hidden. */
  private fail(error: Error): void {
    this.failure = error;
    this.pending = [];
    // Appliers may hold what a batch folded so far; the batch was rolled back, so is that.
    this.prepareAppliers();
    void this.subscription?.close();
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.waiters = [];
    this.onError(error);
  }

  private prepareAppliers(): void {
    this.appliers.clear();
    for (const projection of this.projections) {
      const apply = projection.prepare(this.db);
      for (const type of projection.eventTypes) {
        this.appliers.set(type, [...(this.appliers.get(type) ?? []), apply]);
      }
    }
  }

  private allAppliers(): Set<Applier> {
    return new Set([...this.appliers.values()].flat());
  }

  /**
   * Drops the indexes only queries read, to build each once when the replay reaches `until`
   * (the log's head when it started, read now when not given).
   */
  private deferQueryIndexes(until?: GlobalPosition): void {
    const deferred: { until?: GlobalPosition } = { until };
    this.deferredIndexes = deferred;
    this.write(() => {
      for (const projection of this.projections)
        for (const index of projection.queryIndexes ?? [])
          this.db.exec(`DROP INDEX IF EXISTS ${index}`);
    });
    if (until === undefined) {
      void this.store.headPosition().then(
        (head) => {
          deferred.until = head;
          this.buildDeferredIndexes();
        },
        // Without a head to wait for, build them now: queries must not stay without them.
        () => this.buildDeferredIndexes(true),
      );
    } else this.buildDeferredIndexes();
  }

  /** Builds the deferred query indexes once the replay has reached its target. */
  private buildDeferredIndexes(now = false): void {
    const deferred = this.deferredIndexes;
    if (!deferred || this.failure) return;
    if (!now && (deferred.until === undefined || this.checkpoint < deferred.until)) return;
    this.deferredIndexes = undefined;
    try {
      this.write(() => {
        for (const projection of this.projections) projection.createSchema(this.db);
      });
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private resetIfShapeChanged(): void {
    const stored = new Map(
      (
        this.db.prepare('SELECT name, version FROM projection_versions').all() as {
          name: string;
          version: number;
        }[]
      ).map((r) => [r.name, r.version]),
    );
    const changed = this.projections.some((p) => stored.get(p.name) !== p.version);
    if (!changed) return;
    const upsert = this.db.prepare(
      `INSERT INTO projection_versions (name, version) VALUES (?, ?)
       ON CONFLICT (name) DO UPDATE SET version = excluded.version`,
    );
    this.write(() => {
      for (const projection of this.projections) projection.dropSchema(this.db);
      for (const projection of this.projections) upsert.run(projection.name, projection.version);
      this.db.prepare('DELETE FROM projector_checkpoint').run();
    });
  }

  /** One write transaction (IMMEDIATE when asked), after the file's unsynced-writes guard had its say. */
  private write(body: () => void, immediate = false): void {
    this.unsynced?.beforeWrite();
    const transaction = this.db.transaction(body);
    if (immediate) transaction.immediate();
    else transaction();
  }
}
