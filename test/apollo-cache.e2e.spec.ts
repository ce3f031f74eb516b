import './support/apollo-dev';
import { ApolloClient, HttpLink, InMemoryCache, gql as apolloGql } from '@apollo/client';
import { loadDevMessages, loadErrorMessages } from '@apollo/client/dev';
import { createToken, gql, removeDir, startServer, type RunningServer } from './support/server';

const EVENT = apolloGql`
  query Event($id: ID!, $knownAt: DateTime) {
    event(id: $id, knownAt: $knownAt) { id recordId revision title }
  }
`;
const RELATIONSHIP = apolloGql`
  query Relationship($asOf: EDTF, $knownAt: DateTime) {
    relationship(between: ["USA", "CUB"], asOf: $asOf, knownAt: $knownAt) {
      id asOf knownAt relations { level since certain } embassies { of in status } eventCount
    }
  }
`;

const RELATIONSHIP_COUNT = apolloGql`
  query RelationshipCount($asOf: EDTF) {
    relationship(between: ["USA", "CUB"], asOf: $asOf) { id eventCount }
  }
`;

interface EventAnswer {
  event: { id: string; recordId: string; revision: number; title: string };
}
interface RelationshipAnswer {
  relationship: {
    id: string;
    asOf: string;
    relations: { level: string } | null;
    eventCount: number;
  };
}

/**
 * Apollo Client's default cache, with no type policies, in development mode (its warnings on):
 * a past version never overwrites the current record, and relationships asked with different
 * questions never overwrite each other.
 */
describe("Apollo Client's default cache", () => {
  let server: RunningServer;
  let client: ApolloClient;
  const warnings: string[] = [];
  const originalWarn = console.warn;
  const originalError = console.error;

  beforeAll(async () => {
    server = await startServer();
    loadDevMessages();
    loadErrorMessages();
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
    console.error = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
    client = new ApolloClient({
      link: new HttpLink({ uri: `${server.url}/graphql`, fetch }),
      cache: new InMemoryCache(),
    });
  });
  afterAll(async () => {
    console.warn = originalWarn;
    console.error = originalError;
    client?.stop();
    await server.stop();
    removeDir(server.dataDir);
  });

  it('keeps a past version beside the current record', async () => {
    const first = await gql<{ events: { edges: { node: { id: string; recordedAt: string } }[] } }>(
      server.url,
      '{ events(first: 1) { edges { node { id recordedAt } } } }',
    );
    const { id, recordedAt } = first.data!.events.edges[0].node;
    const editor = createToken(server.env, 'cache-editor', 'editor');
    const amended = await gql(
      server.url,
      `mutation($id: ID!) { amendEvent(input: { id: $id, expectedRevision: 1, reason: "cache test", title: "Amended for the cache test" }) { revision } }`,
      { id },
      editor,
    );
    expect(amended.errors).toBeUndefined();

    const current = await client.query<EventAnswer>({
      query: EVENT,
      variables: { id },
      fetchPolicy: 'network-only',
    });
    expect(current.data!.event).toMatchObject({
      id,
      revision: 2,
      title: 'Amended for the cache test',
    });
    const past = await client.query<EventAnswer>({
      query: EVENT,
      variables: { id, knownAt: recordedAt },
      fetchPolicy: 'network-only',
    });
    expect(past.data!.event).toMatchObject({ id: `${id}@1`, recordId: id, revision: 1 });

    // What the cache says of the current record is unchanged by reading the past version.
    const cached = client.readQuery<EventAnswer>({ query: EVENT, variables: { id } });
    expect(cached!.event).toMatchObject({ id, revision: 2, title: 'Amended for the cache test' });
    // And a version's identity is a key the server takes back.
    const byVersion = await gql<EventAnswer>(
      server.url,
      'query($id: ID!) { event(id: $id) { id revision } }',
      { id: `${id}@1` },
    );
    expect(byVersion.data!.event).toEqual({ id: `${id}@1`, revision: 1 });
  });

  it('keeps relationships asked at different dates and instants apart, without warnings', async () => {
    const ask = (variables: Record<string, unknown>) =>
      client.query<RelationshipAnswer>({
        query: RELATIONSHIP,
        variables,
        fetchPolicy: 'network-only',
      });
    const in2016 = await ask({ asOf: '2016-06-30' });
    const in1970 = await ask({ asOf: '1970-01-01' });
    const earlier = await ask({ asOf: '2016-06-30', knownAt: '2000-01-01T00:00:00Z' });
    expect(in2016.data!.relationship.relations?.level).toBe('FULL');
    expect(in1970.data!.relationship.relations?.level).toBe('NONE');
    expect(earlier.data!.relationship.eventCount).toBe(0);
    // Each question still reads its own answer from the cache.
    const read = (variables: Record<string, unknown>) =>
      client.readQuery<RelationshipAnswer>({ query: RELATIONSHIP, variables });
    expect(read({ asOf: '2016-06-30' })!.relationship.relations?.level).toBe('FULL');
    expect(read({ asOf: '1970-01-01' })!.relationship.relations?.level).toBe('NONE');
    expect(
      read({ asOf: '2016-06-30', knownAt: '2000-01-01T00:00:00Z' })!.relationship.eventCount,
    ).toBe(0);
    // Asking the same question for other fields (as another component of a page would) merges
    // into its answer: without an identity, Apollo would replace it and warn that data is lost.
    await client.query({
      query: RELATIONSHIP_COUNT,
      variables: { asOf: '2016-06-30' },
      fetchPolicy: 'network-only',
    });
    expect(warnings).toEqual([]);
  });
});
