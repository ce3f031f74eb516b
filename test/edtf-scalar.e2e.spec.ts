import { EVENT_CHANGES, collect, until, wsClient } from './support/feed-client';
import { RECORD, logHead, validInput } from './support/events';
import { createToken, gql, removeDir, startServer, type RunningServer } from './support/server';

/*
 * EDTF dates have a scalar of their own, described and linked to its specification, and a bad
 * date is refused at the scalar with the shape of every other input error: BAD_USER_INPUT and
 * `fields` naming where it is, whether it came as a variable or was written in the query, over
 * HTTP or WebSocket. Good dates pass through as the text given.
 */

type Field = { path: string; message: string };
const fieldsOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }): Field[] =>
  (result.errors?.[0]?.extensions?.fields as Field[] | undefined) ?? [];
const codeOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  result.errors?.[0]?.extensions?.code;

describe('the EDTF scalar', () => {
  let server: RunningServer;
  let editor: string;

  beforeAll(async () => {
    server = await startServer();
    editor = createToken(server.env, 'e2e-edtf-editor', 'editor');
  });

  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('is described by introspection with its specification, as DateTime is', async () => {
    const result = await gql(
      server.url,
      `{ edtf: __type(name: "EDTF") { kind description specifiedByURL }
         dateTime: __type(name: "DateTime") { specifiedByURL } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.edtf).toEqual({
      kind: 'SCALAR',
      description: expect.stringContaining('Extended Date/Time Format'),
      specifiedByURL: 'https://www.loc.gov/standards/datetime/',
    });
    expect(result.data?.dateTime.specifiedByURL).toBe(
      'https://datatracker.ietf.org/doc/html/rfc3339',
    );
  });

  it('keeps an imprecise date as the text given', async () => {
    const result = await gql(
      server.url,
      RECORD,
      { input: validInput({ occurred: '2018?' }) },
      editor,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.recordEvent.occurred).toBe('2018?');
  });

  it.each([
    ['occurred', validInput({ occurred: '2022-13-45' }), 'occurred'],
    [
      'a source date',
      validInput({
        sources: [
          { title: 'T', publisher: 'P' },
          { title: 'U', publisher: 'Q', publishedOn: 'soon' },
        ],
      }),
      'sources[1].publishedOn',
    ],
    ['a number for a date', validInput({ occurred: 20220421 }), 'occurred'],
  ])(
    'refuses a bad %s sent as a variable, naming it, and writes nothing',
    async (_n, input, path) => {
      const before = await logHead(server);
      const result = await gql(server.url, RECORD, { input }, editor);
      expect(result.data?.recordEvent ?? null).toBeNull();
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result)).toEqual([{ path, message: expect.any(String) }]);
      expect(await logHead(server)).toBe(before);
    },
  );

  it('refuses bad dates written in the query, naming the argument or the filter field', async () => {
    const asOf = await gql(
      server.url,
      `{ relationship(between: ["USA", "CUB"], asOf: "2016-02-30") { asOf } }`,
    );
    expect(codeOf(asOf)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(asOf)).toEqual([
      { path: 'asOf', message: expect.stringContaining('not a valid EDTF date') },
    ]);
    const filter = await gql(
      server.url,
      `{ events(filter: { occurredFrom: "yesterday", occurredTo: 1999 }) { totalCount } }`,
    );
    expect(codeOf(filter)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(filter).map((field) => field.path)).toEqual([
      'filter.occurredFrom',
      'filter.occurredTo',
    ]);
  });

  it('refuses a bad date variable typed EDTF by the argument it is given to, every time', async () => {
    const query = `query($day: EDTF) { relationship(between: ["USA", "CUB"], asOf: $day) { asOf } }`;
    const expected = [{ path: 'asOf', message: expect.stringContaining('time of day') }];
    // The first request of a text and a later one take different ways through the server.
    for (let round = 0; round < 2; round++) {
      const result = await gql(server.url, query, { day: '2016-06-30T12:00:00Z' });
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result)).toEqual(expected);
    }
    const params = new URLSearchParams({
      query,
      variables: JSON.stringify({ day: '2016-06-30T12:00:00Z' }),
    });
    const byGet = await (await fetch(`${server.url}/graphql?${params}`)).json();
    expect(fieldsOf(byGet)).toEqual(expected);
    const good = await gql(server.url, query, { day: '2016-06' });
    expect(good.errors).toBeUndefined();
    expect(good.data?.relationship.asOf).toBe('2016-06-30');
  });

  it('refuses a bad date in a subscription over WebSocket the same way', async () => {
    const client = wsClient(server.url);
    try {
      const feed = collect(client, EVENT_CHANGES, { filter: { occurredFrom: '1961-02-29' } });
      await until(() => feed.errors.length > 0, 20_000, 'the refusal');
      const [errors] = feed.errors as { extensions?: Record<string, unknown> }[][];
      expect(errors[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(errors[0].extensions?.fields).toEqual([
        { path: 'filter.occurredFrom', message: expect.stringContaining('does not exist') },
      ]);
    } finally {
      await client.dispose();
    }
  });
});
