import type { Logger } from '@nestjs/common';
import {
  createSourceEventStream,
  GraphQLError,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { makeServer, type Server } from 'graphql-ws';
import type { Actor } from '@app/application';
import type { AuthService } from '../auth/auth.service';
import { withCodes } from '../graphql/graphql-config';
import type { ApiMetrics } from '../metrics/api-metrics';
import type { PreparedOperations } from '../graphql/prepared-operations';
import { feedClient, type FeedClient, type FeedSlot } from './open-feeds';
import { SharedResponses, sharingKey } from './shared-responses';
import { outgoingError } from './subscription-errors';
import { nextMessages, sendAll } from './subscription-sender';
import type { ConnectionState } from './subscription-slots';
import type { CoalescingSend } from './write-coalescing';

/** What the server keeps per WebSocket, beside graphql-ws's own context. */
export interface Connection {
  readonly state: ConnectionState;
  /** What `connectionParams` presented, checked again on each subscribe (it may be revoked). */
  credential?: unknown;
  actor?: Actor;
  /** The upgrade request's Authorization header: the credential when `connectionParams` has none. */
  readonly upgradeCredential?: string;
  readonly address?: string;
  /** This connection's share of its client's connections (see OpenFeeds). */
  slot?: FeedSlot;
  /** Sends one message on this connection (see write-coalescing.ts). */
  readonly send: CoalescingSend;
}

/** Where a subscription's messages go: its id, and its connection's sender. */
interface Outlet {
  readonly id: string;
  readonly send: CoalescingSend;
}

export interface SubscriptionProtocolOptions {
  /** The schema as Mercurius serves it over HTTP. */
  readonly schema: GraphQLSchema;
  readonly operations: PreparedOperations;
  readonly auth: Pick<AuthService, 'verify'>;
  readonly logger: Logger;
  readonly production: boolean;
  /** Whether a connection without a credential may subscribe. */
  readonly publicRead: boolean;
  /**
   * Gives the connection's slot to `client`, once its token is known; false (with the socket
   * closed) when that client already holds its share.
   */
  readonly admit: (connection: Connection, client: FeedClient) => boolean;
  /**
   * Counts a subscribe as a feed open of the connection's client: undefined when it may go on,
   * else the seconds to wait. Each subscribe can replay the whole log from its cursor, so a
   * connection is held to the same pace as opening feeds.
   */
  readonly mayOpen: (connection: Connection) => Promise<number | undefined>;
  /** Told how long each subscription took to start, and the code of each error sent. */
  readonly metrics?: Pick<ApiMetrics, 'request' | 'error'>;
}

/**
 * The graphql-transport-ws protocol (graphql-ws) for subscriptions: who may connect (the token
 * in `connectionParams` verified exactly as the HTTP bearer token), what may be subscribed
 * (subscriptions only, prepared once per text and guarded as HTTP operations are), and how each
 * change becomes a message: by the compiled operation, shared by the subscribers of one change
 * (see SharedResponses) and sent by the subscription itself (see sendAll). A feed with a
 * thousand subscribers, or one subscriber catching up on a backlog, spends its time on
 * delivery, not on interpreting the query again for every change.
 */
export function subscriptionProtocol(options: SubscriptionProtocolOptions): Server<Connection> {
  const { schema, operations, auth, production } = options;
  const outgoing = outgoingError(options.logger, production);
  const withCodesOf = (errors: readonly unknown[]) => {
    const formatted = withCodes(errors.map(outgoing), production);
    for (const error of formatted) options.metrics?.error(error.extensions?.code);
    return formatted;
  };
  // Errors are written as HTTP resolvers' are (codes added, internals hidden).
  const responses = new SharedResponses((result: ExecutionResult) =>
    JSON.stringify(result.errors ? { ...result, errors: withCodesOf(result.errors) } : result),
  );
  // Each subscription's execution context, mapped to where its messages go.
  const outlets = new WeakMap<object, Outlet>();
  return makeServer<Record<string, unknown> | undefined, Connection>({
    schema,
    onConnect: ({ connectionParams, extra }) => {
      // A bare `token` is the natural form in connectionParams; headers must say `Bearer`.
      const bare = connectionParams?.token;
      const credential =
        connectionParams?.authorization ??
        connectionParams?.Authorization ??
        (typeof bare === 'string' ? `Bearer ${bare}` : bare);
      const presented = credential ?? extra.upgradeCredential;
      if (presented === undefined) return options.publicRead;
      // A credential that does not verify is refused even where reads are public.
      extra.credential = presented;
      extra.actor = auth.verify(presented);
      return (
        extra.actor !== undefined &&
        options.admit(extra, feedClient(extra.actor, presented, extra.address))
      );
    },
    onSubscribe: async ({ extra }, id, payload) => {
      if (extra.credential !== undefined && !auth.verify(extra.credential)) {
        return [
          new GraphQLError('The bearer token is invalid or revoked', {
            extensions: { code: 'UNAUTHENTICATED' },
          }),
        ];
      }
      const retryAfterSeconds = await options.mayOpen(extra);
      if (retryAfterSeconds !== undefined) {
        return [
          new GraphQLError(`Too many feed opens: retry in ${retryAfterSeconds} s`, {
            extensions: { code: 'RATE_LIMITED', retryAfterSeconds },
          }),
        ];
      }
      const prepared = operations.prepare(payload.query, payload.operationName);
      if (!('document' in prepared)) return [...prepared];
      const refused = operations.refusalWith(prepared, payload.variables);
      if (refused.length > 0) return [...refused];
      if (prepared.operation.operation !== 'subscription') {
        return [
          new GraphQLError(
            'Only subscriptions are served over WebSocket; send queries and mutations to POST /graphql',
            {
              extensions: { code: 'BAD_USER_INPUT' },
            },
          ),
        ];
      }
      const contextValue = { actor: extra.actor, connection: extra.state };
      outlets.set(contextValue, { id, send: extra.send });
      return {
        schema,
        document: prepared.document,
        operationName: payload.operationName,
        variableValues: payload.variables,
        contextValue,
      };
    },
    subscribe: async (args) => {
      const prepared = operations.of(args.document);
      if (!prepared) throw new Error('A subscription reached execution unprepared');
      // graphql-js resolves the subscription field and its arguments; each change is then
      // turned into a response by the compiled operation and sent from here.
      const { contextValue, variableValues } = args;
      const outlet = outlets.get(contextValue as object);
      if (!outlet) throw new Error('A subscription reached execution without its connection');
      const started = performance.now();
      const source = await createSourceEventStream(args);
      if (!(Symbol.asyncIterator in source)) return source;
      options.metrics?.request('subscription', (performance.now() - started) / 1000);
      const run = (change: unknown) =>
        prepared.compiled.query(change, contextValue, variableValues ?? undefined);
      const role = (contextValue as { actor?: Actor } | undefined)?.actor?.role ?? 'anonymous';
      const key = sharingKey(prepared, variableValues, role);
      const message = nextMessages(outlet.id);
      const respond = (change: unknown) => {
        const payload = responses.to(change, key, run);
        return typeof payload === 'string' ? message(payload) : payload.then(message);
      };
      return sendAll(source[Symbol.asyncIterator](), respond, outlet.send);
    },
    onNext: (_ctx, _id, _payload, _args, result: ExecutionResult) =>
      result.errors ? { ...result, errors: withCodesOf(result.errors) } : undefined,
    onError: (_ctx, _id, _payload, errors) => withCodesOf(errors) as never,
  });
}
