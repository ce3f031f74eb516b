import { parseOccurred, parseRecordInput, streamOf, type DiplomaticEventEvent } from '@app/domain';
import { EVENT_ID, talksInput } from '@app/domain/testing/talks-input';
import { projectionSpec, stored } from '../testing/projection-spec';
import { CURRENT } from '../timeline/schema';
import { timelineProjection } from '../timeline/projection';
import { relationshipProjection } from './projection';
import { END_OF_TIME } from './schema';

// The relationship reads a record's current version from the timeline, so both run, in order.
const spec = projectionSpec(timelineProjection, relationshipProjection);

const embassyClosed = { type: 'EMBASSY', of: 'USA', in: 'CUB', status: 'CLOSED' } as const;
const facts = parseRecordInput(
  talksInput({ occurred: '1961-01-03', effects: [embassyClosed] }),
).facts;

/** The n-th event of the record's stream, at global position n, recorded on day n of 2024. */
const nth = (n: number, event: DiplomaticEventEvent) =>
  stored(event, {
    stream: streamOf(EVENT_ID),
    streamRevision: n - 1,
    globalPosition: BigInt(n),
    recordedAt: day(n),
  });
const day = (n: number) => `2024-01-0${n}T00:00:00.000Z`;

const recorded = nth(1, { type: 'DiplomaticEventRecorded', data: { eventId: EVENT_ID, ...facts } });
const madeVaguer = nth(2, {
  type: 'DiplomaticEventAmended',
  data: {
    eventId: EVENT_ID,
    changes: { occurred: parseOccurred('1961') },
    reason: 'only the year is sure',
  },
});
const retracted = nth(3, {
  type: 'DiplomaticEventRetracted',
  data: { eventId: EVENT_ID, reason: 'duplicate' },
});

const SEGMENTS = `SELECT group_key, aspect_key, valid_from, valid_to, tx_from, tx_to, item
  FROM rel_segments ORDER BY tx_from, valid_from`;
const RECORDS = `SELECT group_key, occurred_start, occurred_edtf, ord, tx_from, tx_to FROM rel_records ORDER BY tx_from`;

const embassyItem = (since: string, certain: boolean) =>
  JSON.stringify({
    aspect: 'embassies',
    of: 'USA',
    in: 'CUB',
    status: 'CLOSED',
    since,
    certain,
    eventId: EVENT_ID,
  });
const segment = { group_key: 'CUB|USA', aspect_key: 'embassy:USA:CUB' };

describe('relationship read model', () => {
  it('holds a recorded effect as the state of its aspect from the day it occurred on', () => {
    const model = spec.given(recorded);
    model.thenRows(SEGMENTS, [
      {
        ...segment,
        valid_from: '1961-01-03',
        valid_to: END_OF_TIME,
        tx_from: day(1),
        tx_to: CURRENT,
        item: embassyItem('1961-01-03', true),
      },
    ]);
    model.thenRows(RECORDS, [
      {
        group_key: 'CUB|USA',
        occurred_start: '1961-01-03',
        occurred_edtf: '1961-01-03',
        ord: 1,
        tx_from: day(1),
        tx_to: CURRENT,
      },
    ]);
    model.thenRows('SELECT group_key, aspect_key FROM rel_keys', [segment]);
  });

  it('keeps what was known before an amendment; a year-precise date is uncertain until the year ends', () =>
    spec.given(recorded, madeVaguer).thenRows(SEGMENTS, [
      {
        ...segment,
        valid_from: '1961-01-03',
        valid_to: END_OF_TIME,
        tx_from: day(1),
        tx_to: day(2),
        item: embassyItem('1961-01-03', true),
      },
      {
        ...segment,
        valid_from: '1961-01-01',
        valid_to: '1961-12-31',
        tx_from: day(2),
        tx_to: CURRENT,
        item: embassyItem('1961', false),
      },
      {
        ...segment,
        valid_from: '1961-12-31',
        valid_to: END_OF_TIME,
        tx_from: day(2),
        tx_to: CURRENT,
        item: embassyItem('1961', true),
      },
    ]));

  it('holds no current state for a retracted record, and remembers until when it held', () => {
    const model = spec.given(recorded, retracted);
    model.thenRows(SEGMENTS, [
      {
        ...segment,
        valid_from: '1961-01-03',
        valid_to: END_OF_TIME,
        tx_from: day(1),
        tx_to: day(3),
        item: embassyItem('1961-01-03', true),
      },
    ]);
    model.thenRows(RECORDS, [
      {
        group_key: 'CUB|USA',
        occurred_start: '1961-01-03',
        occurred_edtf: '1961-01-03',
        ord: 1,
        tx_from: day(1),
        tx_to: day(3),
      },
    ]);
    model.thenRows('SELECT last_tx FROM rel_clock', [{ last_tx: day(3) }]);
  });
});
