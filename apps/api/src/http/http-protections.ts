import cors from '@fastify/cors';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '@app/application';
import type { AppConfig } from '@app/application';
import { answerHttpError } from '../graphql/graphql-error.filter';
import type { ApiMetrics } from '../metrics/api-metrics';
import { clientId } from './client-id';
import { checkGraphqlRequest, GRAPHQL_PATH } from './graphql-request-shape';
import { withGraphqlMediaType } from './graphql-media-type';

/** The route whose opens count as feed opens (WebSocket upgrades are counted by the same rule). */
export const FEED_ROUTE = '/feeds/changes';
const HEALTH_ROUTE = '/health';
const MINUTE_MS = 60_000;

export type ClientOf = (headers: Record<string, unknown>, ip: string | undefined) => string;

export function clientKey(verify: (header: unknown) => Actor | undefined): ClientOf {
  return (headers, ip) => {
    const header = headers.authorization;
    return clientId(header === undefined ? undefined : verify(header), ip);
  };
}

/** A 429 in the project's error shape; the plugin has already set `Retry-After`. */
export const rateLimited = (retryAfterSeconds: number, what: string) =>
  Object.assign(new Error(`Too many ${what}: retry in ${retryAfterSeconds} s`), {
    statusCode: 429,
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds },
  });

/**
 * What every HTTP request meets before a route runs: security headers (helmet, with a policy
 * the offline GraphiQL page works under: scripts and styles from this origin only), the shape of
 * a GraphQL request (graphql-request-shape.ts), and per-client rate limits (the Fastify plugin)
 * — one for all requests, a tighter one for opening live feeds. What they refuse is answered
 * by the one exception filter (graphql/graphql-error.filter.ts).
 */
export async function protectHttp(
  fastify: FastifyInstance,
  config: AppConfig,
  clientOf: ClientOf,
  metrics?: Pick<ApiMetrics, 'error'>,
): Promise<void> {
  const limits = config.requestLimits;
  // Built once: @fastify/helmet builds helmet's middleware again for every request, which took
  // ~9% of the server's time under load; the headers are the same for every response.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // GraphiQL sets inline styles on its panes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // The API serves JSON to pages of other origins (CORS): embedding rules are theirs.
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  fastify.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
  );
  // Tokens travel in a header, never a cookie: no credentials mode, so `*` is safe.
  await fastify.register(cors, {
    origin: config.corsOrigins === '*' ? '*' : [...config.corsOrigins],
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', 'last-event-id', 'accept'],
    exposedHeaders: [
      'retry-after',
      'x-ratelimit-limit',
      'x-ratelimit-remaining',
      'x-ratelimit-reset',
    ],
    maxAge: 600,
  });
  fastify.addHook('preValidation', checkGraphqlRequest);
  // Answers of /graphql carry the media type the client asked for (GraphQL over HTTP).
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.url === GRAPHQL_PATH) withGraphqlMediaType(request, reply);
    return payload;
  });
  // Each route gets the one error answer (routes keep the handler of when they were added, and
  // Nest sets its own only after adding its routes).
  fastify.addHook('onRoute', (route) => {
    route.errorHandler ??= (error, request, reply) =>
      answerHttpError(error, request, reply, config.production, metrics);
  });
  if (limits.requestsPerMinute === 0 && limits.feedOpensPerMinute === 0) return;
  // Feed opens get their own, tighter limit; set before the plugin reads route options.
  fastify.addHook('onRoute', (route) => {
    // Health checks (load balancers, orchestrators) are cheap and must never be refused.
    if (route.url === HEALTH_ROUTE)
      route.config = { ...(route.config as object), rateLimit: false };
    if (route.url !== FEED_ROUTE || limits.feedOpensPerMinute === 0) return;
    route.config = {
      ...(route.config as object),
      rateLimit: { max: limits.feedOpensPerMinute, timeWindow: MINUTE_MS },
    };
  });
  await fastify.register(rateLimit, {
    global: limits.requestsPerMinute > 0,
    max: limits.requestsPerMinute || Number.MAX_SAFE_INTEGER,
    timeWindow: MINUTE_MS,
    keyGenerator: (request: FastifyRequest) => clientOf(request.headers, request.ip),
    errorResponseBuilder: (request: FastifyRequest, context: { ttl: number }) =>
      rateLimited(
        Math.max(1, Math.ceil(context.ttl / 1000)),
        request.url.startsWith(FEED_ROUTE) ? 'feed opens' : 'requests',
      ),
  });
}
