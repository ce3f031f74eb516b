import { EVENT_TYPE, STREAM_NAME, type RegexFilter } from '@kurrent/kurrentdb-client';
import {
  escapeRegex,
  exactTypesRegex,
  matchesFilter,
  toServerFilter,
  USER_EVENT_TYPES,
} from './filters';

describe('toServerFilter', () => {
  it('filters stream names by prefix on the server', () => {
    expect(toServerFilter({ streamPrefixes: ['DiplomaticEvent-'] })).toMatchObject({
      filterOn: STREAM_NAME,
      prefixes: ['DiplomaticEvent-'],
    });
  });

  it('filters exact event types with an anchored regex', () => {
    const filter = toServerFilter({ eventTypes: ['Recorded', 'Amended'] }) as RegexFilter;
    expect(filter).toMatchObject({ filterOn: EVENT_TYPE, regex: '^(?:Recorded|Amended)$' });
  });

  it('prefers stream prefixes when both are given (the server takes one filter)', () => {
    expect(toServerFilter({ streamPrefixes: ['A-'], eventTypes: ['X'] })).toMatchObject({
      filterOn: STREAM_NAME,
    });
  });

  it('excludes system event types when nothing else filters', () => {
    for (const filter of [undefined, {}, { streamPrefixes: [], eventTypes: [] }]) {
      expect(toServerFilter(filter)).toMatchObject({
        filterOn: EVENT_TYPE,
        regex: USER_EVENT_TYPES,
      });
    }
  });
});

describe('exactTypesRegex', () => {
  it('matches the listed types exactly, not their prefixes or system types', () => {
    const regex = new RegExp(exactTypesRegex(['Event.Recorded', 'Event+V2']));
    expect(regex.test('Event.Recorded')).toBe(true);
    expect(regex.test('Event+V2')).toBe(true);
    expect(regex.test('EventXRecorded')).toBe(false);
    expect(regex.test('Event.RecordedV2')).toBe(false);
    expect(regex.test('$Event.Recorded')).toBe(false);
  });

  it('escapes every regex metacharacter', () => {
    const literal = 'a.b*c+d?e^f$g|h(i)j[k]l{m}n\\o#p q-r';
    expect(new RegExp(`^${escapeRegex(literal)}$`).test(literal)).toBe(true);
  });
});

describe('matchesFilter', () => {
  const event = { stream: 'DiplomaticEvent-1', type: 'DiplomaticEventAmended' };

  it('lets everything through without a filter or with empty lists', () => {
    expect(matchesFilter(event, undefined)).toBe(true);
    expect(matchesFilter(event, { streamPrefixes: [], eventTypes: [] })).toBe(true);
  });

  it('requires one of the prefixes and one of the types, together', () => {
    expect(matchesFilter(event, { streamPrefixes: ['Access-', 'Diplomatic'] })).toBe(true);
    expect(matchesFilter(event, { streamPrefixes: ['Access-'] })).toBe(false);
    expect(matchesFilter(event, { eventTypes: ['DiplomaticEventAmended'] })).toBe(true);
    expect(matchesFilter(event, { eventTypes: ['DiplomaticEvent'] })).toBe(false);
    expect(
      matchesFilter(event, {
        streamPrefixes: ['Diplomatic'],
        eventTypes: ['DiplomaticEventRecorded'],
      }),
    ).toBe(false);
  });
});
