import { Controller, Get, Headers, Inject, Logger, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '@app/domain';
import { type EventStore } from '@app/event-store';
import type { AppConfig } from '../config/app-config';
import { AuthService } from '../auth/auth.service';
import { toTimelineFilter } from '../diplomatic-events/event-filter';
import type { EventFilter } from '../diplomatic-events/graphql/filter.input';
import { APP_CONFIG, EVENT_STORE } from '../infrastructure/tokens';
import { ChangeFeed } from './change-feed';
import { FEED_LIMITS } from './connection-limits';
import { parseCursor } from './cursor';
import { streamChanges } from './http-feed-stream';
import { toEventChangeJson } from './feeds.resolver';

const list = (value?: string) =>
  value === undefined || value === '' ? undefined : value.split(',').map((v) => v.trim());

/**
 * The change feed for plain HTTP clients: newline-delimited JSON, or Server-Sent Events when
 * the client accepts `text/event-stream` (then `Last-Event-ID` resumes). Same cursor, same
 * filter and the same exactly-once order as the GraphQL subscription.
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
    if (headers.authorization !== undefined && !this.auth.verify(headers.authorization)) {
      return refuse(401, 'UNAUTHENTICATED', 'The bearer token is invalid or revoked');
    }
    if (!this.config.publicRead && headers.authorization === undefined) {
      return refuse(
        401,
        'UNAUTHENTICATED',
        'Reads are private here: send Authorization: Bearer <token>',
      );
    }
    if (this.open >= FEED_LIMITS.maxConnections) {
      return refuse(
        503,
        'RATE_LIMITED',
        `Connection limit reached (${FEED_LIMITS.maxConnections}); retry later`,
      );
    }
    // Counted from here, not from when streaming starts: requests arriving together while their
    // cursors are checked must not all pass the cap.
    this.open += 1;
    try {
      await this.stream(query, headers, reply, sse, refuse);
    } finally {
      this.open -= 1;
    }
  }

  private async stream(
    query: Record<string, string | undefined>,
    headers: Record<string, string | undefined>,
    reply: FastifyReply,
    sse: boolean,
    refuse: (status: number, code: string, message: string, fields?: unknown) => unknown,
  ): Promise<void> {
    let after: bigint;
    let filter;
    try {
      filter = toTimelineFilter({
        countries: list(query.countries),
        kinds: list(query.kinds),
        tags: list(query.tags),
        cameoRoots: list(query.cameoRoots),
        quadClasses: list(query.quadClasses)?.map(Number),
        occurredFrom: query.occurredFrom,
        occurredTo: query.occurredTo,
        text: query.text,
      } as EventFilter);
      const resumeFrom = query.after ?? (sse ? headers['last-event-id'] : undefined);
      after = parseCursor(resumeFrom, await this.store.headPosition()) ?? this.feed.position;
    } catch (error) {
      if (error instanceof DomainError) {
        await refuse(400, 'BAD_USER_INPUT', error.message, error.issues);
        return;
      }
      throw error;
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
      drainTimeoutMs: FEED_LIMITS.drainTimeoutMs,
      keepAliveMs: FEED_LIMITS.keepAliveMs,
      toJson: toEventChangeJson,
      onError: (error) =>
        this.logger.error(`Feed stream failed: ${String(error)}`, (error as Error)?.stack),
    });
  }
}
