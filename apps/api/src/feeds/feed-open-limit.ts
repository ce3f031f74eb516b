import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import { AuthService } from '../auth/auth.service';
import type { AppConfig } from '@app/application';
import { clientKey } from '../http/http-protections';
import { APP_CONFIG } from '@app/application';

type Limiter = (request: unknown) => Promise<{ isExceeded?: boolean; ttlInSeconds?: number }>;
interface RateLimited {
  createRateLimit?: (options: object) => Limiter;
}

/** The raw answer refusing an upgrade past the limit (the socket is not yet a WebSocket). */
export function tooManyOpens(retryAfterSeconds: number): string {
  const body = JSON.stringify({
    error: {
      code: 'RATE_LIMITED',
      message: `Too many feed opens: retry in ${retryAfterSeconds} s`,
    },
  });
  return [
    'HTTP/1.1 429 Too Many Requests',
    'Content-Type: application/json',
    `Retry-After: ${retryAfterSeconds}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/**
 * How often one client may open a WebSocket or subscribe on one: the same rule and the same
 * counters as opening an HTTP feed (`RATE_LIMIT_FEED_OPENS` per minute), from the rate-limit
 * plugin's own limiter. Upgrades never reach a Fastify route, so they are counted here, before
 * the handshake.
 */
@Injectable()
export class FeedOpenLimit {
  private limiter: Limiter | undefined;
  private readonly clientOf;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.clientOf = clientKey((header) => auth.verify(header));
  }

  /** Undefined when the upgrade may go on; else the seconds after which to retry. */
  allows(request: IncomingMessage): Promise<number | undefined> {
    return this.allowsFrom(request.headers, request.socket.remoteAddress);
  }

  /** The same, for a client known by its headers and address (a subscribe on an open socket). */
  async allowsFrom(
    headers: Record<string, unknown>,
    ip: string | undefined,
  ): Promise<number | undefined> {
    const max = this.config.requestLimits.feedOpensPerMinute;
    if (max === 0) return undefined;
    this.limiter ??= this.adapterHost.httpAdapter.getInstance<RateLimited>().createRateLimit?.({
      max,
      timeWindow: 60_000,
      keyGenerator: (req: { headers: Record<string, unknown>; ip?: string }) =>
        this.clientOf(req.headers, req.ip),
    });
    if (!this.limiter) return undefined;
    // The limiter reads a request's headers, address and route options (none for an upgrade).
    const outcome = await this.limiter({ headers, ip, routeOptions: { config: {} } });
    return outcome.isExceeded ? Math.max(1, outcome.ttlInSeconds ?? 1) : undefined;
  }
}
