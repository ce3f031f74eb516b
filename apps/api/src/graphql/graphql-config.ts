import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { MercuriusDriver } from '@nestjs/mercurius';
import mercurius from 'mercurius';
import type { AppConfig } from '../config/app-config';
import type { AuthService } from '../auth/auth.service';
import { FEED_LIMITS, type ConnectionState } from '../feeds/connection-limits';
import { withPlainFieldReads } from './plain-field-reads';
import { coalesceWrites, type CoalescableSocket } from '../feeds/write-coalescing';

/** Deeper queries than this are refused before they run. */
export const MAX_QUERY_DEPTH = 12;

type FormattedError = { message: string; extensions?: Record<string, unknown> };

/**
 * Gives every error an `extensions.code`: errors raised by resolvers already carry one; what
 * graphql-js rejects before execution (syntax, unknown fields, wrong variable types) is the
 * caller's input, hence BAD_USER_INPUT, and a too-deep query is QUERY_TOO_COMPLEX.
 */
function withCodes(errors: FormattedError[], production: boolean): FormattedError[] {
  return errors.map((error) => {
    if (error.extensions?.code) return error;
    if (/exceeds the query depth limit/i.test(error.message)) {
      return { ...error, extensions: { ...error.extensions, code: 'QUERY_TOO_COMPLEX' } };
    }
    return { ...error, extensions: { ...error.extensions, code: 'BAD_USER_INPUT' } };
  }).map((error) =>
    production && error.extensions?.code === 'INTERNAL_SERVER_ERROR'
      ? { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }
      : error,
  );
}

/**
 * WebSocket subscriptions (graphql-transport-ws): a server-wide connection cap checked before
 * the upgrade, per-connection state shared by its subscriptions, and the token in
 * `connectionParams` verified exactly as the HTTP bearer token.
 */
function subscriptionOptions(config: AppConfig, auth: AuthService) {
  let open = 0;
  return {
    keepAlive: FEED_LIMITS.keepAliveMs,
    verifyClient: (
      _info: unknown,
      next: (result: boolean, code?: number, message?: string) => void,
    ) => {
      if (open >= FEED_LIMITS.maxConnections) {
        next(false, 503, `Connection limit reached (${FEED_LIMITS.maxConnections}); retry later`);
      } else next(true);
    },
    context: (
      socket: ConnectionState['socket'] & CoalescableSocket & { once(event: 'close', f: () => void): void },
    ) => {
      coalesceWrites(socket, FEED_LIMITS.sendBufferBytes);
      open += 1;
      socket.once('close', () => (open -= 1));
      const connection: ConnectionState = { socket, subscriptions: 0 };
      return { connection };
    },
    onConnect: ({ payload }: { payload?: Record<string, unknown> | null }) => {
      const credential = payload?.authorization ?? payload?.Authorization ?? payload?.token;
      if (credential === undefined) return config.publicRead;
      const actor = auth.verify(credential);
      // A credential that does not verify is refused even where reads are public.
      return actor ? { actor } : false;
    },
  };
}

export function graphqlOptions(config: AppConfig, auth: AuthService): MercuriusDriverConfig {
  return {
    subscription: subscriptionOptions(config, auth) as MercuriusDriverConfig['subscription'],
    driver: MercuriusDriver,
    autoSchemaFile: true,
    sortSchema: true,
    path: '/graphql',
    jit: 1,
    // Its page loads GraphiQL from a CDN; an offline one is served at /graphiql instead.
    graphiql: false,
    queryDepth: MAX_QUERY_DEPTH,
    transformSchema: withPlainFieldReads,
    context: (request: unknown) => ({ req: request }),
    errorFormatter: (execution, context) => {
      const formatted = mercurius.defaultErrorFormatter(execution, context);
      const response = formatted.response as { errors?: FormattedError[] };
      if (response.errors) response.errors = withCodes(response.errors, config.production);
      return formatted;
    },
  };
}
