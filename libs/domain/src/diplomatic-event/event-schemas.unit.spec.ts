import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DiplomaticEventCommand } from './commands';
import { decide, foldEvents } from './decider';
import type { DiplomaticEventEvent } from './events';
import { parseAmendInput, parseRecordInput, parseRetractInput } from './input/parse-input';
import { talksInput } from '../testing/talks-input';

const root = join(__dirname, '../../../..');
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validators = Object.fromEntries(
  ['DiplomaticEventRecorded', 'DiplomaticEventAmended', 'DiplomaticEventRetracted'].map((type) => [
    type,
    ajv.compile(JSON.parse(readFileSync(join(root, `events/schemas/${type}.v1.json`), 'utf8'))),
  ]),
);
const errorsOf = (event: { type: string; data: unknown }) => {
  const validate = validators[event.type];
  return validate(event.data) ? [] : validate.errors;
};

/** Runs dataset-style commands through parse and decide, returning every event written. */
const written = (lines: { command: string; input: unknown }[]): DiplomaticEventEvent[] => {
  const streams = new Map<string, DiplomaticEventEvent[]>();
  const all: DiplomaticEventEvent[] = [];
  for (const { command, input } of lines) {
    const cmd = toCommand(command, input);
    const stream = streams.get(cmd.data.eventId) ?? [];
    const events = decide(cmd, foldEvents(stream));
    streams.set(cmd.data.eventId, [...stream, ...events]);
    all.push(...events);
  }
  return all;
};

const toCommand = (command: string, input: unknown): DiplomaticEventCommand => {
  if (command === 'recordEvent') {
    const { eventId, facts } = parseRecordInput(input);
    return { type: 'RecordDiplomaticEvent', data: { eventId: eventId!, facts } };
  }
  if (command === 'amendEvent')
    return { type: 'AmendDiplomaticEvent', data: parseAmendInput(input) };
  return { type: 'RetractDiplomaticEvent', data: parseRetractInput(input) };
};

const dataset = ['us-cuba.ndjson', 'us-vietnam.ndjson'].flatMap((name) =>
  readFileSync(join(root, 'events/datasets', name), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line)),
);

describe('the stored event schemas match what decide() writes', () => {
  const talks = talksInput();
  const events = written([
    ...dataset,
    { command: 'recordEvent', input: talks },
    {
      command: 'amendEvent',
      input: {
        id: talks.id,
        expectedRevision: 1,
        reason: 'fix',
        effects: [],
        plover: { event: 'CONSULT', mode: 'visit' },
      },
    },
    {
      command: 'amendEvent',
      input: { id: talks.id, expectedRevision: 2, reason: 'fix', summary: '' },
    },
    {
      command: 'retractEvent',
      input: { id: talks.id, expectedRevision: 3, reason: 'Recorded twice.' },
    },
  ]);

  it('covers every event type', () =>
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set(['DiplomaticEventRecorded', 'DiplomaticEventAmended', 'DiplomaticEventRetracted']),
    ));

  it.each(events.map((e, i) => [i, e.type, e] as const))(
    'event %i (%s) is valid',
    (_i, _type, event) => expect(errorsOf(event)).toEqual([]),
  );

  it('validates the data as read back from the store (JSON)', () => {
    for (const event of JSON.parse(JSON.stringify(events))) expect(errorsOf(event)).toEqual([]);
  });
});

describe('the stored event schemas refuse what decide() never writes', () => {
  const [recorded] = written([{ command: 'recordEvent', input: talksInput() }]);
  const data = recorded.data as Record<string, unknown>;
  const recordedWith = (patch: Record<string, unknown>) => ({
    type: recorded.type,
    data: { ...data, ...patch },
  });

  it.each([
    ['an unknown field', { extra: 1 }],
    ['a numeric CAMEO code', { cameo: 46 }],
    ['a lower-case country', { countries: ['cub', 'usa'] }],
    ['no source', { sources: [] }],
    [
      'an effect with a field of another type',
      { effects: [{ type: 'RELATIONS', level: 'FULL', of: 'USA' }] },
    ],
    ['an occurred without its interval', { occurred: { edtf: '2018', precision: 'year' } }],
    ['a javascript URL', { sources: [{ title: 'T', publisher: 'P', url: 'javascript:alert(1)' }] }],
  ])('a record with %s', (_name, patch) => expect(errorsOf(recordedWith(patch))).not.toEqual([]));

  it('an amendment that changes nothing', () =>
    expect(
      errorsOf({
        type: 'DiplomaticEventAmended',
        data: { eventId: data.eventId, changes: {}, reason: 'r' },
      }),
    ).not.toEqual([]));

  it('a retraction without a reason', () =>
    expect(
      errorsOf({ type: 'DiplomaticEventRetracted', data: { eventId: data.eventId } }),
    ).not.toEqual([]));
});
