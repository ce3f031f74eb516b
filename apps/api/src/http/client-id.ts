import type { Actor } from '@app/application';

/**
 * Who a request comes from, for fairness (rate limits, feed slots): a valid token's name, else
 * the peer's address. The one definition of a client.
 */
export const clientId = (actor: Actor | undefined, address: string | undefined): string =>
  actor ? `token ${actor.name}` : `address ${address ?? 'unknown'}`;
