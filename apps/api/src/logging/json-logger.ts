import type { LoggerService } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import type { LogLevel } from '@app/application';

/** One JSON object per line on stdout (pino), the format log collectors read without a parser. */
export function jsonLog(level: LogLevel): Logger {
  return pino({ level, base: { pid: process.pid } });
}

/**
 * Sends each request's id back (`x-request-id`), so a caller can quote it. Fastify's own lines
 * carry it as `reqId` (its per-request logger); the application's lines about a request pass it
 * with `aboutRequest`. (An AsyncLocalStorage scope per request would find it by itself, but on
 * Node 20 it tracks every promise: measured, a third of the throughput of an `events` page.)
 */
export function sendRequestIds(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
}

/** A log message about one request: JsonLogger writes `reqId` as a field of its line. */
export const aboutRequest = (reqId: string | undefined, msg: string) =>
  reqId === undefined ? msg : { msg, reqId };

/** Nest's logging, written by pino: the context as `context`, the request's id as `reqId`. */
export class JsonLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    // Nest passes (message, stack, context) for errors.
    const [stack, context] = rest.length >= 2 ? rest : [undefined, rest[0]];
    this.write('error', message, [context], typeof stack === 'string' ? { stack } : {});
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(
    level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace',
    message: unknown,
    rest: unknown[],
    extra: Record<string, unknown> = {},
  ): void {
    const context = rest[rest.length - 1];
    const fields = { ...(typeof context === 'string' ? { context } : {}), ...extra };
    if (typeof message === 'string') this.pino[level](fields, message);
    else if (isAboutRequest(message)) {
      this.pino[level]({ ...fields, reqId: message.reqId }, message.msg);
    } else this.pino[level]({ ...fields, detail: message });
  }
}

function isAboutRequest(message: unknown): message is { msg: string; reqId: string } {
  const m = message as { msg?: unknown; reqId?: unknown } | null;
  return typeof m?.msg === 'string' && typeof m.reqId === 'string';
}
