import type { FastifyReply, FastifyRequest } from 'fastify';

export const GRAPHQL_RESPONSE = 'application/graphql-response+json';
const JSON_TYPE = 'application/json';

/**
 * The media type of a GraphQL answer, from the request's Accept header (GraphQL over HTTP):
 * `application/graphql-response+json` when the client prefers it, else `application/json`
 * (also when Accept is missing or `*` / `*`). Quality values order the choice; the first listed wins a tie.
 */
export function graphqlMediaType(
  accept: string | undefined,
): typeof GRAPHQL_RESPONSE | typeof JSON_TYPE {
  let best: { type: string; q: number } | undefined;
  for (const part of (accept ?? '').split(',')) {
    const [type, ...parameters] = part.trim().toLowerCase().split(';');
    if (type !== GRAPHQL_RESPONSE && type !== JSON_TYPE) continue;
    const quality = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = quality ? Number(quality.slice(2)) : 1;
    if (Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { type, q };
  }
  return best?.type === GRAPHQL_RESPONSE ? GRAPHQL_RESPONSE : JSON_TYPE;
}

/**
 * Errors of a well-formed request whose document could not run (it does not parse, is not
 * valid, exceeds a limit, its variables do not fit): `application/json` answers them 200, as
 * clients written before the specification expect; `application/graphql-response+json` 400.
 * Requests that are not well formed (a body that is not JSON, a `query` that is not a string)
 * are 400 either way.
 */
export function requestErrorStatus(
  request: FastifyRequest,
  status: number,
  malformed: boolean,
): number {
  if (status !== 400 || malformed) return status;
  return graphqlMediaType(request.headers.accept) === GRAPHQL_RESPONSE ? 400 : 200;
}

/** Sets the negotiated content type on an answer of /graphql. */
export function withGraphqlMediaType(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('content-type', `${graphqlMediaType(request.headers.accept)}; charset=utf-8`);
}
