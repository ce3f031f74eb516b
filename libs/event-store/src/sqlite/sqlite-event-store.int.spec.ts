import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { version as uuidVersion } from 'uuid';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { rejectionOf, sampleEvent, sampleEvents, take } from '../contract/contract-helpers';
import { InvalidEventError, StreamNotFoundError } from '../errors';
import type { EventStore } from '../event-store.port';
import { EventStoreFileError, SCHEMA_VERSION } from './schema';
import { openSqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';

function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'event-store-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

describeEventStoreContract('sqlite', async () => {
  const { dir, remove } = tempDir();
  const file = join(dir, 'events.db');
  const opened: EventStore[] = [openSqliteEventStore({ file })];
  return {
    store: opened[0],
    reopen: async () => {
      await opened[opened.length - 1].close();
      opened.push(openSqliteEventStore({ file }));
      return opened[opened.length - 1];
    },
    cleanup: async () => {
      for (const store of opened) await store.close();
      remove();
    },
  };
});

describe('SqliteEventStore', () => {
  let dir: string;
  let remove: () => void;
  const stores: EventStore[] = [];
  const open = (options: Partial<SqliteEventStoreOptions> = {}) => {
    const store = openSqliteEventStore({ file: join(dir, 'events.db'), ...options });
    stores.push(store);
    return store;
  };

  beforeEach(() => ({ dir, remove } = tempDir()));
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    remove();
  });

  it('creates the schema in WAL mode and records its version', async () => {
    await open().close();
    const db = new Database(join(dir, 'events.db'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('refuses a file whose schema is newer than the code, and leaves it alone', async () => {
    await open().close();
    const db = new Database(join(dir, 'events.db'));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => open()).toThrow(EventStoreFileError);
    expect(() => open()).toThrow(/schema version 2, newer than the 1 this code knows/);
  });

  it('refuses a SQLite file that is not an event store', () => {
    const db = new Database(join(dir, 'events.db'));
    db.exec('CREATE TABLE other (x)');
    db.close();
    expect(() => open()).toThrow(/is not an event store file/);
  });

  it('generates time-ordered (v7) ids', async () => {
    const store = open();
    await store.appendToStream('country-fr', sampleEvents(3), { expectedRevision: 'no_stream' });
    const ids = (await store.readStream('country-fr')).map((event) => event.id);
    expect(ids.map((id) => uuidVersion(id))).toEqual([7, 7, 7]);
    expect([...ids].sort()).toEqual(ids);
  });

  it('never lets recordedAt go backwards along the log, whatever the clock says', async () => {
    const times = [5000, 9000, 3000, 12000].map((ms) => new Date(ms));
    const store = open({ clock: () => times.shift() ?? new Date(0) });
    for (let i = 0; i < 4; i++) {
      await store.appendToStream(`s-${i}`, [sampleEvent(i)], { expectedRevision: 'no_stream' });
    }
    const recorded = (await store.readAll()).map((event) => event.recordedAt.getTime());
    expect(recorded).toEqual([5000, 9000, 9000, 12000]);
  });

  it('refuses an id already recorded elsewhere, writing nothing', async () => {
    const store = open();
    const id = randomUUID();
    await store.appendToStream('a', [sampleEvent(0, { id })], { expectedRevision: 'no_stream' });
    const elsewhere = await rejectionOf(
      store.appendToStream('b', [sampleEvent(1), sampleEvent(2, { id })], {
        expectedRevision: 'no_stream',
      }),
    );
    expect(elsewhere).toBeInstanceOf(InvalidEventError);
    expect(elsewhere).toMatchObject({ field: 'events[1].id' });
    expect(await rejectionOf(store.readStream('b'))).toBeInstanceOf(StreamNotFoundError);
    const laterInSameStream = await rejectionOf(
      store.appendToStream('a', [sampleEvent(3), sampleEvent(4, { id })], { expectedRevision: 0 }),
    );
    expect(laterInSameStream).toBeInstanceOf(InvalidEventError);
    expect(await store.readStream('a')).toHaveLength(1);
  });

  it('applies a configured event size limit', async () => {
    const store = open({ maxEventBytes: 100 });
    await store.appendToStream('small', [sampleEvent(0)], { expectedRevision: 'no_stream' });
    const error = await rejectionOf(
      store.appendToStream('big', [{ type: 'T', data: { text: 'x'.repeat(100) } }], {
        expectedRevision: 'no_stream',
      }),
    );
    expect(error).toMatchObject({ field: 'events[0]' });
  });

  it('shows appends made through another connection to a subscription on this one', async () => {
    const reader = open({ pollIntervalMs: 10 });
    const writer = open();
    await writer.appendToStream('before', sampleEvents(2), { expectedRevision: 'no_stream' });
    const subscription = reader.subscribeToAll();
    const caughtUp = await take(subscription, 2);
    const live = take(subscription, 3);
    await writer.appendToStream('after', sampleEvents(3), { expectedRevision: 'no_stream' });
    const received = [...caughtUp, ...(await live)];
    await subscription.close();
    expect(received.map((event) => event.stream)).toEqual([
      'before',
      'before',
      'after',
      'after',
      'after',
    ]);
    expect(await reader.readAll()).toEqual(received);
  });

  it('detects conflicts between two connections to one file', async () => {
    const first = open();
    const second = open();
    await first.appendToStream('shared', sampleEvents(1), { expectedRevision: 'no_stream' });
    const outcomes = await Promise.allSettled([
      first.appendToStream('shared', [sampleEvent(1)], { expectedRevision: 0 }),
      second.appendToStream('shared', [sampleEvent(2)], { expectedRevision: 0 }),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await second.readStream('shared')).toHaveLength(2);
  });

  it('refuses appends once closed', async () => {
    const store = open();
    await store.close();
    await expect(
      store.appendToStream('s', sampleEvents(1), { expectedRevision: 'any' }),
    ).rejects.toThrow(/closed/);
  });
});
