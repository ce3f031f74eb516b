import type { KurrentDBClient } from '@kurrent/kurrentdb-client';

/** The part of the official client the adapter uses; tests hand in a fake with the same shape. */
export type KurrentDbClient = Pick<
  KurrentDBClient,
  'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'
>;
