import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { caughtUp, healthOf } from './support/conditions';
import {
  cli,
  createToken,
  gql,
  removeDir,
  startServer,
  tempDataDir,
  type RunningServer,
} from './support/server';

const METRICS_TOKEN = 'snapshot-metrics-token-0123456789abcdef';
const RECORD = `mutation($input: RecordEventInput!) { recordEvent(input: $input) { id } }`;
const PAGE = `query($after: String) { events(first: 50, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id revision status title occurred countries updatedAt } } } }`;
const RELATIONSHIP = `query($asOf: EDTF) { relationship(between: ["USA", "CUB"], asOf: $asOf) {
  relations { level since certain } embassies { of in status since }
  dialogues { topic status lastHeld } eventCount lastEvent { title } } }`;

/** Every page of `events`, and the US–Cuba relationship on a few days, as one node answers. */
async function answersOf(server: RunningServer) {
  const pages: unknown[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await gql(server.url, PAGE, { after });
    expect(page.errors).toBeUndefined();
    pages.push(page.data);
    const info = page.data!.events.pageInfo;
    if (!info.hasNextPage) break;
    after = info.endCursor;
  }
  const relationships: unknown[] = [];
  for (const asOf of ['1961-06-01', '1977-09-02', '2015-07-21', '2024-01-01', undefined]) {
    const answer = await gql(server.url, RELATIONSHIP, { asOf });
    expect(answer.errors).toBeUndefined();
    relationships.push(answer.data);
  }
  return { pages, relationships };
}

/**
 * `cli snapshot` copies a running node's read models with their checkpoint; a node started on
 * the copy catches up from there and answers exactly as a node that replayed the whole log.
 */
describe('read-model snapshots', () => {
  const shared = tempDataDir('dt-snapshot-');
  const snapshot = join(shared, 'snapshot.db');
  const nodeEnv = (readModels: string) => ({
    EVENT_STORE_FILE: join(shared, 'events.db'),
    READ_MODEL_FILE: join(shared, readModels),
  });
  const servers: RunningServer[] = [];

  afterAll(async () => {
    for (const server of servers) await server.stop();
    removeDir(shared);
  });

  it('a node started on a snapshot answers as a full replay', async () => {
    // The first node loads the bundled dataset, then keeps taking writes.
    const first = await startServer({ dataDir: shared, env: nodeEnv('first.db') });
    servers.push(first);
    const editor = createToken(first.env, 'snapshot-editor', 'editor');
    const record = (title: string) =>
      gql(
        first.url,
        RECORD,
        {
          input: {
            kind: 'TALKS',
            title,
            occurred: '2024-03-04',
            countries: ['USA', 'CUB'],
            sources: [{ title: 'Note', publisher: 'Ministry' }],
            effects: [{ type: 'DIALOGUE', topic: 'migration', status: 'ACTIVE', held: true }],
          },
        },
        editor,
      );
    expect((await record('Before the snapshot')).errors).toBeUndefined();

    const taken = cli(['snapshot', snapshot], first.env);
    expect(taken.stderr).toBe('');
    expect(taken.status).toBe(0);
    expect(taken.stdout).toMatch(/read models at position \d+/);
    const copy = new Database(snapshot, { readonly: true });
    const checkpoint = copy.prepare('SELECT position FROM projector_checkpoint').pluck().get();
    copy.close();
    expect(Number(checkpoint)).toBeGreaterThan(20);
    expect(cli(['snapshot', snapshot], first.env).status).toBe(1); // never overwrites

    // Written after the copy: the new node must catch these up from the checkpoint.
    expect((await record('After the snapshot')).errors).toBeUndefined();
    expect((await record('Later still')).errors).toBeUndefined();

    const fromSnapshot = await startServer({
      dataDir: shared,
      env: { ...nodeEnv('snapshot.db'), SEED_ON_EMPTY: 'false', METRICS_TOKEN },
    });
    servers.push(fromSnapshot);
    const replayed = await startServer({
      dataDir: shared,
      env: { ...nodeEnv('replayed.db'), SEED_ON_EMPTY: 'false' },
    });
    servers.push(replayed);
    await caughtUp(fromSnapshot);
    await caughtUp(replayed);
    await caughtUp(first);

    // It applied only what followed its checkpoint, not the whole log.
    const head = Number((await healthOf(fromSnapshot)).eventStore.head);
    const metrics = await fetch(`${fromSnapshot.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    const applied = /^projector_applied_events_total (\d+)$/m.exec(await metrics.text());
    expect(Number(applied?.[1])).toBe(head - Number(checkpoint));

    const expected = await answersOf(replayed);
    expect(JSON.stringify(expected)).toContain('Later still');
    expect(await answersOf(fromSnapshot)).toEqual(expected);
    expect(await answersOf(first)).toEqual(expected);
    expect(existsSync(`${snapshot}.partial`)).toBe(false);
  });
});
