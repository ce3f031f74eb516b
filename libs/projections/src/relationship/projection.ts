import { effectKey, type DiplomaticEventFacts, type EffectEntry } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import type { Applier, Projection } from '../projection';
import type { ReadModelDb } from '../read-model-db';
import { CURRENT } from '../timeline/schema';
import {
  RELATIONSHIP_QUERY_INDEXES,
  createRelationshipSchema,
  dropRelationshipSchema,
  pairsOf,
} from './schema';
import { segmentsOf } from './segments';

interface StoredSegment {
  rowid: number;
  validFrom: string;
  validTo: string;
  item: string;
}

interface CurrentVersion {
  status: string;
  /** As stored (JSON), or already parsed. */
  facts: string | DiplomaticEventFacts;
  position: number | bigint;
}

/** Entries and segments kept in memory between batches, at most (about 50 MB). */
const MAX_CACHED_ENTRIES = 100_000;

/** An aspect key's current entries and segments, as the tables hold them. */
interface KeyState {
  entries: EffectEntry[];
  segments: StoredSegment[];
}

/**
 * Relationship state per pair of countries, kept as bitemporal intervals. It reads the record's
 * new version from the timeline, so it must run after the timeline projection in the same
 * transaction (the projector applies projections in the order given).
 */
export const relationshipProjection: Projection = {
  name: 'relationship',
  version: 5,
  eventTypes: ['DiplomaticEventRecorded', 'DiplomaticEventAmended', 'DiplomaticEventRetracted'],
  createSchema: createRelationshipSchema,
  dropSchema: dropRelationshipSchema,
  queryIndexes: RELATIONSHIP_QUERY_INDEXES,
  prepare(db: ReadModelDb): Applier {
    const version = db.prepare(
      `SELECT status, facts, position FROM event_versions WHERE event_id = ? AND tx_to = '${CURRENT}'`,
    );
    const oldKeys = db.prepare(
      `SELECT DISTINCT group_key, aspect_key FROM rel_effects WHERE event_id = ? AND tx_to = '${CURRENT}'`,
    );
    const currentRecords = db.prepare(
      `SELECT group_key, occurred_start FROM rel_records WHERE event_id = ? AND tx_to = '${CURRENT}'`,
    );
    const countMonth = db.prepare(
      `INSERT INTO rel_record_months (group_key, month, records) VALUES (?, ?, ?)
       ON CONFLICT (group_key, month) DO UPDATE SET records = records + excluded.records`,
    );
    /** Changes to the records per pair and month, added up over a batch (see endBatch). */
    const monthDeltas = new Map<string, number>();
    const countRecord = (group: string, occurredStart: string, delta: number) => {
      const id = `${group}\n${occurredStart.slice(0, 7)}`;
      monthDeltas.set(id, (monthDeltas.get(id) ?? 0) + delta);
    };
    const closeRecords = db.prepare(
      `UPDATE rel_records SET tx_to = ? WHERE event_id = ? AND tx_to = '${CURRENT}'`,
    );
    const closeEffects = db.prepare(
      `UPDATE rel_effects SET tx_to = ? WHERE event_id = ? AND tx_to = '${CURRENT}'`,
    );
    const addRecord = db.prepare(
      `INSERT INTO rel_records (group_key, event_id, occurred_start, occurred_edtf, title, ord, tx_from, tx_to)
       VALUES (?, ?, ?, ?, ?, ?, ?, '${CURRENT}')`,
    );
    const addEffect = db.prepare(
      `INSERT INTO rel_effects (group_key, aspect_key, event_id, entry, tx_from, tx_to)
       VALUES (?, ?, ?, ?, ?, '${CURRENT}')`,
    );
    const addKey = db.prepare(
      'INSERT OR IGNORE INTO rel_keys (group_key, aspect_key) VALUES (?, ?)',
    );
    const currentEntries = db.prepare(
      `SELECT entry FROM rel_effects WHERE group_key = ? AND aspect_key = ? AND tx_to = '${CURRENT}'`,
    );
    const currentSegments = db.prepare(
      `SELECT rowid, valid_from AS validFrom, valid_to AS validTo, item FROM rel_segments
       WHERE group_key = ? AND aspect_key = ? AND tx_to = '${CURRENT}'`,
    );
    const clock = db.prepare(
      `INSERT INTO rel_clock (id, last_tx) VALUES (1, ?)
       ON CONFLICT (id) DO UPDATE SET last_tx = max(last_tx, excluded.last_tx)`,
    );
    const closeSegment = db.prepare('UPDATE rel_segments SET tx_to = ? WHERE rowid = ?');
    const addSegment = db.prepare(
      `INSERT INTO rel_segments (group_key, aspect_key, valid_from, valid_to, tx_from, tx_to, item)
       VALUES (?, ?, ?, ?, ?, '${CURRENT}', ?)`,
    );

    /**
     * The current entries and segments of recently touched aspect keys, kept in step with every
     * write: a key with many events is folded from memory instead of being read (and its entries
     * parsed) again for each of them. Most recently used last; trimmed after each batch to about
     * MAX_CACHED_ENTRIES entries, and forgotten whenever the tables may have moved without this
     * projection (another process on the file, a rolled-back batch).
     */
    const batchKeys = new Map<string, KeyState>();
    const stateOf = (group: string, key: string, isNew = false): KeyState => {
      const id = `${group}\n${key}`;
      let state = batchKeys.get(id);
      if (state) {
        batchKeys.delete(id);
        batchKeys.set(id, state);
      } else {
        state = isNew
          ? { entries: [], segments: [] }
          : {
              entries: (currentEntries.all(group, key) as { entry: string }[]).map(
                (r) => JSON.parse(r.entry) as EffectEntry,
              ),
              segments: currentSegments.all(group, key) as StoredSegment[],
            };
        batchKeys.set(id, state);
      }
      return state;
    };

    const refresh = (group: string, key: string, at: string) => {
      const state = stateOf(group, key);
      const identity = (s: { validFrom: string; validTo: string; item: string }) =>
        `${s.validFrom}\n${s.validTo}\n${s.item}`;
      const next = new Map(
        segmentsOf(state.entries).map((s) => {
          const row = { ...s, item: JSON.stringify(s.item) };
          return [identity(row), row];
        }),
      );
      // Only segments that changed are closed and written: transaction-time history grows with
      // real change, and a new event late in valid time touches only the tail of the timeline.
      const kept: StoredSegment[] = [];
      for (const row of state.segments) {
        if (next.delete(identity(row))) kept.push(row);
        else closeSegment.run(at, row.rowid);
      }
      for (const s of next.values()) {
        const { lastInsertRowid } = addSegment.run(group, key, s.validFrom, s.validTo, at, s.item);
        kept.push({ ...s, rowid: Number(lastInsertRowid) });
      }
      state.segments = kept;
    };

    // The clock only moves forward: the last instant of a batch is written once at its end.
    let lastTx: string | undefined;

    /** The record's version the timeline has just written (a record's first: its own data). */
    const versionOf = (stored: StoredEvent, eventId: string): CurrentVersion | undefined => {
      if (stored.type !== 'DiplomaticEventRecorded') {
        return version.get(eventId) as CurrentVersion | undefined;
      }
      const { eventId: _, ...facts } = stored.data as DiplomaticEventFacts & { eventId: string };
      return { status: 'ACTIVE', facts, position: stored.globalPosition };
    };

    const apply = (stored: StoredEvent) => {
      const eventId = (stored.data as { eventId: string }).eventId;
      const at = stored.recordedAt.toISOString();
      if (lastTx === undefined || at > lastTx) lastTx = at;
      const affected = new Map<string, [string, string]>();
      // A record's first event has nothing of its own to close: the stream starts with it.
      if (stored.type !== 'DiplomaticEventRecorded') {
        for (const row of oldKeys.all(eventId) as { group_key: string; aspect_key: string }[]) {
          const state = stateOf(row.group_key, row.aspect_key);
          state.entries = state.entries.filter((entry) => entry.eventId !== eventId);
          affected.set(`${row.group_key}\n${row.aspect_key}`, [row.group_key, row.aspect_key]);
        }
        for (const row of currentRecords.all(eventId) as {
          group_key: string;
          occurred_start: string;
        }[]) {
          countRecord(row.group_key, row.occurred_start, -1);
        }
        closeRecords.run(at, eventId);
        closeEffects.run(at, eventId);
      }
      const current = versionOf(stored, eventId);
      if (current?.status === 'ACTIVE') {
        const facts =
          typeof current.facts === 'string'
            ? (JSON.parse(current.facts) as DiplomaticEventFacts)
            : current.facts;
        const order = Number(current.position);
        for (const group of pairsOf(facts.countries)) {
          countRecord(group, facts.occurred.start, 1);
          addRecord.run(
            group,
            eventId,
            facts.occurred.start,
            facts.occurred.edtf,
            facts.title,
            order,
            at,
          );
          for (const effect of facts.effects) {
            const key = effectKey(effect);
            const entry: EffectEntry = {
              effect,
              occurred: facts.occurred,
              eventId,
              title: facts.title,
              order,
            };
            const state = stateOf(group, key, addKey.run(group, key).changes === 1);
            addEffect.run(group, key, eventId, JSON.stringify(entry), at);
            state.entries.push(entry);
            affected.set(`${group}\n${key}`, [group, key]);
          }
        }
      }
      for (const [group, key] of affected.values()) refresh(group, key, at);
    };
    const endBatch = () => {
      if (lastTx !== undefined) clock.run(lastTx);
      for (const [id, delta] of monthDeltas) {
        const [group, month] = id.split('\n');
        if (delta !== 0) countMonth.run(group, month, delta);
      }
      monthDeltas.clear();
      lastTx = undefined;
      let cached = 0;
      for (const state of batchKeys.values())
        cached += state.entries.length + state.segments.length;
      for (const [id, state] of batchKeys) {
        if (cached <= MAX_CACHED_ENTRIES) break;
        cached -= state.entries.length + state.segments.length;
        batchKeys.delete(id);
      }
    };
    const forget = () => batchKeys.clear();
    return Object.assign(apply, { endBatch, forget });
  },
};
