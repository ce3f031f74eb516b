import { deciderSpec } from '../testing/decider-spec';
import { EVENT_ID, talksInput } from '../testing/talks-input';
import type { DiplomaticEventCommand } from './commands';
import { decide, evolve, foldEvents, initialState, type DiplomaticEventState } from './decider';
import type { DiplomaticEventEvent } from './events';
import type { DiplomaticEventFacts } from './facts';
import { parseRecordInput } from './input/parse-input';

const facts: DiplomaticEventFacts = parseRecordInput(talksInput()).facts;
const recorded: DiplomaticEventEvent = {
  type: 'DiplomaticEventRecorded',
  data: { eventId: EVENT_ID, ...facts },
};
const amended = (
  changes: Partial<DiplomaticEventFacts>,
  reason = 'correction',
): DiplomaticEventEvent => ({
  type: 'DiplomaticEventAmended',
  data: { eventId: EVENT_ID, changes, reason },
});
const retracted: DiplomaticEventEvent = {
  type: 'DiplomaticEventRetracted',
  data: { eventId: EVENT_ID, reason: 'duplicate' },
};

const record = (f: DiplomaticEventFacts = facts): DiplomaticEventCommand => ({
  type: 'RecordDiplomaticEvent',
  data: { eventId: EVENT_ID, facts: f },
});
const amend = (
  changes: Partial<DiplomaticEventFacts>,
  expectedRevision = 1,
): DiplomaticEventCommand => ({
  type: 'AmendDiplomaticEvent',
  data: { eventId: EVENT_ID, expectedRevision, changes, reason: 'correction' },
});
const retract = (expectedRevision = 1): DiplomaticEventCommand => ({
  type: 'RetractDiplomaticEvent',
  data: { eventId: EVENT_ID, expectedRevision, reason: 'duplicate' },
});

const given = deciderSpec({ decide, evolve, initialState });

const earlier = parseRecordInput(talksInput({ occurred: '2022-04' })).facts.occurred;

describe('record', () => {
  it('records on an empty stream', () => given().when(record()).then([recorded]));

  it('is idempotent: the same facts again give no new event', () =>
    given(recorded).when(record()).then([]));

  it('recognises a retry after the record was amended', () =>
    given(recorded, amended({ occurred: earlier }))
      .when(record())
      .then([]));

  it('refuses other facts under a taken id', () =>
    given(recorded)
      .when(record({ ...facts, title: 'Other talks' }))
      .thenThrows('ALREADY_EXISTS'));

  it('refuses facts that break a cross-field rule', () =>
    given()
      .when(record({ ...facts, countries: ['USA'] }))
      .thenThrows('INVALID_INPUT', (error) =>
        expect(error.issues.map((i) => i.path)).toEqual(['countries', 'effects']),
      ));
});

describe('amend', () => {
  it('stores only the fields that actually change', () =>
    given(recorded)
      .when(amend({ occurred: earlier, title: facts.title, countries: ['CUB', 'USA'] }))
      .then([amended({ occurred: earlier })]));

  it('amends at the revision after an earlier amendment', () =>
    given(recorded, amended({ occurred: earlier }))
      .when(amend({ occurred: facts.occurred }, 2))
      .then([amended({ occurred: facts.occurred })]));

  it('refuses an amendment that changes nothing', () =>
    given(recorded)
      .when(amend({ title: facts.title, tags: [...facts.tags] }))
      .thenThrows('NO_CHANGE'));

  it('refuses an empty amendment', () => given(recorded).when(amend({})).thenThrows('NO_CHANGE'));

  it('refuses an unknown record', () =>
    given()
      .when(amend({ title: 'x' }))
      .thenThrows('NOT_FOUND'));

  it('refuses a retracted record', () =>
    given(recorded, retracted)
      .when(amend({ title: 'x' }, 2))
      .thenThrows('RETRACTED'));

  it('refuses a stale revision, saying which revision the record is at', () =>
    given(recorded, amended({ occurred: earlier }))
      .when(amend({ title: 'x' }, 1))
      .thenThrows('REVISION_CONFLICT', (error) =>
        expect(error.details).toEqual({ expectedRevision: 1, actualRevision: 2 }),
      ));

  it('refuses a revision from the future', () =>
    given(recorded)
      .when(amend({ title: 'x' }, 5))
      .thenThrows('REVISION_CONFLICT'));

  it('checks the merged facts: an effect must name countries of the merged record', () => {
    const withEmbassy = {
      ...facts,
      effects: [{ type: 'EMBASSY' as const, of: 'USA', in: 'CUB', status: 'REDUCED' as const }],
    };
    given({ type: 'DiplomaticEventRecorded', data: { eventId: EVENT_ID, ...withEmbassy } })
      .when(amend({ countries: ['MEX', 'USA'] }))
      .thenThrows('INVALID_INPUT', (error) =>
        expect(error.issues).toEqual([
          { path: 'effects[0].in', message: expect.stringContaining('CUB') },
        ]),
      );
  });
});

describe('retract', () => {
  it('retracts an active record', () => given(recorded).when(retract()).then([retracted]));

  it('retracts after an amendment', () =>
    given(recorded, amended({ occurred: earlier }))
      .when(retract(2))
      .then([retracted]));

  it('refuses an unknown record', () => given().when(retract()).thenThrows('NOT_FOUND'));

  it('refuses a record already retracted', () =>
    given(recorded, retracted).when(retract(2)).thenThrows('RETRACTED'));

  it('refuses a stale revision', () =>
    given(recorded, amended({ occurred: earlier }))
      .when(retract(1))
      .thenThrows('REVISION_CONFLICT'));
});

describe('evolve', () => {
  it('starts empty', () => expect(initialState()).toEqual({ status: 'empty' }));

  it('counts revisions and applies changes', () => {
    const state = foldEvents([recorded, amended({ occurred: earlier }), retracted]);
    expect(state).toEqual({
      status: 'retracted',
      eventId: EVENT_ID,
      revision: 3,
      facts: { ...facts, occurred: earlier },
      recordedFacts: facts,
      retractionReason: 'duplicate',
    } satisfies DiplomaticEventState);
  });

  it('folds events read back from the store as JSON the same way', () => {
    const fromStore = JSON.parse(JSON.stringify([recorded, amended({ occurred: earlier })]));
    expect(foldEvents(fromStore)).toEqual(foldEvents([recorded, amended({ occurred: earlier })]));
    expect(decide(record(), foldEvents(fromStore))).toEqual([]);
  });

  it('ignores events that cannot apply to the state', () => {
    expect(evolve(initialState(), amended({ title: 'x' }))).toEqual({ status: 'empty' });
    expect(evolve(initialState(), retracted)).toEqual({ status: 'empty' });
    const active = foldEvents([recorded]);
    expect(evolve(active, recorded)).toBe(active);
  });
});
