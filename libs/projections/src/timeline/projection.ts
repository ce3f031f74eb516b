import type { StoredEvent } from '@app/event-store';
import {
  cameoRoot,
  lookupCameo,
  type DiplomaticEventEvent,
  type DiplomaticEventFacts,
} from '@app/domain';
import type { Applier, Projection } from '../projection';
import type { ReadModelDb } from '../read-model-db';
import { prepareAggregates, type CountedVersion } from './aggregates';
import {
  CURRENT,
  TIMELINE_QUERY_INDEXES,
  createTimelineSchema,
  dropTimelineSchema,
} from './schema';
import { scopesOf } from './scopes';

interface CurrentRow {
  seq: number;
  revision: number;
  status: string;
  first_position: number | bigint;
  first_recorded_at: string;
  first_recorded_by: string | null;
  facts: string;
}

/** The timeline: every record, every version, queryable by country, kind, date, text, tags. */
export const timelineProjection: Projection = {
  name: 'timeline',
  version: 8,
  eventTypes: ['DiplomaticEventRecorded', 'DiplomaticEventAmended', 'DiplomaticEventRetracted'],
  createSchema: createTimelineSchema,
  dropSchema: dropTimelineSchema,
  queryIndexes: TIMELINE_QUERY_INDEXES,
  prepare(db: ReadModelDb): Applier {
    const current = db.prepare(
      `SELECT seq, revision, status, first_position, first_recorded_at, first_recorded_by, facts
       FROM event_versions WHERE event_id = ? AND tx_to = '${CURRENT}'`,
    );
    const close = db.prepare('UPDATE event_versions SET tx_to = ? WHERE seq = ?');
    const insert = db.prepare(`
      INSERT INTO event_versions (event_id, revision, change_type, reason, status, tx_from, tx_to,
        position, first_position, first_recorded_at, first_recorded_by, recorded_by,
        changed_fields, kind, occurred_start, occurred_end, cameo_root, quad_class, goldstein,
        dataset, title, facts)
      VALUES (@eventId, @revision, @changeType, @reason, @status, @txFrom, '${CURRENT}',
        @position, @firstPosition, @firstRecordedAt, @firstRecordedBy, @recordedBy,
        @changedFields, @kind, @occurredStart, @occurredEnd, @cameoRoot, @quadClass, @goldstein,
        @dataset, @title, @facts)`);
    const addScope = db.prepare(
      `INSERT INTO version_scopes (scope, seq, tx_to, status, occurred_start, occurred_end,
         event_id, first_position, position)
       VALUES (?, ?, '${CURRENT}', ?, ?, ?, ?, ?, ?)`,
    );
    const countVersion = db.prepare(
      `INSERT INTO scope_versions (scope, versions) VALUES (?, ?)
       ON CONFLICT (scope) DO UPDATE SET versions = versions + excluded.versions`,
    );
    // Versions per scope, added up over a batch and written once at its end: a pair's counter
    // would otherwise be rewritten for each of its events.
    const newVersions = new Map<string, number>();
    const addCounts = db.prepare(
      `INSERT INTO scope_counts (scope, active, retracted) VALUES (?, ?, ?)
       ON CONFLICT (scope) DO UPDATE SET active = active + excluded.active,
         retracted = retracted + excluded.retracted`,
    );
    /** Changes to the current records per scope, by status, added up over a batch. */
    const countDeltas = new Map<string, { active: number; retracted: number }>();
    /** A current version comes (+1) or goes (-1): '' counts every record. */
    const countCurrent = (countries: readonly string[], status: string, delta: number) => {
      for (const scope of ['', ...scopesOf(countries)]) {
        const counts = countDeltas.get(scope) ?? { active: 0, retracted: 0 };
        if (status === 'ACTIVE') counts.active += delta;
        else counts.retracted += delta;
        countDeltas.set(scope, counts);
      }
    };
    const closeScope = db.prepare(
      'UPDATE version_scopes SET tx_to = ? WHERE scope = ? AND seq = ?',
    );
    const aggregates = prepareAggregates(db);
    const addTag = db.prepare('INSERT OR IGNORE INTO version_tags (tag, seq) VALUES (?, ?)');
    const addText = db.prepare(
      'INSERT INTO version_text (rowid, title, summary, participants) VALUES (?, ?, ?, ?)',
    );

    const writeVersion = (
      stored: StoredEvent,
      facts: DiplomaticEventFacts,
      fields: {
        changeType: string;
        reason: string | null;
        status: string;
        changedFields: readonly string[];
        /** The version this one replaces, as the aggregates counted it. */
        before?: CountedVersion;
      },
      first: { position: number | bigint; recordedAt: string; recordedBy: string | null },
    ): void => {
      const eventId = (stored.data as { eventId: string }).eventId;
      const cameo = facts.cameo ? lookupCameo(facts.cameo) : undefined;
      const { before, ...columns } = fields;
      const { lastInsertRowid } = insert.run({
        eventId,
        revision: stored.streamRevision + 1,
        ...columns,
        changedFields: JSON.stringify(fields.changedFields),
        txFrom: stored.recordedAt.toISOString(),
        position: stored.globalPosition,
        firstPosition: first.position,
        firstRecordedAt: first.recordedAt,
        firstRecordedBy: first.recordedBy,
        recordedBy: stored.metadata.recordedBy ?? null,
        kind: facts.kind,
        occurredStart: facts.occurred.start,
        occurredEnd: facts.occurred.end,
        cameoRoot: facts.cameo ? cameoRoot(facts.cameo) : null,
        quadClass: cameo?.quadClass ?? null,
        goldstein: cameo?.goldstein ?? null,
        dataset: facts.provenance?.dataset ?? null,
        title: facts.title,
        facts: JSON.stringify(facts),
      });
      for (const scope of scopesOf(facts.countries)) {
        addScope.run(
          scope,
          lastInsertRowid,
          fields.status,
          facts.occurred.start,
          facts.occurred.end,
          eventId,
          first.position,
          stored.globalPosition,
        );
        newVersions.set(scope, (newVersions.get(scope) ?? 0) + 1);
      }
      countCurrent(facts.countries, fields.status, 1);
      aggregates.note(before, counted(facts, fields.status));
      for (const tag of facts.tags) addTag.run(tag, lastInsertRowid);
      addText.run(
        lastInsertRowid,
        facts.title,
        facts.summary,
        facts.participants.map((p) => [p.name, p.role].filter(Boolean).join(' ')).join('; '),
      );
    };

    const apply = (stored: StoredEvent) => {
      const event = { type: stored.type, data: stored.data } as DiplomaticEventEvent;
      if (event.type === 'DiplomaticEventRecorded') {
        const { eventId: _, ...facts } = event.data;
        writeVersion(
          stored,
          facts,
          { changeType: 'RECORDED', reason: null, status: 'ACTIVE', changedFields: [] },
          {
            position: stored.globalPosition,
            recordedAt: stored.recordedAt.toISOString(),
            recordedBy: stored.metadata.recordedBy ?? null,
          },
        );
        return;
      }
      const previous = current.get(event.data.eventId) as CurrentRow | undefined;
      // The log is the truth; a later event for an unknown record can only come from a bug.
      if (!previous) throw new Error(`${event.type} for unknown record ${event.data.eventId}`);
      const closedAt = stored.recordedAt.toISOString();
      close.run(closedAt, previous.seq);
      const facts = JSON.parse(previous.facts) as DiplomaticEventFacts;
      for (const scope of scopesOf(facts.countries)) closeScope.run(closedAt, scope, previous.seq);
      countCurrent(facts.countries, previous.status, -1);
      const before = counted(facts, previous.status);
      const first = {
        position: previous.first_position,
        recordedAt: previous.first_recorded_at,
        recordedBy: previous.first_recorded_by,
      };
      if (event.type === 'DiplomaticEventAmended') {
        const { changes, reason } = event.data;
        writeVersion(
          stored,
          { ...facts, ...changes },
          {
            changeType: 'AMENDED',
            reason,
            status: previous.status,
            changedFields: Object.keys(changes),
            before,
          },
          first,
        );
      } else {
        writeVersion(
          stored,
          facts,
          {
            changeType: 'RETRACTED',
            reason: event.data.reason,
            status: 'RETRACTED',
            changedFields: [],
            before,
          },
          first,
        );
      }
    };
    const endBatch = () => {
      for (const [scope, versions] of newVersions) countVersion.run(scope, versions);
      newVersions.clear();
      for (const [scope, { active, retracted }] of countDeltas) {
        if (active !== 0 || retracted !== 0) addCounts.run(scope, active, retracted);
      }
      countDeltas.clear();
      aggregates.endBatch();
    };
    const forget = () => {
      newVersions.clear();
      countDeltas.clear();
      aggregates.forget();
    };
    return Object.assign(apply, { endBatch, forget });
  },
};

const counted = (facts: DiplomaticEventFacts, status: string): CountedVersion => ({
  countries: facts.countries,
  start: facts.occurred.start,
  end: facts.occurred.end,
  active: status === 'ACTIVE',
});
