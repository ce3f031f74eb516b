import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { caughtUp } from './support/conditions';
import {
  cli,
  createToken,
  gql,
  ROOT,
  removeDir,
  startServer,
  tempDataDir,
  type RunningServer,
} from './support/server';

const SNAPSHOT = `{
  events(filter: { countries: ["USA", "CUB"] }, first: 200) { totalCount edges { cursor node { id revision occurred title history { revision reason } } } }
  relationship(between: ["USA", "CUB"], asOf: "2018-06-30") { relations { level since certain } embassies { of status since }
    dialogues { topic status lastHeld certain } consularServices { service status } eventCount }
  changes: relationshipChanges(between: ["USA", "CUB"]) { date aspect key from to eventId }
}`;

describe('the command line: import, tokens, rebuild', () => {
  const dataDir = tempDataDir();
  let server: RunningServer | undefined;
  const env = () => ({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' });

  afterAll(async () => {
    await server?.stop();
    removeDir(dataDir);
  });

  it('imports the bundled dataset once: a restart and a re-import add nothing', async () => {
    server = await startServer({ dataDir });
    const before = await gql(server.url, SNAPSHOT);
    await server.stop();
    server = await startServer({ dataDir });
    expect(await gql(server.url, SNAPSHOT)).toEqual(before);
    await server.stop();
    server = undefined;

    const again = cli(['import', join(ROOT, 'events', 'datasets', 'us-cuba.ndjson')], env());
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(
      '0 recorded, 0 amended, 0 retracted, 94 already present, 0 failed',
    );
  });

  it('reports what an import did, line by line, and refuses bad lines without writing them', () => {
    const file = join(dataDir, 'extra.ndjson');
    const record = (id: string, title: string, extra: Record<string, unknown> = {}) =>
      JSON.stringify({
        command: 'recordEvent',
        input: {
          id,
          kind: 'TALKS',
          title,
          occurred: '2023-09',
          countries: ['USA', 'CUB'],
          sources: [{ title: 'Note', publisher: 'Ministry' }],
          ...extra,
        },
      });
    writeFileSync(
      file,
      [
        record('6f1c2d3e-0000-4000-8000-000000000001', 'Law-enforcement dialogue in Havana'),
        '{ not json',
        record('6f1c2d3e-0000-4000-8000-000000000002', 'Bad date', { occurred: '2023-02-30' }),
        record('6f1c2d3e-0000-4000-8000-000000000003', 'Trade talks'),
        JSON.stringify({ command: 'dropTable', input: {} }),
      ].join('\n'),
    );
    const result = cli(['import', file], env());
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      '2 recorded, 0 amended, 0 retracted, 0 already present, 3 failed',
    );
    expect(result.stdout).toMatch(/line 2: /);
    expect(result.stdout).toMatch(/line 3: occurred: /);
    expect(result.stdout).toMatch(/line 5: command must be/);
  });

  it('imports retractions once, and refuses one of a record it does not hold', () => {
    const file = join(dataDir, 'retractions.ndjson');
    const retract = (id: string) =>
      JSON.stringify({
        command: 'retractEvent',
        input: { id, expectedRevision: 1, reason: 'Entered in error: a duplicate' },
      });
    writeFileSync(
      file,
      [
        retract('6f1c2d3e-0000-4000-8000-000000000001'),
        retract('6f1c2d3e-0000-4000-8000-000000000009'),
      ].join('\n'),
    );
    const first = cli(['import', file], env());
    expect(first.stdout).toContain(
      '0 recorded, 0 amended, 1 retracted, 0 already present, 1 failed',
    );
    expect(first.stdout).toMatch(/line 2: .*6f1c2d3e-0000-4000-8000-000000000009/);
    const again = cli(['import', file], env());
    expect(again.stdout).toContain(
      '0 recorded, 0 amended, 0 retracted, 1 already present, 1 failed',
    );
  });

  it('creates, lists and revokes tokens; a revoked token is refused', async () => {
    const token = createToken(env(), 'cli-editor', 'editor');
    expect(token).toMatch(/^dtk_[A-Za-z0-9_-]{43}$/);
    expect(cli(['tokens', 'list'], env()).stdout).toMatch(/cli-editor\teditor\tissued .*\tactive/);
    expect(
      cli(['tokens', 'create', '--name', 'cli-editor', '--role', 'editor'], env()).status,
    ).toBe(1);
    expect(cli(['tokens', 'create', '--name', 'x', '--role', 'superuser'], env()).stderr).toContain(
      'role',
    );
    server = await startServer({ dataDir });
    const mutation = `mutation { retractEvent(input: { id: "6f1c2d3e-0000-4000-8000-000000000003", expectedRevision: 1, reason: "test" }) { status } }`;
    expect(cli(['tokens', 'revoke', 'cli-editor'], env()).status).toBe(0);
    // The running server learns of the revocation from the shared log: once it has read the
    // whole log, the token is refused.
    await caughtUp(server);
    const result = await gql(server.url, mutation, undefined, token);
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(cli(['tokens', 'list'], env()).stdout).toMatch(
      /cli-editor\teditor\tissued .*\trevoked /,
    );
    await server.stop();
    server = undefined;
  });

  it('rebuilds the read models from the log with the same answers', async () => {
    server = await startServer({ dataDir });
    const before = await gql(server.url, SNAPSHOT);
    expect(before.errors).toBeUndefined();
    await server.stop();
    server = undefined;
    const rebuilt = cli(['rebuild'], env());
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.stdout).toMatch(/Read models rebuilt from the log up to position \d+/);
    server = await startServer({ dataDir });
    expect(await gql(server.url, SNAPSHOT)).toEqual(before);
  });
});
