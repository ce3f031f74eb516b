import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { createSourceEventStream, GraphQLError, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { CloseCode, handleProtocols, makeServer, type Server } from 'graphql-ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Actor } from '../auth/actor';
import { AuthService } from '../auth/auth.service';
import type { AppConfig } from '../config/app-config';
import { queryLimitsOf, withCodes } from '../graphql/graphql-config';
import { PreparedOperations } from '../graphql/prepared-operations';
import { OperationGuard } from '../graphql/operation-guard';
import { FeedOpenLimit, tooManyOpens } from './feed-open-limit';
import { closeReason, outgoingError } from './subscription-errors';
import { SharedResponses, sharingKey } from './shared-responses';
import { APP_CONFIG } from '../infrastructure/tokens';
import { ChangeFeed } from './change-feed';
import { keepAlive, KEEP_ALIVE_MS, type ConnectionState } from './connection-limits';
import { feedClient, OpenFeeds, RETRY_AFTER_SECONDS, tooManyFeeds, type FeedClient, type FeedSlot } from './open-feeds';
import { nextMessages, sendAll } from './subscription-sender';
import { coalescingSend, type CoalescingSend } from './write-coalescing';

const PATH = '/graphql';
/** WebSocket close code 1001: the server is going down. */
const GOING_AWAY = 1001;
/** Client messages are small (a subscribe carries one query); anything larger is abuse. */
const MAX_MESSAGE_BYTES = 256 * 1024;
/** Close codes: the token the connection authenticated with was revoked; too many connections. */
const REVOKED = { code: CloseCode.Forbidden, reason: 'Forbidden: the token was revoked' } as const;
const TOO_MANY = 4429;

/** What the server keeps per WebSocket, beside graphql-ws's own context. */
interface Connection {
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


/**
 * GraphQL subscriptions over WebSocket (the graphql-transport-ws protocol, served by graphql-ws)
 * on the GraphQL path. Operations are prepared once per text and each message is produced by
 * the compiled operation: a feed with a thousand subscribers, or one subscriber catching up on a
 * backlog, spends its time on delivery, not on interpreting the query again for every change.
 * Here also: the server-wide connection cap (checked before the upgrade), the per-connection
 * state its subscriptions share, the token in `connectionParams` verified exactly as the HTTP
 * bearer token, and WebSocket pings as keep-alive. A client holds at most
 * `MAX_FEEDS_PER_CLIENT` connections: one known at the upgrade (by its address, or by a token in
 * the Authorization header) is refused there with 429; one whose token comes in `connectionParams`
 * is closed with 4429 past its share. Revoking a token closes its connections with 4403.
 */
@Injectable()
export class SubscriptionServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Subscriptions');
  private readonly sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => handleProtocols(protocols),
    verifyClient: (info, done) => {
      const { maxConnections } = this.config.feedLimits;
      if (this.sockets.clients.size >= maxConnections) {
        return done(false, 503, `Connection limit reached (${maxConnections}); retry later`);
      }
      const client = this.clientOf(info.req.headers.authorization, info.req);
      if (!this.openFeeds.hasRoom('websocket', client)) {
        const body = { error: { code: 'RATE_LIMITED', message: tooManyFeeds('websocket', this.openFeeds.perClient) } };
        return done(false, 429, JSON.stringify(body), {
          'Content-Type': 'application/json',
          'Retry-After': String(RETRY_AFTER_SECONDS),
        });
      }
      // The slot is claimed on 'connection', which `ws` emits in this same turn when `done`
      // is called at once: no other upgrade can take it in between.
      this.upgrading.set(info.req, client);
      done(true);
    },
  });
  /** Each upgrade's client, from verifyClient to its connection. */
  private readonly upgrading = new WeakMap<IncomingMessage, FeedClient>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: AuthService,
    private readonly feed: ChangeFeed,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly openFeeds: OpenFeeds,
    private readonly feedOpens: FeedOpenLimit,
  ) {}

  onApplicationBootstrap(): void {
    const schema = this.schema();
    const server = this.protocolServer(schema, new PreparedOperations(schema, new OperationGuard(schema, queryLimitsOf(this.config))));
    this.sockets.on('connection', (socket: WebSocket, request: IncomingMessage) => this.serve(server, socket, request));
    const http = this.adapterHost.httpAdapter.getHttpServer() as HttpServer;
    http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      if ((request.url ?? '').split('?')[0] !== PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      void this.feedOpens.allows(request).then((retryAfter) => {
        if (retryAfter === undefined) {
          this.sockets.handleUpgrade(request, socket, head, (ws) => this.sockets.emit('connection', ws, request));
        } else socket.end(tooManyOpens(retryAfter));
      });
    });
  }

  /**
   * Feeds end first (each subscriber receives `complete`), then the sockets close; a client that
   * does not answer the close within a second is cut off, so shutdown never waits on a client.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.feed.beforeApplicationShutdown();
    for (const socket of this.sockets.clients) socket.close(GOING_AWAY, 'Server shutting down');
    const closed = new Promise<void>((resolve) => this.sockets.close(() => resolve()));
    const grace = setTimeout(() => this.sockets.clients.forEach((socket) => socket.terminate()), 1_000);
    await closed;
    clearTimeout(grace);
  }

  /** The schema as Mercurius serves it over HTTP (with its transformations applied). */
  private schema(): GraphQLSchema {
    const fastify = this.adapterHost.httpAdapter.getInstance<{ graphql?: { schema?: GraphQLSchema } }>();
    const schema = fastify.graphql?.schema;
    if (!schema) throw new Error('The GraphQL schema is not ready: subscriptions cannot be served');
    return schema;
  }

  private protocolServer(schema: GraphQLSchema, operations: PreparedOperations): Server<Connection> {
    const { production } = this.config;
    const outgoing = outgoingError(this.logger, production);
    const withCodesOf = (errors: readonly unknown[]) => withCodes(errors.map(outgoing), production);
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
          connectionParams?.authorization ?? connectionParams?.Authorization ?? (typeof bare === 'string' ? `Bearer ${bare}` : bare);
        const presented = credential ?? extra.upgradeCredential;
        if (presented === undefined) return this.config.publicRead;
        // A credential that does not verify is refused even where reads are public.
        extra.credential = presented;
        extra.actor = this.auth.verify(presented);
        return extra.actor !== undefined && this.holdAs(extra, feedClient(extra.actor, presented, extra.address));
      },
      onSubscribe: ({ extra }, id, payload) => {
        if (extra.credential !== undefined && !this.auth.verify(extra.credential)) {
          return [new GraphQLError('The bearer token is invalid or revoked', { extensions: { code: 'UNAUTHENTICATED' } })];
        }
        const prepared = operations.prepare(payload.query, payload.operationName);
        if (!('document' in prepared)) return [...prepared];
        const refused = operations.refusalWith(prepared, payload.variables);
        if (refused.length > 0) return [...refused];
        if (prepared.operation.operation !== 'subscription') {
          return [
            new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations to POST /graphql', {
              extensions: { code: 'BAD_USER_INPUT' },
            }),
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
        const source = await createSourceEventStream(args);
        if (!(Symbol.asyncIterator in source)) return source;
        const run = (change: unknown) => prepared.compiled.query(change, contextValue, variableValues ?? undefined);
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

  /** Who opens a connection: the token's name if `credential` verifies, else the address. */
  private clientOf(credential: unknown, request: IncomingMessage): FeedClient {
    const actor = credential === undefined ? undefined : this.auth.verify(credential);
    return feedClient(actor, credential, request.socket.remoteAddress);
  }

  /**
   * Moves the connection's slot to `client` (its token, once `connectionParams` named it);
   * false, with the socket closed, when that client already holds its share.
   */
  private holdAs(connection: Connection, client: FeedClient): boolean {
    const held = connection.slot?.client;
    if (held?.id === client.id && held.credential === client.credential) return true;
    connection.slot?.release();
    return this.hold(connection, client);
  }

  private hold(connection: Connection, client: FeedClient): boolean {
    const { socket } = connection.state;
    connection.slot = this.openFeeds.claim('websocket', client, () => socket.close(REVOKED.code, REVOKED.reason));
    if (!connection.slot) socket.close(TOO_MANY, closeReason(tooManyFeeds('websocket', this.openFeeds.perClient)));
    return connection.slot !== undefined;
  }

  /** graphql-ws speaks the protocol; this binds it to one `ws` socket. */
  private serve(server: Server<Connection>, socket: WebSocket, request: IncomingMessage): void {
    const send = coalescingSend(socket, this.config.feedLimits.sendBufferBytes);
    const client = this.upgrading.get(request) ?? this.clientOf(undefined, request);
    this.upgrading.delete(request);
    const connection: Connection = {
      state: { socket, subscriptions: 0 },
      send,
      upgradeCredential: request.headers.authorization,
      address: request.socket.remoteAddress,
    };
    // Refused only if 'connection' came apart from its verifyClient (see there).
    this.hold(connection, client);
    const stopPinging = keepAlive(socket, KEEP_ALIVE_MS);
    // Invalid frames (bad UTF-8, oversized messages) make `ws` close the socket; nothing to add.
    socket.on('error', () => undefined);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send,
        close: (code, reason) => socket.close(code, closeReason(reason)),
        onMessage: (handle) =>
          socket.on('message', (data: Buffer) => {
            handle(String(data)).catch((error: unknown) => {
              this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            });
          }),
      },
      connection,
    );
    socket.once('close', (code: number, reason: Buffer) => {
      stopPinging();
      connection.slot?.release();
      void closed(code, reason.toString());
    });
  }
}
