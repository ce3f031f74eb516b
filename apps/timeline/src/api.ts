import { createClient, type Client } from 'graphql-ws';

/** The public GraphQL API, over HTTP for queries and over a WebSocket for live changes. */
const HTTP_URL = new URL('/graphql', location.href);
const WS_URL = new URL(HTTP_URL);
WS_URL.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';

export class ApiError extends Error {}

export async function query<T>(text: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(HTTP_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: text, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new ApiError(body.errors.map((e) => e.message).join('; '));
  if (!body.data) throw new ApiError(`The API answered ${response.status} without data`);
  return body.data;
}

let client: Client | undefined;

/** Follows a subscription until the returned function is called; reconnects on its own. */
export function subscribe<T>(
  text: string,
  variables: Record<string, unknown>,
  onData: (data: T) => void,
  onError: (message: string) => void,
): () => void {
  client ??= createClient({ url: WS_URL.href, retryAttempts: Infinity, lazy: true });
  return client.subscribe<T>(
    { query: text, variables },
    {
      next: (result) => {
        if (result.data) onData(result.data as T);
      },
      error: (error) => onError(error instanceof Error ? error.message : 'the live feed failed'),
      complete: () => undefined,
    },
  );
}
