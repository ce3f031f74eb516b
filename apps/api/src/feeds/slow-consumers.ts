/** A delivery as the sweep sees it. */
export interface WatchedDelivery {
  /** When the last value was handed out, while the consumer has not asked for the next. */
  waitingSince: number | undefined;
  stall(): void;
}

/**
 * Deliveries waiting on their consumer, checked by one sweep instead of a timer per message
 * (a live feed with a thousand subscribers hands out tens of thousands of messages a second).
 * A consumer that has not taken a value for `timeoutMs` (`SLOW_CONSUMER_TIMEOUT_MS`) is stalled.
 */
export class SlowConsumers {
  private readonly watched = new Set<WatchedDelivery>();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly timeoutMs: number) {}

  watch(delivery: WatchedDelivery): () => void {
    this.watched.add(delivery);
    this.sweeper ??= setInterval(
      () => this.sweep(),
      Math.max(10, Math.min(1000, this.timeoutMs / 4)),
    ).unref();
    return () => {
      this.watched.delete(delivery);
      if (this.watched.size === 0) this.stopSweeping();
    };
  }

  onModuleDestroy(): void {
    this.stopSweeping();
  }

  private sweep(): void {
    const now = Date.now();
    for (const delivery of this.watched) {
      if (delivery.waitingSince !== undefined && now - delivery.waitingSince >= this.timeoutMs)
        delivery.stall();
    }
  }

  private stopSweeping(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }
}
