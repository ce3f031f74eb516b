import './support/apollo-dev';
import { ApolloClient, HttpLink, InMemoryCache, gql as apolloGql, split } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import {
  Client,
  cacheExchange,
  fetchExchange,
  gql as urqlGql,
  subscriptionExchange,
} from '@urql/core';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { pipe, subscribe } from 'wonka';
import WebSocket from 'ws';
import { until } from './support/feed-client';
import { createToken, removeDir, startServer, type RunningServer } from './support/server';

/*
 * The Apollo Client and urql set-ups of docs/front-ends.md, line for line (only the URLs, and
 * the WebSocket implementation a browser would not need, differ): a query, a mutation with the
 * token, and a subscription over the WebSocket that sees that mutation's record.
 */

const input = (title: string) => ({
  kind: 'TALKS',
  title,
  occurred: '2024-03-01',
  countries: ['USA', 'CUB'],
  sources: [{ title: 'Joint statement', publisher: 'Example Ministry' }],
});

const RELATIONSHIP = `query Relationship($asOf: EDTF) {
  relationship(between: ["USA", "CUB"], asOf: $asOf) { id asOf relations { level } }
}`;
const RECORD = `mutation Record($input: RecordEventInput!) { recordEvent(input: $input) { id title } }`;
const CHANGES = `subscription Changes($filter: EventFilter) {
  eventChanges(filter: $filter) { cursor type event { id title } }
}`;

/**
 * Writes records until the subscription has seen one: a subscription is live some time after it
 * is asked for, and neither client says when. Each write waits for the condition, not a clock.
 */
async function writeUntilSeen(write: (n: number) => Promise<unknown>, seen: () => boolean) {
  for (let n = 1; n <= 20 && !seen(); n++) {
    await write(n);
    await until(seen, 1_000, 'the change').catch(() => undefined);
  }
  expect(seen()).toBe(true);
}

describe('the documented front-end clients', () => {
  let server: RunningServer;
  let token: string;
  const sockets: WsClient[] = [];
  const wsClient = (connectionParams?: Record<string, unknown>) => {
    const client = createClient({
      url: server.url.replace(/^http/, 'ws') + '/graphql',
      connectionParams,
      webSocketImpl: WebSocket,
    });
    sockets.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await startServer();
    token = createToken(server.env, 'e2e-front-end', 'editor');
  });
  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.dispose()));
    await server.stop();
    removeDir(server.dataDir);
  });

  it('Apollo Client: HTTP for queries and mutations, the WebSocket for subscriptions', async () => {
    const http = new HttpLink({
      uri: `${server.url}/graphql`,
      headers: { authorization: `Bearer ${token}` },
    });
    const ws = new GraphQLWsLink(wsClient({ token }));
    const isSubscription = ({ query }: { query: Parameters<typeof getMainDefinition>[0] }) => {
      const definition = getMainDefinition(query);
      return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
    };
    const client = new ApolloClient({
      link: split(isSubscription, ws, http),
      cache: new InMemoryCache(),
    });
    try {
      const answer = await client.query<{ relationship: { relations: { level: string } } }>({
        query: apolloGql(RELATIONSHIP),
        variables: { asOf: '2016-06-30' },
      });
      expect(answer.data?.relationship.relations.level).toBe('FULL');

      const titles: string[] = [];
      const subscription = client
        .subscribe<{ eventChanges: { event: { title: string } } }>({
          query: apolloGql(CHANGES),
          variables: { filter: { text: 'Apollo' } },
        })
        .subscribe({ next: (value) => titles.push(value.data?.eventChanges.event.title ?? '') });
      try {
        await writeUntilSeen(
          (n) =>
            client.mutate({
              mutation: apolloGql(RECORD),
              variables: { input: input(`Apollo talks ${n}`) },
            }),
          () => titles.length > 0,
        );
        expect(titles[0]).toMatch(/^Apollo talks \d+$/);
      } finally {
        subscription.unsubscribe();
      }
    } finally {
      client.stop();
    }
  });

  it('urql: the same with its fetch and subscription exchanges', async () => {
    const ws = wsClient({ token });
    const client = new Client({
      url: `${server.url}/graphql`,
      fetchOptions: { headers: { authorization: `Bearer ${token}` } },
      exchanges: [
        cacheExchange,
        fetchExchange,
        subscriptionExchange({
          forwardSubscription: (request) => ({
            subscribe: (sink) => ({
              unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink),
            }),
          }),
        }),
      ],
    });
    const answer = await client.query(urqlGql(RELATIONSHIP), { asOf: '1970' }).toPromise();
    expect(answer.error).toBeUndefined();
    expect(answer.data.relationship.relations.level).toBe('NONE');

    const titles: string[] = [];
    const { unsubscribe } = pipe(
      client.subscription(urqlGql(CHANGES), { filter: { text: 'urql' } }),
      subscribe((result) => {
        if (result.data) titles.push(result.data.eventChanges.event.title);
      }),
    );
    try {
      await writeUntilSeen(
        (n) => client.mutation(urqlGql(RECORD), { input: input(`urql talks ${n}`) }).toPromise(),
        () => titles.length > 0,
      );
      expect(titles[0]).toMatch(/^urql talks \d+$/);
    } finally {
      unsubscribe();
    }
  });
});
