import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { refusal } from '../graphql/request-hooks';

export const GRAPHQL_PATH = '/graphql';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A request that is not a GraphQL-over-HTTP request at all: 400 whatever the media type. */
const badRequest = (message: string) =>
  Object.assign(
    refusal(new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } }), 400),
    {
      malformedRequest: true,
    },
  );

/**
 * The parameters of a GraphQL-over-HTTP request, checked as they arrived — before the route's
 * JSON schema coerces them (it would turn `"query": 5` into the text "5"):
 * `query` a string; `operationName` a string or null; `variables` and `extensions` maps or
 * null. A GET carries each at most once (a repeated parameter arrives as a list).
 * `extensions: null` is accepted as the specification requires, by dropping it.
 */
export async function checkGraphqlRequest(
  request: FastifyRequest,
  _reply: FastifyReply,
): Promise<void> {
  if (request.routeOptions.url !== GRAPHQL_PATH) return;
  if (request.method === 'POST') {
    const body = request.body;
    if (!isObject(body))
      throw badRequest('The request body must be a JSON object with a "query" string');
    checkParameters(body, (value) => isObject(value));
    if (body.extensions === null) delete body.extensions;
  } else if (request.method === 'GET') {
    const query = (request.query ?? {}) as Record<string, unknown>;
    for (const [name, value] of Object.entries(query)) {
      if (typeof value !== 'string') throw badRequest(`The parameter "${name}" must be given once`);
    }
    checkParameters(query, (value) => typeof value === 'string');
  }
}

function checkParameters(
  parameters: Record<string, unknown>,
  isMap: (value: unknown) => boolean,
): void {
  if (typeof parameters.query !== 'string')
    throw badRequest('"query" must be a string of GraphQL source text');
  const { operationName, variables, extensions } = parameters;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    throw badRequest('"operationName" must be a string or null');
  }
  if (variables !== undefined && variables !== null && !isMap(variables)) {
    throw badRequest('"variables" must be a map of names to values, or null');
  }
  if (extensions !== undefined && extensions !== null && !isMap(extensions)) {
    throw badRequest('"extensions" must be a map, or null');
  }
}
