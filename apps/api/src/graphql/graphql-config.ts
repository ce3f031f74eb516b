import { GraphQLError } from 'graphql';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { MercuriusDriver } from '@nestjs/mercurius';
import type { AuthService } from '../auth/auth.service';
import type { ApiMetrics } from '../metrics/api-metrics';
import type { AppConfig } from '@app/application';
import {
  flattenErrors,
  formatErrors,
  formatWritten,
  statusOf,
  type FormattedError,
} from './error-format';
import type { QueryLimits } from './operation-guard';
import { requestHooks, type GuardedContext } from './request-hooks';
import { MAX_QUERY_TOKENS } from './query-text';
import { withTimeBudget } from './time-budget';
import { withIsoStringDates, withPlainFieldReads, withRootDescriptions } from './plain-field-reads';

export type { FormattedError } from './error-format';

/**
 * Errors as clients see them, for callers that format outside Mercurius (subscriptions): errors,
 * or errors already written as JSON (which keep their code, or are the request's fault).
 */
export function withCodes(
  errors: readonly unknown[],
  production: boolean,
  requestId?: string,
): FormattedError[] {
  const isWritten = (error: unknown): error is FormattedError =>
    !(error instanceof Error) && typeof (error as FormattedError | null)?.message === 'string';
  return errors.flatMap((error) =>
    isWritten(error)
      ? formatWritten(error, production)
      : formatErrors(flattenErrors([error]), production, requestId),
  );
}

/** The limits of one operation, from the configuration. */
export function queryLimitsOf(config: AppConfig): QueryLimits {
  const limits = config.requestLimits;
  return {
    maxDepth: limits.maxQueryDepth,
    maxFields: limits.maxQueryFields,
    maxCost: limits.maxQueryCost,
  };
}

/**
 * Queries and mutations over HTTP. Subscriptions (graphql-transport-ws) are served on the same
 * path by feeds/subscription-server.ts (the sockets) and feeds/subscription-protocol.ts, which
 * runs them compiled. What guards each request (the text, the document, the reader, the cost,
 * the time) is in request-hooks.ts.
 */
export function graphqlOptions(
  config: AppConfig,
  auth: AuthService,
  metrics: Pick<ApiMetrics, 'request' | 'error'>,
): MercuriusDriverConfig {
  const limits = config.requestLimits;
  const hooks = requestHooks({
    limits: queryLimitsOf(config),
    timeBudgetMs: limits.queryTimeBudgetMs,
    publicRead: config.publicRead,
    authenticate: (header) => {
      const actor = auth.verify(header);
      if (!actor)
        throw new GraphQLError('The bearer token is invalid or revoked', {
          extensions: { code: 'UNAUTHENTICATED' },
        });
      return actor;
    },
  });
  return {
    driver: MercuriusDriver,
    autoSchemaFile: true,
    sortSchema: true,
    path: '/graphql',
    jit: 1,
    // Its page loads GraphiQL from a CDN; an offline one is served at /graphiql instead.
    graphiql: false,
    hooks: {
      ...hooks,
      // From the request's arrival (Fastify's clock) to its result, by the kind that ran.
      onResolution: async (_execution: unknown, context: GuardedContext) => {
        const reply = context.reply as { elapsedTime?: number } | undefined;
        if (context.operationKind && reply?.elapsedTime !== undefined)
          metrics.request(context.operationKind, reply.elapsedTime / 1000);
      },
    },
    // Mercurius's own parse stops at the same token count as ours (its error is not JSON-parsed).
    graphql: { parseOptions: { maxTokens: MAX_QUERY_TOKENS } },
    transformSchema: (schema) =>
      withTimeBudget(
        withRootDescriptions(withIsoStringDates(withPlainFieldReads(schema))),
        limits.queryTimeBudgetMs,
      ),
    context: (request: unknown) => ({ req: request }),
    errorFormatter: (execution, context) => {
      const errors = flattenErrors(execution.errors ?? []);
      const requestId = (context as GuardedContext | undefined)?.reply?.request.id;
      const formatted = formatErrors(errors, config.production, requestId);
      for (const error of formatted) metrics.error(error.extensions?.code);
      return {
        statusCode: statusOf(execution),
        response: { data: execution.data ?? null, errors: formatted },
      };
    },
  } as MercuriusDriverConfig;
}
