import { aboutRequest } from '../logging/json-logger';
import {
  ForbiddenException,
  HttpException,
  UnauthorizedException,
  type Logger,
} from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { DomainError, type DomainErrorCode } from '@app/domain';
import { ConcurrencyError, InvalidEventError } from '@app/event-store';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'QUERY_TOO_COMPLEX'
  | 'INTERNAL_SERVER_ERROR';

function codeOf(code: DomainErrorCode): ErrorCode {
  switch (code) {
    case 'INVALID_INPUT':
    case 'RETRACTED':
    case 'NO_CHANGE':
      return 'BAD_USER_INPUT';
    case 'NOT_FOUND':
      return 'NOT_FOUND';
    case 'REVISION_CONFLICT':
    case 'ALREADY_EXISTS':
      return 'CONFLICT';
    default: {
      const unknown: never = code;
      return unknown;
    }
  }
}

const graphqlError = (message: string, code: ErrorCode, extra: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code, ...extra } });

/**
 * Every error a resolver can raise, translated once into `extensions.code`. Anything unexpected
 * is logged in full under the request's id and answered without internals.
 */
export function toGraphqlError(
  error: unknown,
  logger: Logger,
  production: boolean,
  requestId?: string,
): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof DomainError) {
    return graphqlError(error.message, codeOf(error.code), {
      reason: error.code,
      ...(error.issues.length ? { fields: error.issues } : {}),
      ...error.details,
    });
  }
  if (error instanceof ConcurrencyError) {
    // The store counts stream revisions from 0; records count revisions from 1.
    const asRecordRevision = (r: unknown) => (typeof r === 'number' ? r + 1 : r);
    const actualRevision = asRecordRevision(error.actual === 'no_stream' ? 0 : error.actual);
    return graphqlError(
      'The record was changed concurrently; read it again and retry',
      'CONFLICT',
      {
        expectedRevision: asRecordRevision(error.expected),
        actualRevision,
        fields: [
          { path: 'expectedRevision', message: `the record is at revision ${actualRevision}` },
        ],
      },
    );
  }
  if (error instanceof InvalidEventError) {
    return graphqlError(error.message, 'BAD_USER_INPUT', {
      fields: [{ path: error.field, message: error.message }],
    });
  }
  if (error instanceof UnauthorizedException) return graphqlError(error.message, 'UNAUTHENTICATED');
  if (error instanceof ForbiddenException) return graphqlError(error.message, 'FORBIDDEN');
  if (error instanceof HttpException && error.getStatus() === 400) {
    return graphqlError(error.message, 'BAD_USER_INPUT');
  }
  const detail = error instanceof Error ? error : new Error(String(error));
  logger.error(
    aboutRequest(requestId, `request ${requestId ?? '-'}: ${detail.message}`),
    detail.stack,
  );
  // The detail stays in the log, under the id the client is given to quote.
  const message = production
    ? `Internal server error${requestId ? ` (request ${requestId})` : ''}`
    : detail.message;
  return graphqlError(message, 'INTERNAL_SERVER_ERROR', requestId ? { requestId } : {});
}
