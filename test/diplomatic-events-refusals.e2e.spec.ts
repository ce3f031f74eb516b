import { RECORD, logHead, validInput } from './support/events';
import { createToken, gql, removeDir, startServer, type RunningServer } from './support/server';

describe('refusing mutations over GraphQL, writing nothing', () => {
  let server: RunningServer;
  let editor: string;
  let reader: string;

  beforeAll(async () => {
    server = await startServer();
    editor = createToken(server.env, 'e2e-editor', 'editor');
    reader = createToken(server.env, 'e2e-reader', 'reader');
  });

  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('refuses mutations without a token, with an unknown token, and for a reader', async () => {
    const before = await logHead(server);
    const anonymous = await gql(server.url, RECORD, { input: validInput() });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await gql(server.url, RECORD, { input: validInput() }, 'dtk_not-a-real-token');
    expect(forged.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const wrongRole = await gql(server.url, RECORD, { input: validInput() }, reader);
    expect(wrongRole.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await logHead(server)).toBe(before);
  });

  const malformed: [string, Record<string, unknown>, string][] = [
    ['bad EDTF', validInput({ occurred: '2022-13-45' }), 'occurred'],
    ['unknown country', validInput({ countries: ['USA', 'XXX'] }), 'countries[1]'],
    ['missing source', validInput({ sources: [] }), 'sources'],
    ['1 MB title', validInput({ title: 'x'.repeat(1024 * 1024) }), 'title'],
    ['unknown CAMEO code', validInput({ cameo: '999' }), 'cameo'],
    [
      'non-http URL',
      validInput({ sources: [{ title: 't', publisher: 'p', url: 'javascript:alert(1)' }] }),
      'sources[0].url',
    ],
    [
      'embassy of a country not taking part',
      validInput({ effects: [{ type: 'EMBASSY', of: 'MEX', in: 'USA', status: 'CLOSED' }] }),
      'effects[0]',
    ],
    [
      'field foreign to the effect type',
      validInput({ effects: [{ type: 'RELATIONS', level: 'FULL', topic: 'x' }] }),
      'effects[0].topic',
    ],
  ];

  it.each(malformed)(
    'answers %s with BAD_USER_INPUT naming the field, and writes nothing',
    async (_name, input, field) => {
      const before = await logHead(server);
      const result = await gql(server.url, RECORD, { input }, editor);
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const paths = ((result.errors?.[0].extensions?.fields as { path: string }[]) ?? []).map(
        (f) => f.path,
      );
      expect(paths.some((p) => p.startsWith(field))).toBe(true);
      expect(await logHead(server)).toBe(before);
    },
  );

  it('answers wrong GraphQL types with BAD_USER_INPUT and writes nothing', async () => {
    const before = await logHead(server);
    const wrongType = await gql(
      server.url,
      RECORD,
      { input: { ...validInput(), countries: 'USA,CUB', kind: 42 } },
      editor,
    );
    expect(wrongType.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const unknownKind = await gql(
      server.url,
      RECORD,
      { input: validInput({ kind: 'PICNIC' }) },
      editor,
    );
    expect(unknownKind.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const notJson = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` },
      body: '{"query": "mutation {',
    });
    expect(notJson.status).toBeGreaterThanOrEqual(400);
    expect(await logHead(server)).toBe(before);
  });
});
