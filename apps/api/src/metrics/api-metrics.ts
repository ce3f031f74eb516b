import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type OperationKind = 'query' | 'mutation' | 'subscription';

/** What the metrics read from the rest of the node when scraped. */
export interface MetricSources {
  /** The log's head and the read models' position. */
  positions(): Promise<{ head: bigint; applied: bigint }>;
  /** When the oldest event not yet applied was recorded (undefined when none is waiting). */
  oldestUnappliedAt(): Promise<Date | undefined>;
  /** Feeds open (GraphQL subscriptions and HTTP streams) and WebSocket subscriptions. */
  feeds(): { open: number; subscriptions: number };
}

/** Codes are ours, but a label must never take values without bound. */
const CODE = /^[A-Z][A-Z_]{0,39}$/;

/**
 * This node's metrics, in a registry of its own (never prom-client's global one, so two
 * applications in one process, as in tests, do not share figures). Counters and histograms are
 * fed as things happen; lags and feed counts are read when Prometheus scrapes.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly requestSeconds: Histogram<'kind'>;
  private readonly errors: Counter<'code'>;
  private readonly appendSeconds: Histogram;
  private readonly applied: Counter;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requestSeconds = new Histogram({
      name: 'api_request_duration_seconds',
      help: 'GraphQL requests from arrival to answer (subscriptions: until their first answer), by operation kind',
      labelNames: ['kind'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.errors = new Counter({
      name: 'api_errors_total',
      help: 'Errors answered to clients, by extensions.code',
      labelNames: ['code'],
      registers,
    });
    this.appendSeconds = new Histogram({
      name: 'event_store_append_duration_seconds',
      help: 'Appends of a command to the event store, until durably committed',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    });
    this.applied = new Counter({
      name: 'projector_applied_events_total',
      help: 'Events applied to the read models by this node (rate() gives events per second)',
      registers,
    });
    new Gauge({
      name: 'projector_lag_events',
      help: 'Events in the log not yet applied to this node’s read models',
      registers,
      async collect() {
        const { head, applied } = await sources.positions();
        this.set(Number(head > applied ? head - applied : 0n));
      },
    });
    new Gauge({
      name: 'projector_lag_seconds',
      help: 'How long the oldest event not yet applied has been in the log (0 when caught up)',
      registers,
      async collect() {
        const oldest = await sources.oldestUnappliedAt();
        this.set(oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0);
      },
    });
    new Gauge({
      name: 'feeds_open',
      help: 'Change feeds open on this node (GraphQL subscriptions and HTTP streams)',
      registers,
      collect() {
        this.set(sources.feeds().open);
      },
    });
    new Gauge({
      name: 'feeds_websocket_subscriptions',
      help: 'GraphQL subscriptions over WebSocket on this node',
      registers,
      collect() {
        this.set(sources.feeds().subscriptions);
      },
    });
  }

  request(kind: OperationKind, seconds: number): void {
    this.requestSeconds.observe({ kind }, seconds);
  }

  error(code: unknown): void {
    this.errors.inc({ code: typeof code === 'string' && CODE.test(code) ? code : 'OTHER' });
  }

  append(seconds: number): void {
    this.appendSeconds.observe(seconds);
  }

  eventsApplied(count: number): void {
    this.applied.inc(count);
  }
}
