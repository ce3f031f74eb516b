import { parseRecordInput, streamOf, type DiplomaticEventEvent } from '@app/domain';
import { EVENT_ID, talksInput } from '@app/domain/testing/talks-input';
import { projectionSpec, stored } from '../testing/projection-spec';
import { timelineProjection } from './projection';
import { CURRENT } from './schema';

const spec = projectionSpec(timelineProjection);
const facts = parseRecordInput(talksInput()).facts;

/** The n-th event of the record's stream, at global position n, recorded on day n of 2024. */
const nth = (n: number, event: DiplomaticEventEvent, recordedBy?: string) =>
  stored(event, {
    stream: streamOf(EVENT_ID),
    streamRevision: n - 1,
    globalPosition: BigInt(n),
    recordedAt: day(n),
    metadata: recordedBy ? { recordedBy } : {},
  });
const day = (n: number) => `2024-01-0${n}T00:00:00.000Z`;

const recorded = nth(
  1,
  { type: 'DiplomaticEventRecorded', data: { eventId: EVENT_ID, ...facts } },
  'alice',
);
const amended = nth(
  2,
  {
    type: 'DiplomaticEventAmended',
    data: { eventId: EVENT_ID, changes: { title: 'Migration talks' }, reason: 'shorter' },
  },
  'bob',
);
const retracted = nth(3, {
  type: 'DiplomaticEventRetracted',
  data: { eventId: EVENT_ID, reason: 'duplicate' },
});

const VERSIONS = `SELECT revision, change_type, reason, status, tx_from, tx_to, position, first_position,
    first_recorded_by, recorded_by, changed_fields, title, occurred_start, occurred_end
  FROM event_versions ORDER BY seq`;

const version = {
  occurred_start: '2022-04-21',
  occurred_end: '2022-04-21',
  first_position: 1,
  first_recorded_by: 'alice',
};

describe('timeline read model', () => {
  it('holds a recorded event as one current version', () =>
    spec.given(recorded).thenRows(VERSIONS, [
      {
        ...version,
        revision: 1,
        change_type: 'RECORDED',
        reason: null,
        status: 'ACTIVE',
        tx_from: day(1),
        tx_to: CURRENT,
        position: 1,
        recorded_by: 'alice',
        changed_fields: '[]',
        title: facts.title,
      },
    ]));

  it('closes a version in transaction time when the record changes, and keeps every version', () =>
    spec.given(recorded, amended, retracted).thenRows(VERSIONS, [
      {
        ...version,
        revision: 1,
        change_type: 'RECORDED',
        reason: null,
        status: 'ACTIVE',
        tx_from: day(1),
        tx_to: day(2),
        position: 1,
        recorded_by: 'alice',
        changed_fields: '[]',
        title: facts.title,
      },
      {
        ...version,
        revision: 2,
        change_type: 'AMENDED',
        reason: 'shorter',
        status: 'ACTIVE',
        tx_from: day(2),
        tx_to: day(3),
        position: 2,
        recorded_by: 'bob',
        changed_fields: '["title"]',
        title: 'Migration talks',
      },
      {
        ...version,
        revision: 3,
        change_type: 'RETRACTED',
        reason: 'duplicate',
        status: 'RETRACTED',
        tx_from: day(3),
        tx_to: CURRENT,
        position: 3,
        recorded_by: null,
        changed_fields: '[]',
        title: 'Migration talks',
      },
    ]));

  it('indexes each version under each country and the pair, and counts versions per scope', () => {
    const model = spec.given(recorded, amended);
    model.thenRows(`SELECT scope, seq, tx_to, status FROM version_scopes ORDER BY seq, scope`, [
      { scope: 'CUB', seq: 1, tx_to: day(2), status: 'ACTIVE' },
      { scope: 'CUB+USA', seq: 1, tx_to: day(2), status: 'ACTIVE' },
      { scope: 'USA', seq: 1, tx_to: day(2), status: 'ACTIVE' },
      { scope: 'CUB', seq: 2, tx_to: CURRENT, status: 'ACTIVE' },
      { scope: 'CUB+USA', seq: 2, tx_to: CURRENT, status: 'ACTIVE' },
      { scope: 'USA', seq: 2, tx_to: CURRENT, status: 'ACTIVE' },
    ]);
    model.thenRows('SELECT scope, versions FROM scope_versions ORDER BY scope', [
      { scope: 'CUB', versions: 2 },
      { scope: 'CUB+USA', versions: 2 },
      { scope: 'USA', versions: 2 },
    ]);
    model.thenRows('SELECT tag, seq FROM version_tags ORDER BY seq, tag', [
      { tag: 'migration', seq: 1 },
      { tag: 'talks', seq: 1 },
      { tag: 'migration', seq: 2 },
      { tag: 'talks', seq: 2 },
    ]);
  });

  it('refuses a change to a record it never saw: the log and the read model disagree', () => {
    expect(() => spec.given(amended)).toThrow(
      `DiplomaticEventAmended for unknown record ${EVENT_ID}`,
    );
  });
});
