import fc from 'fast-check';
import { gql, removeDir, startServer, type RunningServer } from './support/server';

/** What an answer must never show a stranger. */
const INTERNALS =
  /TypeError|RangeError|ReferenceError|is not (a function|iterable)|Cannot read propert|call stack|\n\s+at |node_modules|dist\//;

/** Pieces of real queries, so that random documents get past the parser often enough to reach the rest. */
const PIECES = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ':',
  '$',
  '...',
  '@skip(if: true)',
  '@include(if: $v)',
  'query',
  'mutation',
  'subscription',
  'fragment F on DiplomaticEvent',
  '...F',
  'events',
  'event',
  'relationship',
  'relationshipChanges',
  'edges',
  'node',
  'title',
  'history',
  'revision',
  'totalCount',
  '__typename',
  '__schema',
  'types',
  'fields',
  'name',
  'first: 200',
  'first: $n',
  'after: "x"',
  'between: ["USA", "CUB"]',
  'between: []',
  'asOf: "2016-13"',
  'knownAt: "yesterday"',
  'filter: { text: "a\\u0000b" }',
  'filter: { countries: ["usa", 5] }',
  'id: "1"',
  'a: ',
  '"__MAGIC_NAN__"',
  '"\\uD800"',
  '1e999',
  '-0',
  'null',
  'true',
  '"""block"""',
  '#comment\n',
  ',',
];

const documents = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(' ')),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
);

const jsonValues = fc.jsonValue({ maxDepth: 4 });

const bodies = fc.oneof(
  // Well-shaped requests with odd contents.
  fc
    .record(
      {
        query: documents,
        variables: fc.oneof(
          fc.constant(undefined),
          fc.constant(null),
          fc.dictionary(fc.constantFrom('n', 'v', 'text', 'after'), jsonValues),
        ),
        operationName: fc.oneof(
          fc.constant(undefined),
          fc.constant(null),
          fc.constantFrom('F', 'Q', ''),
          fc.integer(),
        ),
        extensions: fc.oneof(fc.constant(undefined), fc.constant(null), jsonValues),
      },
      { requiredKeys: [] },
    )
    .map((body) => JSON.stringify(body)),
  // Anything at all.
  jsonValues.map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
);

/**
 * Random documents, variables and bodies against the running server, over POST and GET: never
 * a 5xx, never an internal message, and the server keeps answering a probe.
 */
describe('fuzzing the GraphQL endpoint', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { NODE_ENV: 'production' } });
  });
  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  const probe = async () =>
    expect((await gql(server.url, '{ __typename }')).data).toEqual({ __typename: 'Query' });

  it('POST bodies never get a 5xx or an internal message', async () => {
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        const text = await response.text();
        expect(response.status).toBeLessThan(500);
        expect(text).not.toMatch(INTERNALS);
      }),
      { numRuns: 400 },
    );
    await probe();
  });

  it('GET parameters never get a 5xx or an internal message', async () => {
    const parameters = fc.record(
      {
        query: documents,
        variables: fc.oneof(
          fc.string({ maxLength: 50 }),
          jsonValues.map((v) => JSON.stringify(v)),
        ),
        operationName: fc.string({ maxLength: 10 }),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(parameters, async (params) => {
        const search = new URLSearchParams(params as Record<string, string>);
        const response = await fetch(`${server.url}/graphql?${search}`);
        const text = await response.text();
        expect(response.status).toBeLessThan(500);
        expect(text).not.toMatch(INTERNALS);
      }),
      { numRuns: 200 },
    );
    await probe();
  });

  it('valid queries with random variables never get a 5xx or an internal message', async () => {
    const query = `query($between: [String!]!, $asOf: EDTF, $knownAt: DateTime, $n: Int, $after: String, $filter: EventFilter) {
      relationship(between: $between, asOf: $asOf, knownAt: $knownAt) { relations { level } }
      relationshipChanges(between: $between, first: $n, after: $after) { cursor }
      events(filter: $filter, first: $n, after: $after) { totalCount edges { cursor } }
    }`;
    const variables = fc.record(
      {
        between: fc.oneof(
          fc.constant(['USA', 'CUB']),
          fc.array(fc.string({ maxLength: 5 }), { maxLength: 4 }),
          jsonValues,
        ),
        asOf: fc.oneof(
          fc.constantFrom('2016', '2016-06-30', '2016-13', '2016?', '..'),
          fc.string({ maxLength: 12 }),
        ),
        knownAt: fc.oneof(
          fc.constant('2030-01-01T00:00:00Z'),
          fc.string({ maxLength: 12 }),
          fc.integer(),
        ),
        n: fc.oneof(fc.integer({ min: -5, max: 5000 }), fc.double(), fc.string({ maxLength: 3 })),
        after: fc.oneof(
          fc.constant(null),
          fc.string({ maxLength: 40 }),
          fc.base64String({ maxLength: 40 }),
        ),
        filter: fc.oneof(
          fc.constant(null),
          jsonValues,
          fc.record({
            text: fc.string({ maxLength: 30 }),
            countries: fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
          }),
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(variables, async (vars) => {
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables: vars }),
        });
        const text = await response.text();
        expect(response.status).toBeLessThan(500);
        expect(text).not.toMatch(INTERNALS);
        expect(text).not.toContain('INTERNAL_SERVER_ERROR');
      }),
      { numRuns: 300 },
    );
    await probe();
  });
});
