import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleEvent, take } from '../contract/contract-helpers';
import { openSqliteEventStore, type SqliteEventStore } from './sqlite-event-store';

/**
 * Another process writing to the same file with plain SQL: it takes the write lock, inserts one
 * event, says "locked", holds the lock for a while, then commits.
 */
const OTHER_PROCESS = `
  const [, driver, file, stream, holdMs] = process.argv;
  const Database = require(driver);
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  db.prepare('BEGIN IMMEDIATE').run();
  db.prepare(
    'INSERT INTO events (stream, revision, id, type, data, metadata, recorded_at) VALUES (?, 0, ?, ?, ?, ?, ?)',
  ).run(stream, require('node:crypto').randomUUID(), 'WrittenElsewhere', '{"by":"other"}', '{}', Date.now());
  process.stdout.write('locked\\n');
  setTimeout(() => { db.prepare('COMMIT').run(); db.close(); }, Number(holdMs));
`;

function otherProcessWrites(file: string, stream: string, holdMs: number): ChildProcess {
  const child = spawn(
    process.execPath,
    ['-e', OTHER_PROCESS, require.resolve('better-sqlite3'), file, stream, String(holdMs)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return child;
}

async function untilLocked(child: ChildProcess): Promise<void> {
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  expect(chunk.toString()).toContain('locked');
}

describe('SqliteEventStore shared with another process', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'event-store-'));
    store = openSqliteEventStore({ file: join(dir, 'events.db'), pollIntervalMs: 20 });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('waits for the other process to release the write lock instead of failing', async () => {
    const child = otherProcessWrites(store.file, 'elsewhere', 300);
    await untilLocked(child);
    const result = await store.appendToStream('here', [sampleEvent(1)], {
      expectedRevision: 'no_stream',
    });
    await once(child, 'exit');
    const log = await store.readAll();
    expect(log.map((event) => event.stream)).toEqual(['elsewhere', 'here']);
    expect(result.position).toBe(log[1].globalPosition);
  });

  it("wakes a live subscription for the other process's appends", async () => {
    await store.appendToStream('here', [sampleEvent(1)], { expectedRevision: 'no_stream' });
    const subscription = store.subscribeToAll({ fromPosition: 'end' });
    const next = take(subscription, 1);
    const child = otherProcessWrites(store.file, 'elsewhere', 0);
    await once(child, 'exit');
    const [event] = await next;
    await subscription.close();
    expect(event).toMatchObject({ stream: 'elsewhere', streamRevision: 0, data: { by: 'other' } });
  });
});
