import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  cli,
  gql,
  removeDir,
  ROOT,
  startServer,
  tempDataDir,
  type RunningServer,
} from './support/server';

const FIXTURES = join(ROOT, 'libs', 'domain', 'src', 'research-formats', 'fixtures');

describe('research imports from the command line, then read over GraphQL', () => {
  const dataDir = tempDataDir('dt-research-');
  const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  const fixture = (name: string) => {
    const path = join(dataDir, name);
    copyFileSync(join(FIXTURES, name), path);
    return path;
  };
  const files = {
    gdelt: fixture('gdelt-v2.export.CSV'),
    gdeltV1: fixture('gdelt-v1.CSV'),
    icews: fixture('icews.tab'),
    cow: fixture('cow-dipex.csv'),
    csv: fixture('custom.csv'),
    mapping: fixture('custom.mapping.json'),
  };
  let server: RunningServer | undefined;

  afterAll(async () => {
    await server?.stop();
    removeDir(dataDir);
  });

  it('imports each format, counts what it did and writes refused rows with their reasons', () => {
    const gdelt = cli(['import', '--format', 'gdelt', files.gdelt, files.gdeltV1], env);
    expect(gdelt.status).toBe(0);
    expect(gdelt.stdout).toMatch(
      /gdelt-v2\.export\.CSV: 3 recorded, 1 already present, 4 refused of 8 rows in [\d.]+ s \(\d+ rows\/s\)/,
    );
    expect(gdelt.stdout).toMatch(
      /gdelt-v1\.CSV: 2 recorded, 0 already present, 0 refused of 2 rows/,
    );
    const rejects = readFileSync(`${files.gdelt}.rejects.ndjson`, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { line: number; rowId: string; reason: string });
    expect(rejects).toEqual([
      { line: 3, rowId: '1003', reason: 'no actor country: the row names no country' },
      {
        line: 5,
        rowId: '1004',
        reason: 'Actor2: CAMEO code AFR (Africa) names a region, not a country',
      },
      { line: 6, rowId: '1005', reason: '"999" is not a CAMEO event code' },
      { line: 8, rowId: '1007', reason: 'SQLDATE "20220230" is not a day (YYYYMMDD)' },
    ]);

    const icews = cli(['import', '--format', 'icews', '--dataset-version', '37', files.icews], env);
    expect(icews.stdout).toMatch(/icews\.tab: 4 recorded, 0 already present, 2 refused of 6 rows/);
    // The repeated Event ID says something else: refused, whichever check sees it first.
    expect(readFileSync(`${files.icews}.rejects.ndjson`, 'utf8')).toMatch(
      /"rowId":"20150101002","reason":"(row id 20150101002 is already recorded with different facts|id: is taken by a record with other facts)"/,
    );
    const cow = cli(['import', '--format', 'cow-dipex', files.cow], env);
    expect(cow.stdout).toMatch(
      /cow-dipex\.csv: 6 recorded, 0 already present, 2 refused of 8 rows/,
    );
  });

  it('reads a zipped GDELT export, and resumes: a second run records nothing again', () => {
    const zip = join(dataDir, '20220421000000.export.CSV.zip');
    execFileSync('python3', [
      '-c',
      'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED); z.write(sys.argv[2], "20220421000000.export.CSV"); z.close()',
      zip,
      files.gdelt,
    ]);
    const again = cli(['import', '--format', 'gdelt', zip, files.gdeltV1], env);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/\.zip: 0 recorded, 4 already present, 4 refused of 8 rows/);
    expect(again.stdout).toMatch(/gdelt-v1\.CSV: 0 recorded, 2 already present/);
  });

  it('imports any CSV with a mapping file; --mapping goes with --format csv only', () => {
    const csv = cli(['import', '--format', 'csv', '--mapping', files.mapping, files.csv], env);
    expect(csv.status).toBe(0);
    expect(csv.stdout).toMatch(/custom\.csv: 3 recorded, 1 already present, 2 refused of 6 rows/);
    const wrong = cli(['import', '--format', 'gdelt', '--mapping', files.mapping, files.csv], env);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('--mapping FILE goes with --format csv, and only with it');
  });

  it('refuses a file whose header is not the format, naming what is missing', () => {
    const wrong = cli(['import', '--format', 'icews', files.cow], env);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('not an ICEWS header: missing "Event ID"');
  });

  it('serves the records with their provenance, filterable by dataset; COW effects fold into the relationship', async () => {
    server = await startServer({ dataDir });
    const byDataset = await gql(
      server.url,
      `{ events(filter: { datasets: ["gdelt"] }, first: 10) { totalCount edges { node {
          countries cameo { code goldstein quadClass } effects { type } tags
          provenance { dataset version rowId url } } } } }`,
    );
    expect(byDataset.errors).toBeUndefined();
    expect(byDataset.data!.events.totalCount).toBe(5);
    const nodes = byDataset.data!.events.edges.map((e: { node: unknown }) => e.node);
    expect(nodes).toContainEqual({
      countries: ['CUB', 'USA'],
      cameo: { code: '040', goldstein: 1, quadClass: 1 },
      effects: [],
      tags: ['gdelt', 'machine-coded'],
      provenance: {
        dataset: 'gdelt',
        version: '2.0',
        rowId: '1001',
        url: 'https://example.org/news/1001',
      },
    });

    const relationship = await gql(
      server.url,
      `{ relationship(between: ["USA", "CUB"], asOf: "1956-12-31") {
          relations { level since certain } embassies { of in status since } } }`,
    );
    expect(relationship.errors).toBeUndefined();
    expect(relationship.data!.relationship).toEqual({
      relations: { level: 'FULL', since: '1955', certain: true },
      embassies: [
        { of: 'CUB', in: 'USA', status: 'OPERATING', since: '1955' },
        { of: 'USA', in: 'CUB', status: 'OPERATING', since: '1955' },
      ],
    });
    const historical = await gql(
      server.url,
      `{ events(filter: { countries: ["SUN"], datasets: ["cow-dipex"] }) { edges { node { title countries } } } }`,
    );
    expect(historical.data!.events.edges).toEqual([
      {
        node: {
          title: 'Diplomatic representation in 1960: USA and SUN (COW Diplomatic Exchange)',
          countries: ['SUN', 'USA'],
        },
      },
    ]);
  });
});
