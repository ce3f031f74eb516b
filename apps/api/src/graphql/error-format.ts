import { Logger } from '@nestjs/common';
import { aboutRequest } from '../logging/json-logger';
import { GraphQLError, type ExecutionResult } from 'graphql';

export type FormattedError = {
  message: string;
  extensions?: Record<string, unknown>;
  [key: string]: unknown;
};

const logger = new Logger('GraphQL');

/** graphql-js appends "Did you mean …?" to unknown names: in production it maps the schema for strangers. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

const isClientError = (error: unknown): boolean => {
  if (error instanceof GraphQLError) return true;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return (
    (typeof status === 'number' && status >= 400 && status < 500) ||
    Boolean((error as { validation?: unknown })?.validation)
  );
};

/** A formatted error's code: its own, or what it is by where it arose. */
function codeOf(error: GraphQLError): 'BAD_USER_INPUT' | 'INTERNAL_SERVER_ERROR' | string {
  const own = error.extensions?.code;
  if (typeof own === 'string') return own;
  // Raised while running a field, and nobody translated it: a fault of ours, not the caller's.
  if (error.path) return 'INTERNAL_SERVER_ERROR';
  // Parsing, validation and variable errors are about the request; anything else that escaped
  // before execution (a TypeError, say) is a fault of ours.
  if (error.originalError && !isClientError(error.originalError)) return 'INTERNAL_SERVER_ERROR';
  return 'BAD_USER_INPUT';
}

/**
 * Every error the client sees carries `extensions.code`. Known errors keep their message; an
 * unexpected one is logged in full under the request's id and, in production, answered with a
 * generic message naming that id, so an operator can find the detail and a stranger learns
 * nothing of the internals. Production messages also drop graphql-js's name suggestions.
 */
export function formatErrors(
  errors: readonly GraphQLError[],
  production: boolean,
  requestId: string | undefined,
): FormattedError[] {
  return errors.map((error) => {
    const code = codeOf(error);
    const json = error.toJSON() as FormattedError;
    if (code === 'INTERNAL_SERVER_ERROR' && error.extensions?.code === undefined) {
      const detail = error.originalError ?? error;
      logger.error(
        aboutRequest(requestId, `request ${requestId ?? '-'}: ${detail.message}`),
        detail.stack,
      );
    }
    if (code === 'INTERNAL_SERVER_ERROR' && production) {
      const { path, locations } = json;
      return {
        message: `Internal server error${requestId ? ` (request ${requestId})` : ''}`,
        ...(locations ? { locations } : {}),
        ...(path ? { path } : {}),
        extensions: { code, ...(requestId ? { requestId } : {}) },
      };
    }
    const message = production ? json.message.replace(SUGGESTION, '') : json.message;
    return { ...json, message, extensions: { ...json.extensions, code } };
  });
}

/** An error already written as JSON: given a code if it has none, and held to the same rules. */
export function formatWritten(error: FormattedError, production: boolean): FormattedError {
  const code =
    typeof error.extensions?.code === 'string' ? error.extensions.code : 'BAD_USER_INPUT';
  if (code === 'INTERNAL_SERVER_ERROR' && production) {
    return {
      message: 'Internal server error',
      extensions: {
        code,
        ...(error.extensions?.requestId ? { requestId: error.extensions.requestId } : {}),
      },
    };
  }
  const message = production ? error.message.replace(SUGGESTION, '') : error.message;
  return { ...error, message, extensions: { ...error.extensions, code } };
}

/** Mercurius wraps validation errors in one error holding them all; they are sent one by one. */
export function flattenErrors(errors: readonly unknown[]): GraphQLError[] {
  return errors.flatMap((error) => {
    const holder = error instanceof GraphQLError ? error.originalError : error;
    const inner = (holder as { errors?: unknown } | null | undefined)?.errors;
    const list = Array.isArray(inner) ? inner : [error];
    // The errors a refusal holds (a mutation sent by GET, say) are the request's fault as it is.
    const refused = Array.isArray(inner) && isClientError(holder);
    return list.map((item) =>
      item instanceof GraphQLError
        ? item
        : asGraphqlError(item, refused ? { code: 'BAD_USER_INPUT' } : undefined),
    );
  });
}

function asGraphqlError(error: unknown, fallback?: Record<string, unknown>): GraphQLError {
  const source = error instanceof Error ? error : new Error(String(error));
  const extensions = (source as { extensions?: Record<string, unknown> }).extensions ?? fallback;
  return new GraphQLError(source.message, { originalError: source, extensions });
}

/** The HTTP status of an answer: the refusing error's own status when nothing ran, else 200. */
export function statusOf(execution: ExecutionResult & { statusCode?: number }): number {
  if (execution.data) return 200;
  if (typeof execution.statusCode === 'number') return execution.statusCode;
  const errors = execution.errors ?? [];
  if (errors.length === 1) {
    const status = (errors[0].originalError as { statusCode?: unknown } | undefined)?.statusCode;
    if (typeof status === 'number') return status;
  }
  return 200;
}
