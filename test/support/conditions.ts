/**
 * Conditions tests wait on instead of fixed sleeps: a test resumes as soon as what it needs is
 * true, and fails with a reason when it never becomes true.
 */

/** What `/health` reports: the log's head, how far this node's read models are, open feeds. */
export interface Health {
  readonly status: string;
  readonly eventStore: { readonly head: string };
  readonly readModels: { readonly position: string; readonly behind: string };
  readonly feeds: { readonly open: number };
}

export async function healthOf(server: { url: string }): Promise<Health> {
  return (await (await fetch(`${server.url}/health`)).json()) as Health;
}

/** Probes until `accept` holds; resolves with the accepted value. */
export async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    try {
      last = await probe();
      if (accept(last)) return last;
    } catch {
      // A server still starting refuses connections: probe again until the deadline.
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Until exactly `count` feeds (subscriptions and HTTP streams) are open on the server. A feed
 * counts once it follows the log, so a change recorded after this is delivered to it.
 */
export const openFeeds = (server: { url: string }, count: number, timeoutMs = 10_000) =>
  eventually(
    () => healthOf(server),
    (h) => h.feeds.open === count,
    `${count} open feeds`,
    timeoutMs,
  );

/** Until this node's read models have applied the whole log. */
export const caughtUp = (server: { url: string }, timeoutMs = 20_000) =>
  eventually(
    () => healthOf(server),
    (h) => h.readModels.behind === '0' && h.readModels.position === h.eventStore.head,
    'the read models to reach the head of the log',
    timeoutMs,
  );

/**
 * Until the wall clock has passed `instant` (an ISO string from the server, same host): whatever
 * is recorded afterwards gets a later `recordedAt`, so reads at `instant` see only what came
 * before. At most a millisecond, and no guess at how long is enough.
 */
export async function clockPasses(instant: string): Promise<void> {
  const at = Date.parse(instant);
  if (Number.isNaN(at)) throw new Error(`not an instant: ${instant}`);
  while (Date.now() <= at) await new Promise((r) => setImmediate(r));
}
