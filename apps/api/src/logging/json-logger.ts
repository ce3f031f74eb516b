import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggerService } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import type { LogLevel } from '@app/application';

/** The id of the request whose work is running, wherever in its async chain a line is logged. */
const requestIds = new AsyncLocalStorage<string>();

/** One JSON object per line on stdout (pino), the format log collectors read without a parser. */
export function jsonLog(level: LogLevel): Logger {
  return pino({ level, base: { pid: process.pid } });
}

/**
 * Runs each request's lifecycle inside its id, so every line it causes carries `reqId`: Fastify's
 * own lines do already (its per-request logger); Nest's loggers go through JsonLogger below.
 * The id is also sent back (`x-request-id`), so a caller can quote it.
 */
export function scopeRequests(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    requestIds.run(request.id, done);
  });
}

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
    const reqId = requestIds.getStore();
    const fields = {
      ...(typeof context === 'string' ? { context } : {}),
      ...(reqId ? { reqId } : {}),
      ...extra,
    };
    if (typeof message === 'string') this.pino[level](fields, message);
    else this.pino[level]({ ...fields, detail: message });
  }
}
