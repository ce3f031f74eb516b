import { Controller, Get, Headers, Inject, Logger, Query, Res } from '@nestjs/common';
import { aboutRequest } from '../logging/json-logger';
import type { FastifyReply } from 'fastify';
import { DomainError } from '@app/domain';
import { type EventStore } from '@app/event-store';
import type { AppConfig } from '@app/application';
import { AuthService } from '../auth/auth.service';
import { APP_CONFIG, EVENT_STORE, filterFromQuery } from '@app/application';
import { ChangeFeed } from './change-feed';
import { parseCursor } from './cursor';
import { EventChangeMapping } from './event-change-mapping';
import { streamChanges } from './http-feed-stream';
import { KEEP_ALIVE_MS } from './keep-alive';
import { feedClient, OpenFeeds, RETRY_AFTER_SECONDS, tooManyFeeds } from './open-feeds';
import { WriteTurns } from './write-coalescing';

/**
 * The change feed for plain HTTP clients: newline-delimited JSON, or Server-Sent Events when
 * the client accepts `text/event-stream` (then `Last-Event-ID` resumes). Same cursor, same
 * filter and the same exactly-once order as the GraphQL subscription. A feed opened with a
 * token ends when the token is revoked; one client holds at most `MAX_FEEDS_PER_CLIENT` feeds.
 */
@Controller('feeds')
export class FeedsController {
  private open = 0;
  private readonly logger = new Logger('Feeds');

  constructor(
    private readonly feed: ChangeFeed,
    private readonly auth: AuthService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly openFeeds: OpenFeeds,
    private readonly mapping: EventChangeMapping,
    private readonly turns: WriteTurns,
  ) {}

  @Get('changes')
  async changes(
    @Query() query: Record<string, string | undefined>,
    @Headers() headers: Record<string, string | undefined>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const sse = (headers.accept ?? '').includes('text/event-stream');
    const refuse = (status: number, code: string, message: string, fields?: unknown) =>
      reply.status(status).send({ error: { code, message, ...(fields ? { fields } : {}) } });
    const actor =
      headers.authorization === undefined ? undefined : this.auth.verify(headers.authorization);
    if (headers.authorization !== undefined && !actor) {
      return refuse(401, 'UNAUTHENTICATED', 'The bearer token is invalid or revoked');
    }
    if (!this.config.publicRead && headers.authorization === undefined) {
      return refuse(
        401,
        'UNAUTHENTICATED',
        'Reads are private here: send Authorization: Bearer <token>',
      );
    }
    const { maxConnections } = this.config.feedLimits;
    if (this.open >= maxConnections) {
      return refuse(
        503,
        'RATE_LIMITED',
        `Connection limit reached (${maxConnections}); retry later`,
      );
    }
    const revocation = new AbortController();
    const client = feedClient(actor, headers.authorization, reply.request.ip);
    // Claimed from here, not from when streaming starts: requests arriving together while their
    // cursors are checked must not all pass the caps.
    const slot = this.openFeeds.claim('http', client, () => revocation.abort());
    if (!slot) {
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return refuse(429, 'RATE_LIMITED', tooManyFeeds('http', this.openFeeds.perClient));
    }
    this.open += 1;
    try {
      await this.stream(query, headers, reply, sse, refuse, revocation.signal);
    } finally {
      this.open -= 1;
      slot.release();
    }
  }

  private async stream(
    query: Record<string, string | undefined>,
    headers: Record<string, string | undefined>,
    reply: FastifyReply,
    sse: boolean,
    refuse: (status: number, code: string, message: string, fields?: unknown) => unknown,
    revoked: AbortSignal,
  ): Promise<void> {
    let after: bigint;
    let filter;
    try {
      // The same check as GraphQL's EventFilter (same limits, same messages, paths unprefixed),
      // from the same parameters as the exports.
      filter = filterFromQuery(query);
      // A reconnecting EventSource sends Last-Event-ID but keeps the URL it was opened with:
      // the header is the later position, so it wins over `?after=`.
      const resumeFrom = (sse ? headers['last-event-id'] : undefined) ?? query.after;
      after = parseCursor(resumeFrom, await this.store.headPosition()) ?? this.feed.position;
    } catch (error) {
      if (error instanceof DomainError) {
        await refuse(400, 'BAD_USER_INPUT', error.message, error.issues);
        return;
      }
      throw error;
    }
    if (revoked.aborted) {
      await refuse(401, 'UNAUTHENTICATED', 'The bearer token is invalid or revoked');
      return;
    }

    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      'content-type': sse
        ? 'text/event-stream; charset=utf-8'
        : 'application/x-ndjson; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // The status now, not with the first change: a live-only client knows it is connected.
    out.flushHeaders();
    await streamChanges(out, this.feed.follow({ filter, after }), {
      sse,
      drainTimeoutMs: this.config.feedLimits.drainTimeoutMs,
      keepAliveMs: KEEP_ALIVE_MS,
      revoked,
      toJson: this.mapping.toJson,
      turns: this.turns,
      onError: (error) =>
        this.logger.error(
          aboutRequest(reply.request.id, `Feed stream failed: ${String(error)}`),
          (error as Error)?.stack,
        ),
    });
  }
}
