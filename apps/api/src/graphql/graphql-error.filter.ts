import { Catch, HttpException, Inject, Logger, type ArgumentsHost } from '@nestjs/common';
import { GqlArgumentsHost, type GqlContextType, type GqlExceptionFilter } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '@app/application';
import { APP_CONFIG } from '@app/application';
import { toGraphqlError } from './error-codes';
import { flattenErrors, formatErrors } from './error-format';
import { requestErrorStatus, withGraphqlMediaType } from '../http/graphql-media-type';
import { ApiMetrics } from '../metrics/api-metrics';
import { aboutRequest } from '../logging/json-logger';

interface RequestContext {
  req?: { id?: string };
  reply?: { request?: { id?: string } };
}

/** An error raised before a route ran: a refused GraphQL request, bad JSON, a rate limit. */
type EarlyError = Error & {
  statusCode?: number;
  code?: string;
  extensions?: { code?: string };
  /** Not a GraphQL-over-HTTP request at all (see graphql-media-type.ts). */
  malformedRequest?: boolean;
};

/**
 * One place where exceptions become answers. In GraphQL, they are translated to
 * `extensions.code` (error-codes.ts). Over HTTP: a refusal on /graphql is answered in GraphQL's
 * shape; elsewhere as `{ error: { code, message } }`. Client errors are logged at info without
 * a stack (a 404 is a caller's mistake, not an incident); anything else is logged in full under
 * the request's id and answered 500 without internals.
 */
@Catch()
export class GraphqlErrorFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics?: ApiMetrics,
  ) {}

  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType<GqlContextType>() === 'graphql') {
      const context = GqlArgumentsHost.create(host).getContext<RequestContext>();
      const requestId = context?.reply?.request?.id ?? context?.req?.id;
      // Counted where Mercurius formats the answer (graphql-config.ts).
      return toGraphqlError(exception, this.logger, this.config.production, requestId);
    }
    const http = host.switchToHttp();
    answerHttpError(
      exception,
      http.getRequest<FastifyRequest>(),
      http.getResponse<FastifyReply>(),
      this.config.production,
      this.metrics,
    );
  }
}

const httpLogger = new Logger('HTTP');

/**
 * An error as an HTTP answer: on /graphql in GraphQL's shape, elsewhere as
 * `{ error: { code, message } }`. Also Mercurius's error handler, for what its hooks refuse.
 */
export function answerHttpError(
  exception: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  production: boolean,
  metrics?: Pick<ApiMetrics, 'error'>,
): void {
  if (reply.sent) return;
  const send = (status: number, body: unknown) => {
    const answer = body as {
      errors?: { extensions?: { code?: unknown } }[];
      error?: { code?: unknown };
    };
    for (const e of answer.errors ?? []) metrics?.error(e.extensions?.code);
    if (answer.error) metrics?.error(answer.error.code);
    void reply.status(status).send(body);
  };
  // Fastify's own errors (bad JSON, a hook's refusal, a rate limit) arrive wrapped.
  const cause =
    exception instanceof HttpException ? (exception.cause as EarlyError | undefined) : undefined;
  if (cause && typeof cause.statusCode === 'number') exception = cause;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    httpLogger.log(
      aboutRequest(request.id, `${status} ${request.method} ${request.url}: ${exception.message}`),
    );
    return send(status, exception.getResponse());
  }
  const error =
    exception instanceof Error ? (exception as EarlyError) : new Error(String(exception));
  const status = (error as EarlyError).statusCode;
  const clientError = typeof status === 'number' && status >= 400 && status < 500;
  if (request.url.split('?')[0] === '/graphql') {
    // Refused before execution: the answer has no `data` entry (GraphQL's request errors).
    const errors = formatErrors(flattenErrors([error]), production, request.id);
    const malformed =
      (error as EarlyError).malformedRequest === true ||
      String((error as EarlyError).code).startsWith('FST_');
    withGraphqlMediaType(request, reply);
    return send(clientError ? requestErrorStatus(request, status, malformed) : 500, { errors });
  }
  if (clientError) {
    httpLogger.log(
      aboutRequest(request.id, `${status} ${request.method} ${request.url}: ${error.message}`),
    );
    const code =
      (error as EarlyError).extensions?.code ??
      (status === 401 ? 'UNAUTHENTICATED' : 'BAD_USER_INPUT');
    return send(status, { error: { code, message: error.message } });
  }
  httpLogger.error(
    aboutRequest(request.id, `request ${request.id}: ${error.message}`),
    error.stack,
  );
  const message = production ? `Internal server error (request ${request.id})` : error.message;
  send(500, { error: { code: 'INTERNAL_SERVER_ERROR', message, requestId: request.id } });
}
