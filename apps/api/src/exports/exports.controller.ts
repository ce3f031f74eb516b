import { Readable } from 'node:stream';
import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '@app/domain';
import {
  APP_CONFIG,
  checkKnownParameters,
  eventExport,
  EXPORT_FILTER_PARAMETERS,
  filterFromQuery,
  knownAtFromQuery,
  panelExport,
  panelFromQuery,
  ReadSide,
  type AppConfig,
  type EventExportFormat,
  type RawQuery,
} from '@app/application';
import { AuthService } from '../auth/auth.service';
import { clientId } from '../http/client-id';

/** Exports one node streams at once; more wait for a slot (each holds a read of the models). */
export const MAX_OPEN_EXPORTS = 8;
/** Of those, what one client (a token, else an address) may hold: no one can take them all. */
export const MAX_OPEN_EXPORTS_PER_CLIENT = 2;

const MEDIA_TYPES: Record<EventExportFormat | 'panel.csv', string> = {
  'events.csv': 'text/csv; charset=utf-8; header=present',
  'events.ndjson': 'application/x-ndjson; charset=utf-8',
  'events.plover.jsonl': 'application/jsonl; charset=utf-8',
  'panel.csv': 'text/csv; charset=utf-8; header=present',
};

type Refuse = (status: number, code: string, message: string, fields?: unknown) => unknown;

/**
 * Streamed exports for research tools: the records `/feeds/changes` would select (same filter
 * parameters, plus `knownAt`), as CSV, NDJSON or PLOVER JSON lines, and a dyad-period panel.
 * Reads follow the same rule as every read (public unless PUBLIC_READ=false; a token given
 * must be valid, and a revoked one ends the export). Output is pulled page by page as the
 * client reads it, so a slow client holds one page, and one that stops reading is dropped.
 */
@Controller('exports')
export class ExportsController {
  private open = 0;
  private readonly openByClient = new Map<string, number>();

  constructor(
    private readonly auth: AuthService,
    private readonly readSide: ReadSide,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('events.csv')
  eventsCsv(@Query() q: RawQuery, @Headers() h: Record<string, string>, @Res() r: FastifyReply) {
    return this.events('events.csv', q, h, r);
  }

  @Get('events.ndjson')
  eventsNdjson(@Query() q: RawQuery, @Headers() h: Record<string, string>, @Res() r: FastifyReply) {
    return this.events('events.ndjson', q, h, r);
  }

  @Get('events.plover.jsonl')
  eventsPlover(@Query() q: RawQuery, @Headers() h: Record<string, string>, @Res() r: FastifyReply) {
    return this.events('events.plover.jsonl', q, h, r);
  }

  @Get('panel.csv')
  panel(@Query() q: RawQuery, @Headers() h: Record<string, string>, @Res() r: FastifyReply) {
    return this.stream('panel.csv', h, r, () => {
      const panel = panelFromQuery(q, () => new Date());
      return panelExport(this.readSide.timeline, this.readSide.relationships, panel);
    });
  }

  private events(
    format: EventExportFormat,
    q: RawQuery,
    h: Record<string, string>,
    r: FastifyReply,
  ) {
    return this.stream(format, h, r, () => {
      checkKnownParameters(q, [...EXPORT_FILTER_PARAMETERS, 'knownAt']);
      const filter = filterFromQuery(q);
      const knownAt = knownAtFromQuery(q, () => new Date());
      return eventExport(this.readSide.timeline, format, filter, knownAt);
    });
  }

  private async stream(
    name: EventExportFormat | 'panel.csv',
    headers: Record<string, string | undefined>,
    reply: FastifyReply,
    start: () => AsyncGenerator<string>,
  ): Promise<void> {
    const refuse: Refuse = (status, code, message, fields) =>
      reply.status(status).send({ error: { code, message, ...(fields ? { fields } : {}) } });
    const credential = headers.authorization;
    const actor = credential === undefined ? undefined : this.auth.verify(credential);
    if (credential !== undefined && !actor)
      return void refuse(401, 'UNAUTHENTICATED', 'The bearer token is invalid or revoked');
    if (!this.config.publicRead && credential === undefined)
      return void refuse(
        401,
        'UNAUTHENTICATED',
        'Reads are private here: send Authorization: Bearer <token>',
      );
    let chunks: AsyncGenerator<string>;
    try {
      chunks = start();
    } catch (error) {
      if (error instanceof DomainError)
        return void refuse(400, 'BAD_USER_INPUT', error.message, error.issues);
      throw error;
    }
    const client = clientId(actor, reply.request.ip);
    const held = this.openByClient.get(client) ?? 0;
    if (held >= MAX_OPEN_EXPORTS_PER_CLIENT) {
      reply.header('retry-after', '5');
      return void refuse(
        429,
        'RATE_LIMITED',
        `Export limit reached (${MAX_OPEN_EXPORTS_PER_CLIENT} at once per client); retry when one ends`,
      );
    }
    if (this.open >= MAX_OPEN_EXPORTS) {
      reply.header('retry-after', '5');
      return void refuse(
        503,
        'RATE_LIMITED',
        `Export limit reached (${MAX_OPEN_EXPORTS} at once); retry later`,
      );
    }
    this.open += 1;
    this.openByClient.set(client, held + 1);
    const stillAllowed = () =>
      credential === undefined || this.auth.verify(credential) !== undefined;
    const body = Readable.from(guarded(chunks, stillAllowed), { objectMode: false });
    // Freed when the body closes, however it ends: read to the end, dropped, or never read.
    body.once('close', () => {
      this.open -= 1;
      const left = (this.openByClient.get(client) ?? 1) - 1;
      if (left > 0) this.openByClient.set(client, left);
      else this.openByClient.delete(client);
    });
    // A client that stops reading stops the socket; past this it is dropped and its slot freed.
    reply.raw.setTimeout(this.config.feedLimits.drainTimeoutMs, () => body.destroy());
    await reply
      .header('content-type', MEDIA_TYPES[name])
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(body);
  }
}

/**
 * The chunks, cut when the token that opened the export is revoked: the stream fails, so the
 * transfer is aborted and the client cannot take the truncated file for a complete one.
 */
async function* guarded(
  chunks: AsyncGenerator<string>,
  stillAllowed: () => boolean,
): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    if (!stillAllowed()) throw new Error('export cut: the token that opened it was revoked');
    yield Buffer.from(chunk, 'utf8');
  }
}
