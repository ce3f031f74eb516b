import type { Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import type { FormattedError } from '../graphql/graphql-config';
import { toGraphqlError } from '../graphql/error-codes';

const formatted = (error: unknown): FormattedError =>
  error instanceof GraphQLError ? (error.toJSON() as FormattedError) : { message: String(error) };

/**
 * An error as a subscriber sees it. Errors raised while running (the feed, a resolver) are
 * translated like those of HTTP resolvers: known ones get their code, anything else is logged
 * and answered as INTERNAL_SERVER_ERROR. Errors without a cause are about the request itself
 * (variables that do not fit, say): BAD_USER_INPUT, added by `withCodes`.
 */
export const outgoingError =
  (logger: Logger, production: boolean) =>
  (error: unknown): FormattedError => {
    if (!(error instanceof GraphQLError))
      return formatted(toGraphqlError(error, logger, production));
    if (error.extensions?.code || !error.originalError) return formatted(error);
    const translated = toGraphqlError(error.originalError, logger, production);
    return {
      ...formatted(error),
      message: translated.message,
      extensions: { ...translated.extensions },
    };
  };

/** WebSocket close reasons are at most 123 bytes (and may carry a client-chosen id). */
export function closeReason(reason: string | undefined): string | undefined {
  if (reason === undefined || Buffer.byteLength(reason) <= 123) return reason;
  let cut = reason.slice(0, 120);
  while (Buffer.byteLength(cut) > 120) cut = cut.slice(0, -1);
  return `${cut}…`;
}
