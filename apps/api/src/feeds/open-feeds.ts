import type { Projector } from '@app/projections';
import type { Actor } from '@app/application';
import type { AuthService } from '../auth/auth.service';
import { clientId } from '../http/client-id';

/** WebSocket connections and HTTP feeds: each kind has its own cap per client. */
export type FeedKind = 'websocket' | 'http';

/** What a client refused for holding too many feeds is asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 10;

/**
 * How often the tokens of open feeds are checked again. The projector's notice of a revocation
 * is not enough on its own: another process on the same read-model file (the command line)
 * may apply the revocation first, and this node's projector then skips the event.
 */
const REVOCATION_CHECK_MS = 1_000;

/** Who holds a feed: a token's name (with the credential it presented), else an address. */
export interface FeedClient {
  readonly id: string;
  /** Checked again while the feed is open: a revoked token loses what it opened. */
  readonly credential?: string;
}

export function feedClient(
  actor: Actor | undefined,
  credential: unknown,
  address: string | undefined,
): FeedClient {
  return actor && typeof credential === 'string'
    ? { id: clientId(actor, address), credential }
    : { id: clientId(undefined, address) };
}

/** A feed slot held by a client, until released (once; releasing again does nothing). */
export interface FeedSlot {
  readonly client: FeedClient;
  release(): void;
}

/** The refusal of a client that already holds its share of `kind`. */
export function tooManyFeeds(kind: FeedKind, perClient: number): string {
  const what = kind === 'websocket' ? 'WebSocket connections' : 'HTTP feeds';
  return `Too many open feeds for this client (at most ${perClient} ${what}); close one or retry later`;
}

/**
 * The feeds open on this node, by client: so that one client cannot take every slot
 * (`MAX_FEEDS_PER_CLIENT` of each kind), and so that a revoked token loses what it opened.
 * Feeds opened with a token are grouped by credential; while any is open, each credential is
 * checked again (one indexed lookup) every second and whenever this node applies a revocation,
 * and the feeds of one that no longer verifies are ended.
 */
export class OpenFeeds {
  private readonly held = new Map<string, number>();
  /** How to end each feed opened with a credential. */
  private readonly byCredential = new Map<string, Set<() => void>>();
  private checker: NodeJS.Timeout | undefined;
  private readonly stopListening: () => void;

  constructor(
    private readonly auth: Pick<AuthService, 'verify'>,
    projector: Pick<Projector, 'onApplied'>,
    /** `MAX_FEEDS_PER_CLIENT`: feeds of each kind one client may hold open. */
    readonly perClient: number,
    private readonly onError: (message: string) => void = () => undefined,
  ) {
    this.stopListening = projector.onApplied((events) => {
      if (
        this.byCredential.size > 0 &&
        events.some((event) => event.type === 'AccessTokenRevoked')
      ) {
        this.endRevoked();
      }
    });
  }

  /** Whether `client` may open one more feed of `kind`. */
  hasRoom(kind: FeedKind, client: FeedClient): boolean {
    return (this.held.get(slotKey(kind, client)) ?? 0) < this.perClient;
  }

  /**
   * A slot of `kind` for `client`, or undefined when it already holds its share. `revoked` is
   * called (once) if the client's token is revoked while the slot is held; the slot stays
   * held until released, when the feed has actually closed.
   */
  claim(kind: FeedKind, client: FeedClient, revoked: () => void): FeedSlot | undefined {
    const key = slotKey(kind, client);
    const count = this.held.get(key) ?? 0;
    if (count >= this.perClient) return undefined;
    this.held.set(key, count + 1);
    const unwatch =
      client.credential === undefined ? undefined : this.watch(client.credential, revoked);
    let released = false;
    return {
      client,
      release: () => {
        if (released) return;
        released = true;
        unwatch?.();
        const left = (this.held.get(key) ?? 1) - 1;
        if (left > 0) this.held.set(key, left);
        else this.held.delete(key);
      },
    };
  }

  /** Ends every feed whose credential no longer verifies (revoked, or no longer known). */
  endRevoked(): void {
    for (const [credential, ends] of this.byCredential) {
      if (this.auth.verify(credential)) continue;
      this.byCredential.delete(credential);
      for (const end of ends) {
        try {
          end();
        } catch (error) {
          // One feed failing to end must not keep the others of the token open.
          this.onError(`Ending a feed of a revoked token failed: ${String(error)}`);
        }
      }
    }
    if (this.byCredential.size === 0) this.stopChecking();
  }

  onModuleDestroy(): void {
    this.stopListening();
    this.stopChecking();
  }

  private watch(credential: string, revoked: () => void): () => void {
    let ends = this.byCredential.get(credential);
    if (!ends) {
      ends = new Set();
      this.byCredential.set(credential, ends);
    }
    const group = ends;
    const end = () => revoked();
    group.add(end);
    this.checker ??= setInterval(() => this.endRevoked(), REVOCATION_CHECK_MS).unref();
    return () => {
      group.delete(end);
      // The group may already be gone (its token revoked), or replaced by a newer one.
      if (group.size === 0 && this.byCredential.get(credential) === group)
        this.byCredential.delete(credential);
      if (this.byCredential.size === 0) this.stopChecking();
    };
  }

  private stopChecking(): void {
    if (this.checker) clearInterval(this.checker);
    this.checker = undefined;
  }
}

const slotKey = (kind: FeedKind, client: FeedClient) => `${kind} ${client.id}`;
