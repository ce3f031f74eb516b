import { join } from 'node:path';
import { openSqliteEventStore } from '@app/event-store';
import { createToken, gql, removeDir, startServer, type RunningServer } from './support/server';

/*
 * Input checks from a security review, over HTTP against the built server: broken or deceptive
 * text is refused by field, a huge list gets a short error, and the HTTP feed refuses exactly
 * the filters GraphQL refuses, with the same messages.
 */

const RECORD = `mutation($input: RecordEventInput!) { recordEvent(input: $input) { id title } }`;
const EVENTS = `query($filter: EventFilter) { events(filter: $filter) { totalCount } }`;

const input = (title: string) => ({
  kind: 'TALKS',
  title,
  occurred: '2023-11-14',
  countries: ['USA', 'CAN'],
  sources: [{ title: 'Joint statement', publisher: 'Example Ministry' }],
});

type Field = { path: string; message: string };
const fieldsOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }): Field[] =>
  (result.errors?.[0]?.extensions?.fields as Field[] | undefined) ?? [];

async function logHead(server: RunningServer): Promise<bigint> {
  const store = openSqliteEventStore({ file: join(server.dataDir, 'events.db') });
  try {
    return await store.headPosition();
  } finally {
    await store.close();
  }
}

/** GET on the feed; a feed that wrongly accepts the request streams forever, so it is cut. */
async function feedAnswer(url: string): Promise<{ status: number; body?: any }> {
  const controller = new AbortController();
  try {
    const response = await fetch(url, { signal: controller.signal });
    if (response.status === 200) return { status: 200 };
    return { status: response.status, body: await response.json() };
  } finally {
    controller.abort();
  }
}

describe('input validation over HTTP', () => {
  let server: RunningServer;
  let editor: string;

  beforeAll(async () => {
    server = await startServer();
    editor = createToken(server.env, 'e2e-validation-editor', 'editor');
  });

  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it.each([
    ['a lone surrogate', 'Talks a\uD800b', 'must be well-formed Unicode text'],
    [
      'only invisible characters',
      '\u200B\u2060\u3164',
      'must contain at least one visible character',
    ],
    ['a right-to-left override', 'Talks \u202Egnissecorp', 'bidirectional override'],
  ])(
    'refuses a title with %s as BAD_USER_INPUT on the title, and stores nothing',
    async (_name, title, message) => {
      const before = await logHead(server);
      const result = await gql(server.url, RECORD, { input: input(title) }, editor);
      expect(result.data?.recordEvent ?? null).toBeNull();
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      // Paths are relative to the mutation's `input` argument.
      expect(fieldsOf(result)).toEqual([
        { path: 'title', message: expect.stringContaining(message) },
      ]);
      expect(await logHead(server)).toBe(before);
    },
  );

  it('still records a title that mixes invisible characters with visible ones', async () => {
    const result = await gql(server.url, RECORD, { input: input('Talks\u200B in Ottawa') }, editor);
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordEvent.title).toBe('Talks\u200B in Ottawa');
  });

  it('answers 150,000 bad country codes in `between` with a small error', async () => {
    const between = Array.from({ length: 150_000 }, () => 'ZZZ');
    for (const query of [
      `query($between: [String!]!) { relationship(between: $between) { eventCount } }`,
      `query($between: [String!]!) { relationshipChanges(between: $between) { date } }`,
    ]) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables: { between } }),
      });
      const text = await response.text();
      expect(text.length).toBeLessThan(10_000);
      const body = JSON.parse(text);
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(body.errors[0].extensions.fields).toEqual([
        { path: 'between', message: 'may hold at most 12 items' },
      ]);
    }
  });

  it('refuses the same filters on the HTTP feed as in GraphQL, with the same messages', async () => {
    const fifteen = [
      'USA',
      'CUB',
      'CAN',
      'MEX',
      'PAN',
      'BRA',
      'ARG',
      'CHL',
      'PER',
      'COL',
      'VEN',
      'ECU',
      'BOL',
      'PRY',
      'URY',
    ];
    const eightThousandWords = Array.from({ length: 8000 }, () => 'a');
    const twentyOneWords = Array.from({ length: 21 }, (_, i) => `w${i}`);
    const cases: [string, Record<string, unknown>, string, string][] = [
      [
        'countries',
        { countries: fifteen },
        `countries=${fifteen.join(',')}`,
        'may hold at most 12 items',
      ],
      [
        'text',
        { text: eightThousandWords.join(' ') },
        `text=${eightThousandWords.join('+')}`,
        'must be at most 200 characters',
      ],
      [
        'text',
        { text: twentyOneWords.join(' ') },
        `text=${twentyOneWords.join('+')}`,
        'must hold at most 20 words',
      ],
      ['kinds[0]', { kinds: ['PICNIC'] }, 'kinds=PICNIC', 'must be one of'],
    ];
    for (const [path, filter, queryString, message] of cases) {
      const graphql = await gql(server.url, EVENTS, { filter });
      const http = await feedAnswer(`${server.url}/feeds/changes?${queryString}`);
      expect(http.status).toBe(400);
      expect(http.body.error.code).toBe('BAD_USER_INPUT');
      const [httpIssue] = http.body.error.fields as Field[];
      expect(httpIssue).toEqual({ path, message: expect.stringContaining(message) });
      if (!path.startsWith('kinds')) {
        // GraphQL checks enum values itself; every other field meets the shared check.
        expect(graphql.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        expect(fieldsOf(graphql)).toEqual([{ path: `filter.${path}`, message: httpIssue.message }]);
      }
    }
  });

  it('still streams a feed whose filter is within the limits', async () => {
    const answer = await feedAnswer(
      `${server.url}/feeds/changes?countries=USA,CUB&text=migration+talks`,
    );
    expect(answer.status).toBe(200);
  });
});
