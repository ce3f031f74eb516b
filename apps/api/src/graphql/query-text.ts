import { GraphQLError, Lexer, Source, TokenKind, parse, type DocumentNode } from 'graphql';

/** Lexical tokens one document may hold: far above any real query (introspection is ~300). */
export const MAX_QUERY_TOKENS = 10_000;
/** Brackets (`{`, `[`, `(`) open at once: the parser recurses once per level. */
export const MAX_QUERY_NESTING = 64;
/** Operations in one document: only one runs per request; the rest is only validated. */
export const MAX_OPERATIONS = 20;

const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

export const queryError = (message: string, code = 'BAD_USER_INPUT') =>
  new GraphQLError(message, { extensions: { code } });

/**
 * The one way a request's query becomes a document: GraphQL source text, parsed by graphql-js.
 * Anything else (a number, an object, JSON that looks like a parsed document) is refused, so a
 * document can only hold what the GraphQL grammar allows — names are `[_A-Za-z][_0-9A-Za-z]*`,
 * literals are literals — before any of it reaches a compiler that writes code.
 *
 * The text is first walked token by token without recursion, so that a document nested
 * thousands of levels deep, or made of millions of tokens, is refused in linear time instead of
 * overflowing the parser's stack or holding the event loop.
 */
export function parseQueryText(query: unknown): DocumentNode {
  if (typeof query !== 'string')
    throw queryError('The query must be a string of GraphQL source text');
  if (query.trim() === '') throw queryError('The query is empty');
  if (!query.isWellFormed())
    throw queryError('The query is not valid Unicode text (it holds a lone surrogate)');
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  let nesting = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++tokens > MAX_QUERY_TOKENS) {
        throw queryError(
          `The query holds more than ${MAX_QUERY_TOKENS} tokens`,
          'QUERY_TOO_COMPLEX',
        );
      }
      if (OPENING.has(token.kind) && ++nesting > MAX_QUERY_NESTING) {
        throw queryError(
          `The query nests brackets more than ${MAX_QUERY_NESTING} deep`,
          'QUERY_TOO_COMPLEX',
        );
      }
      if (CLOSING.has(token.kind)) nesting -= 1;
    }
  } catch (error) {
    throw asQueryError(error);
  }
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: false, maxTokens: MAX_QUERY_TOKENS });
  } catch (error) {
    throw asQueryError(error);
  }
  const operations = document.definitions.filter((d) => d.kind === 'OperationDefinition').length;
  if (operations > MAX_OPERATIONS) {
    throw queryError(
      `The document holds ${operations} operations; the limit is ${MAX_OPERATIONS}`,
      'QUERY_TOO_COMPLEX',
    );
  }
  return document;
}

/** Syntax errors keep graphql-js's message (it names the line and column); nothing else leaks. */
function asQueryError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) {
    return error.extensions?.code
      ? error
      : new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return queryError('The query could not be read as GraphQL');
}
