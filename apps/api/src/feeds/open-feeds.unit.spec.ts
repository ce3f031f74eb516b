import type { StoredEvent } from '@app/event-store';
import type { AppliedListener, Projector } from '@app/projections';
import type { Actor } from '@app/application';
import type { AuthService } from '../auth/auth.service';
import { feedClient, OpenFeeds } from './open-feeds';

/** Tokens as the read model holds them: credential → actor, while active. */
function setup(maxFeedsPerClient = 2) {
  const active = new Map<string, Actor>([
    ['Bearer dtk_alice', { name: 'alice', role: 'editor' }],
    ['Bearer dtk_bob', { name: 'bob', role: 'editor' }],
  ]);
  const auth = { verify: (credential: unknown) => active.get(String(credential)) } as AuthService;
  let listener: AppliedListener = () => undefined;
  const projector = {
    onApplied: (l: AppliedListener) => ((listener = l), () => undefined),
  } as unknown as Projector;
  const feeds = new OpenFeeds(auth, projector, maxFeedsPerClient);
  const clientOf = (credential: string) =>
    feedClient(active.get(credential), credential, '10.0.0.1');
  const applied = (type: string) => listener([{ type } as StoredEvent]);
  return { feeds, active, clientOf, applied };
}

describe('OpenFeeds', () => {
  afterEach(() => jest.useRealTimers());

  it('names a client by its token, else by its address', () => {
    const { clientOf } = setup();
    expect(clientOf('Bearer dtk_alice')).toEqual({
      id: 'token alice',
      credential: 'Bearer dtk_alice',
    });
    expect(feedClient(undefined, undefined, '10.0.0.1')).toEqual({ id: 'address 10.0.0.1' });
    // A credential that did not verify names nobody: the address stands for the client.
    expect(feedClient(undefined, 'Bearer dtk_forged', '10.0.0.1')).toEqual({
      id: 'address 10.0.0.1',
    });
  });

  it("caps each client's feeds of each kind, leaving room for other clients", () => {
    const { feeds, clientOf } = setup(2);
    const alice = clientOf('Bearer dtk_alice');
    const held = [
      feeds.claim('websocket', alice, () => undefined),
      feeds.claim('websocket', alice, () => undefined),
    ];
    expect(held.every(Boolean)).toBe(true);
    expect(feeds.hasRoom('websocket', alice)).toBe(false);
    expect(feeds.claim('websocket', alice, () => undefined)).toBeUndefined();
    // Another kind, another token, the same address without a token: each has its own share.
    expect(feeds.claim('http', alice, () => undefined)).toBeDefined();
    expect(feeds.claim('websocket', clientOf('Bearer dtk_bob'), () => undefined)).toBeDefined();
    expect(
      feeds.claim('websocket', feedClient(undefined, undefined, '10.0.0.1'), () => undefined),
    ).toBeDefined();
    // Released once, however often release is called.
    held[0]!.release();
    held[0]!.release();
    expect(feeds.claim('websocket', alice, () => undefined)).toBeDefined();
    expect(feeds.claim('websocket', alice, () => undefined)).toBeUndefined();
  });

  it("ends every feed of a token when this node applies its revocation, and only that token's", () => {
    const { feeds, active, clientOf, applied } = setup(5);
    const ended: string[] = [];
    const alice = clientOf('Bearer dtk_alice');
    feeds.claim('websocket', alice, () => ended.push('alice ws'));
    feeds.claim('http', alice, () => ended.push('alice http'));
    feeds.claim('http', clientOf('Bearer dtk_bob'), () => ended.push('bob http'));
    feeds.claim('http', feedClient(undefined, undefined, '10.0.0.1'), () =>
      ended.push('anonymous'),
    );
    active.delete('Bearer dtk_alice');
    applied('DiplomaticEventRecorded');
    expect(ended).toEqual([]);
    applied('AccessTokenRevoked');
    expect(ended).toEqual(['alice ws', 'alice http']);
    applied('AccessTokenRevoked');
    expect(ended).toHaveLength(2);
    feeds.onModuleDestroy();
  });

  it('notices a revocation applied elsewhere within a second, and checks nothing once no token feed is open', () => {
    jest.useFakeTimers();
    const { feeds, active, clientOf } = setup();
    const ended: string[] = [];
    const alice = clientOf('Bearer dtk_alice');
    const slot = feeds.claim('http', alice, () => ended.push('alice'));
    jest.advanceTimersByTime(1_000);
    expect(ended).toEqual([]);
    active.delete('Bearer dtk_alice');
    jest.advanceTimersByTime(1_000);
    expect(ended).toEqual(['alice']);
    expect(jest.getTimerCount()).toBe(0);
    // The slot stays held until the feed has actually closed.
    expect(feeds.claim('http', alice, () => undefined)).toBeDefined();
    expect(feeds.hasRoom('http', alice)).toBe(false);
    slot!.release();
    expect(feeds.hasRoom('http', alice)).toBe(true);
  });

  it('stops checking when the last token feed closes', () => {
    jest.useFakeTimers();
    const { feeds, clientOf } = setup();
    const slot = feeds.claim('websocket', clientOf('Bearer dtk_bob'), () => undefined);
    expect(jest.getTimerCount()).toBe(1);
    slot!.release();
    expect(jest.getTimerCount()).toBe(0);
  });
});
