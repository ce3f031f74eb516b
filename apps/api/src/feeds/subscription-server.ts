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
import { MAX_QUERY_DEPTH, withCodes, type FormattedError } from '../graphql/graphql-config';
import { PreparedOperations } from '../graphql/prepared-operations';
import { toGraphqlError } from '../graphql/error-codes';
import { SharedResponses, sharingKey } from './shared-responses';
import { APP_CONFIG } from '../infrastructure/tokens';
import { ChangeFeed } from './change-feed';
import { FEED_LIMITS, type ConnectionState } from './connection-limits';
import { nextMessages, sendAll } from './subscription-sender';
import { coalescingSend, type CoalescingSend } from './write-coalescing';

const PATH = '/graphql';
/** WebSocket close code 1001: the server is going down. */
const GOING_AWAY = 1001;
/** Client messages are small (a subscribe carries one query); anything larger is abuse. */
const MAX_MESSAGE_BYTES = 256 * 1024;

/** What the server keeps per WebSocket, beside graphql-ws's own context. */
interface Connection {
  readonly state: ConnectionState;
  /** What `connectionParams` presented, checked again on each subscribe (it may be revoked). */
  credential?: unknown;
  actor?: Actor;
  /** Sends one message on this connection (see write-coalescing.ts). */
  readonly send: CoalescingSend;
}

/** Where a subscription's messages go: its id, and its connection's sender. */
interface Outlet {
  readonly id: string;
  readonly send: CoalescingSend;
}

const formatted = (error: unknown): FormattedError =>
  error instanceof GraphQLError ? (error.toJSON() as FormattedError) : { message: String(error) };

/**
 * GraphQL subscriptions over WebSocket (the graphql-transport-ws protocol, served by graphql-ws)
 * on the GraphQL path. Operations are prepared once per text and each message is produced by
 * the compiled operation: a feed with a thousand subscribers, or one subscriber catching up on a
 * backlog, spends its time on delivery, not on interpreting the query again for every change.
 * Here also: the server-wide connection cap (checked before the upgrade), the per-connection
 * state its subscriptions share, the token in `connectionParams` verified exactly as the HTTP
 * bearer token, and WebSocket pings as keep-alive.
 */
@Injectable()
export class SubscriptionServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Subscriptions');
  private readonly sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => handleProtocols(protocols),
    verifyClient: (_info, done) => {
      if (this.sockets.clients.size >= FEED_LIMITS.maxConnections) {
        done(false, 503, `Connection limit reached (${FEED_LIMITS.maxConnections}); retry later`);
      } else done(true);
    },
  });

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: AuthService,
    private readonly feed: ChangeFeed,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const schema = this.schema();
    const server = this.protocolServer(schema, new PreparedOperations(schema, MAX_QUERY_DEPTH));
    this.sockets.on('connection', (socket: WebSocket) => this.serve(server, socket));
    const http = this.adapterHost.httpAdapter.getHttpServer() as HttpServer;
    http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      if ((request.url ?? '').split('?')[0] !== PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      this.sockets.handleUpgrade(request, socket, head, (ws) => this.sockets.emit('connection', ws, request));
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

  /**
   * An error as the client sees it. Errors raised while running (the feed, a resolver) are
   * translated like those of HTTP resolvers: known ones get their code, anything else is logged
   * and answered as INTERNAL_SERVER_ERROR. Errors without a cause are about the request itself
   * (variables that do not fit, say): BAD_USER_INPUT, added by `withCodes`.
   */
  private readonly outgoing = (error: unknown): FormattedError => {
    if (!(error instanceof GraphQLError)) return formatted(toGraphqlError(error, this.logger, this.config.production));
    if (error.extensions?.code || !error.originalError) return formatted(error);
    const translated = toGraphqlError(error.originalError, this.logger, this.config.production);
    return { ...formatted(error), message: translated.message, extensions: { ...translated.extensions } };
  };

  /** The schema as Mercurius serves it over HTTP (with its transformations applied). */
  private schema(): GraphQLSchema {
    const fastify = this.adapterHost.httpAdapter.getInstance<{ graphql?: { schema?: GraphQLSchema } }>();
    const schema = fastify.graphql?.schema;
    if (!schema) throw new Error('The GraphQL schema is not ready: subscriptions cannot be served');
    return schema;
  }

  private protocolServer(schema: GraphQLSchema, operations: PreparedOperations): Server<Connection> {
    const { production } = this.config;
    const withCodesOf = (errors: readonly unknown[]) => withCodes(errors.map(this.outgoing), production);
    // Errors are written as HTTP resolvers' are (codes added, internals hidden).
    const responses = new SharedResponses((result: ExecutionResult) =>
      JSON.stringify(result.errors ? { ...result, errors: withCodesOf(result.errors) } : result),
    );
    // Each subscription's execution context, mapped to where its messages go.
    const outlets = new WeakMap<object, Outlet>();
    return makeServer<Record<string, unknown> | undefined, Connection>({
      schema,
      onConnect: ({ connectionParams, extra }) => {
        const credential = connectionParams?.authorization ?? connectionParams?.Authorization ?? connectionParams?.token;
        if (credential === undefined) return this.config.publicRead;
        // A credential that does not verify is refused even where reads are public.
        extra.credential = credential;
        extra.actor = this.auth.verify(credential);
        return extra.actor !== undefined;
      },
      onSubscribe: ({ extra }, id, payload) => {
        if (extra.credential !== undefined && !this.auth.verify(extra.credential)) {
          return [new GraphQLError('The bearer token is invalid or revoked', { extensions: { code: 'UNAUTHENTICATED' } })];
        }
        const prepared = operations.prepare(payload.query, payload.operationName);
        if (!('document' in prepared)) return [...prepared];
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

  /** graphql-ws speaks the protocol; this binds it to one `ws` socket. */
  private serve(server: Server<Connection>, socket: WebSocket): void {
    const send = coalescingSend(socket, FEED_LIMITS.sendBufferBytes);
    const connection: Connection = { state: { socket, subscriptions: 0 }, send };
    const stopPinging = keepAlive(socket, FEED_LIMITS.keepAliveMs);
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
      void closed(code, reason.toString());
    });
  }
}

/** WebSocket close reasons are at most 123 bytes (and may carry a client-chosen id). */
function closeReason(reason: string | undefined): string | undefined {
  if (reason === undefined || Buffer.byteLength(reason) <= 123) return reason;
  let cut = reason.slice(0, 120);
  while (Buffer.byteLength(cut) > 120) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Pings the client every `intervalMs`; one that has not answered by the next ping is dropped. */
function keepAlive(socket: WebSocket, intervalMs: number): () => void {
  let answered = true;
  socket.on('pong', () => (answered = true));
  const timer = setInterval(() => {
    if (!answered) return socket.terminate();
    answered = false;
    socket.ping();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
