import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { MercuriusDriver } from '@nestjs/mercurius';
import mercurius from 'mercurius';
import type { AppConfig } from '../config/app-config';
import { maxFieldsRule } from './operation-size';
import { withIsoStringDates, withPlainFieldReads } from './plain-field-reads';

/** Deeper queries than this are refused before they run. */
export const MAX_QUERY_DEPTH = 12;

export type FormattedError = { message: string; extensions?: Record<string, unknown> };

/**
 * Gives every error an `extensions.code`: errors raised by resolvers already carry one; what
 * graphql-js rejects before execution (syntax, unknown fields, wrong variable types) is the
 * caller's input, hence BAD_USER_INPUT, and a too-deep query is QUERY_TOO_COMPLEX.
 */
export function withCodes(errors: FormattedError[], production: boolean): FormattedError[] {
  return errors.map((error) => {
    if (error.extensions?.code) return error;
    if (/exceeds the query depth limit/i.test(error.message)) {
      return { ...error, extensions: { ...error.extensions, code: 'QUERY_TOO_COMPLEX' } };
    }
    return { ...error, extensions: { ...error.extensions, code: 'BAD_USER_INPUT' } };
  }).map((error) =>
    production && error.extensions?.code === 'INTERNAL_SERVER_ERROR'
      ? { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }
      : error,
  );
}

/**
 * Queries and mutations over HTTP. Subscriptions (graphql-transport-ws) are served on the same
 * path by feeds/subscription-server.ts, which runs them compiled.
 */
export function graphqlOptions(config: AppConfig): MercuriusDriverConfig {
  return {
    driver: MercuriusDriver,
    autoSchemaFile: true,
    sortSchema: true,
    path: '/graphql',
    jit: 1,
    // Its page loads GraphiQL from a CDN; an offline one is served at /graphiql instead.
    graphiql: false,
    queryDepth: MAX_QUERY_DEPTH,
    validationRules: [maxFieldsRule()],
    transformSchema: (schema) => withIsoStringDates(withPlainFieldReads(schema)),
    context: (request: unknown) => ({ req: request }),
    errorFormatter: (execution, context) => {
      const formatted = mercurius.defaultErrorFormatter(execution, context);
      const response = formatted.response as { errors?: FormattedError[] };
      if (response.errors) response.errors = withCodes(response.errors, config.production);
      return formatted;
    },
  };
}
