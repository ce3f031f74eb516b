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
import type { GraphQLSchema } from 'graphql';
import { CloseCode, handleProtocols, type Server } from 'graphql-ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { AuthService } from '../auth/auth.service';
import type { AppConfig } from '@app/application';
import { queryLimitsOf } from '../graphql/graphql-config';
import { OperationGuard } from '../graphql/operation-guard';
import { PreparedOperations } from '../graphql/prepared-operations';
import { APP_CONFIG } from '@app/application';
import { ChangeFeed } from './change-feed';
import { FeedOpenLimit, tooManyOpens } from './feed-open-limit';
import { keepAlive, KEEP_ALIVE_MS } from './keep-alive';
import {
  feedClient,
  OpenFeeds,
  RETRY_AFTER_SECONDS,
  tooManyFeeds,
  type FeedClient,
} from './open-feeds';
import { closeReason } from './subscription-errors';
import { subscriptionProtocol, type Connection } from './subscription-protocol';
import { coalescingSend, WriteTurns } from './write-coalescing';
import { ApiMetrics } from '../metrics/api-metrics';

const PATH = '/graphql';
/** WebSocket close code 1001: the server is going down. */
const GOING_AWAY = 1001;
/** Client messages are small (a subscribe carries one query); anything larger is abuse. */
const MAX_MESSAGE_BYTES = 256 * 1024;
/** Close codes: the token the connection authenticated with was revoked; too many connections. */
const REVOKED = { code: CloseCode.Forbidden, reason: 'Forbidden: the token was revoked' } as const;
const TOO_MANY = 4429;

/**
 * The WebSocket server for GraphQL subscriptions, on the GraphQL path: the upgrade, each
 * connection and its end, and WebSocket pings as keep-alive; the protocol spoken on a
 * connection is subscription-protocol.ts. Here also the server-wide connection cap (checked
 * before the upgrade) and the state a connection's subscriptions share. A client holds at most
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
        const body = {
          error: {
            code: 'RATE_LIMITED',
            message: tooManyFeeds('websocket', this.openFeeds.perClient),
          },
        };
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
    private readonly turns: WriteTurns,
    private readonly metrics: ApiMetrics,
  ) {}

  onApplicationBootstrap(): void {
    const schema = this.schema();
    const server = subscriptionProtocol({
      schema,
      operations: new PreparedOperations(
        schema,
        new OperationGuard(schema, queryLimitsOf(this.config)),
      ),
      auth: this.auth,
      logger: this.logger,
      production: this.config.production,
      publicRead: this.config.publicRead,
      admit: (connection, client) => this.holdAs(connection, client),
      metrics: this.metrics,
      mayOpen: (connection) =>
        this.feedOpens.allowsFrom(
          { authorization: connection.credential ?? connection.upgradeCredential },
          connection.address,
        ),
    });
    this.sockets.on('connection', (socket: WebSocket, request: IncomingMessage) =>
      this.serve(server, socket, request),
    );
    const http = this.adapterHost.httpAdapter.getHttpServer() as HttpServer;
    http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      if ((request.url ?? '').split('?')[0] !== PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      void this.feedOpens.allows(request).then((retryAfter) => {
        if (retryAfter === undefined) {
          this.sockets.handleUpgrade(request, socket, head, (ws) =>
            this.sockets.emit('connection', ws, request),
          );
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
    const grace = setTimeout(
      () => this.sockets.clients.forEach((socket) => socket.terminate()),
      1_000,
    );
    await closed;
    clearTimeout(grace);
  }

  /** The schema as Mercurius serves it over HTTP (with its transformations applied). */
  private schema(): GraphQLSchema {
    const fastify = this.adapterHost.httpAdapter.getInstance<{
      graphql?: { schema?: GraphQLSchema };
    }>();
    const schema = fastify.graphql?.schema;
    if (!schema) throw new Error('The GraphQL schema is not ready: subscriptions cannot be served');
    return schema;
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
    connection.slot = this.openFeeds.claim('websocket', client, () =>
      socket.close(REVOKED.code, REVOKED.reason),
    );
    if (!connection.slot)
      socket.close(TOO_MANY, closeReason(tooManyFeeds('websocket', this.openFeeds.perClient)));
    return connection.slot !== undefined;
  }

  /** graphql-ws speaks the protocol; this binds it to one `ws` socket. */
  private serve(server: Server<Connection>, socket: WebSocket, request: IncomingMessage): void {
    const send = coalescingSend(socket, this.config.feedLimits.sendBufferBytes, this.turns);
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
              this.logger.error(
                error instanceof Error ? (error.stack ?? error.message) : String(error),
              );
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
