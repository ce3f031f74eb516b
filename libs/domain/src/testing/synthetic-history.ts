import type { DiplomaticEventEvent } from '../diplomatic-event/events';
import { streamOf } from '../diplomatic-event/events';
import type { DiplomaticEventFacts, Effect, Occurred } from '../diplomatic-event/facts';
import { EVENT_KINDS } from '../diplomatic-event/vocabulary';
import { effectKey } from '../relationship/effect-key';
import { parseOccurred } from '../time/occurred';

/**
 * Deterministic synthetic history for tests and benchmarks: records, amendments and
 * retractions over a pool of countries, with day, month, year and interval dates, so the
 * imprecise-date rules are exercised at scale. Same seed, same history.
 */
export interface SyntheticOptions {
  readonly count: number;
  readonly seed?: number;
  /** Alpha-3 codes to draw from (at least two). */
  readonly countries?: readonly string[];
  /** Share of operations that amend or retract an earlier record (default 0.2). */
  readonly changeRate?: number;
}

export interface SyntheticEvent {
  readonly stream: string;
  /** The record's revision before this event (0 for a record), for expected-revision appends. */
  readonly previousRevisions: number;
  readonly event: DiplomaticEventEvent;
}

export const SYNTHETIC_COUNTRIES = [
  'USA',
  'CUB',
  'MEX',
  'CAN',
  'BRA',
  'ARG',
  'VEN',
  'COL',
  'ESP',
  'FRA',
  'DEU',
  'GBR',
  'ITA',
  'RUS',
  'CHN',
  'JPN',
  'IND',
  'ZAF',
  'EGY',
  'NGA',
];

/** A small, fast PRNG (mulberry32): reproducible without a dependency. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

function randomDate(random: () => number): string {
  const year = 1950 + Math.floor(random() * 75);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 25);
  const roll = random();
  if (roll < 0.6) return `${year}-${pad(month)}-${pad(day)}`;
  if (roll < 0.8) return `${year}-${pad(month)}`;
  if (roll < 0.95) return `${year}`;
  return `${year}-${pad(month)}-${pad(day)}/${year}-${pad(month)}-${pad(day + 3)}`;
}

function randomEffect(random: () => number, [a, b]: readonly string[]): Effect {
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
  const [x, y] = random() < 0.5 ? [a, b] : [b, a];
  switch (
    pick(['RELATIONS', 'EMBASSY', 'DIALOGUE', 'AGREEMENT', 'CONSULAR', 'SANCTIONS'] as const)
  ) {
    case 'RELATIONS':
      return { type: 'RELATIONS', level: pick(['NONE', 'INTERESTS_SECTIONS', 'FULL'] as const) };
    case 'EMBASSY':
      return {
        type: 'EMBASSY',
        of: x,
        in: y,
        status: pick(['OPERATING', 'REDUCED', 'SUSPENDED', 'CLOSED'] as const),
      };
    case 'DIALOGUE':
      return {
        type: 'DIALOGUE',
        topic: pick(['migration', 'trade']),
        status: pick(['ACTIVE', 'PAUSED'] as const),
        held: random() < 0.5,
      };
    case 'AGREEMENT':
      return {
        type: 'AGREEMENT',
        name: pick(['accord-a', 'accord-b']),
        status: pick(['SIGNED', 'IN_FORCE', 'SUSPENDED'] as const),
      };
    case 'CONSULAR':
      return {
        type: 'CONSULAR',
        service: 'visas',
        providedBy: x,
        status: pick(['FULL', 'LIMITED', 'SUSPENDED'] as const),
      };
    case 'SANCTIONS':
      return {
        type: 'SANCTIONS',
        name: 'embargo',
        imposedBy: x,
        status: pick(['ACTIVE', 'LIFTED'] as const),
      };
  }
}

export function* syntheticHistory(options: SyntheticOptions): Generator<SyntheticEvent> {
  const random = prng(options.seed ?? 1);
  const pool = options.countries ?? SYNTHETIC_COUNTRIES;
  const changeRate = options.changeRate ?? 0.2;
  // Parsing EDTF is the slow part of making a fact; a pool of parsed dates keeps 1M events quick.
  const dates: Occurred[] = Array.from({ length: 4000 }, () => parseOccurred(randomDate(random)));
  const records: {
    id: string;
    revisions: number;
    retracted: boolean;
    facts: DiplomaticEventFacts;
  }[] = [];
  for (let i = 0; i < options.count; i++) {
    const target =
      records.length > 10 && random() < changeRate
        ? records[Math.floor(random() * records.length)]
        : undefined;
    if (target && !target.retracted) {
      const stream = streamOf(target.id);
      const previousRevisions = target.revisions;
      target.revisions += 1;
      if (random() < 0.3) {
        target.retracted = true;
        yield {
          stream,
          previousRevisions,
          event: {
            type: 'DiplomaticEventRetracted',
            data: { eventId: target.id, reason: `synthetic retraction ${i}` },
          },
        };
      } else {
        const occurred = dates[Math.floor(random() * dates.length)];
        target.facts = { ...target.facts, occurred };
        yield {
          stream,
          previousRevisions,
          event: {
            type: 'DiplomaticEventAmended',
            data: { eventId: target.id, changes: { occurred }, reason: `synthetic amendment ${i}` },
          },
        };
      }
      continue;
    }
    const a = pool[Math.floor(random() * pool.length)];
    let b = pool[Math.floor(random() * pool.length)];
    if (b === a) b = pool[(pool.indexOf(a) + 1) % pool.length];
    const countries = [a, b].sort();
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const effectCount = Math.floor(random() * 3);
    const facts: DiplomaticEventFacts = {
      kind: EVENT_KINDS[Math.floor(random() * EVENT_KINDS.length)],
      title: `Synthetic event ${i} between ${a} and ${b}`,
      summary: `Generated for tests and benchmarks; talks on trade and migration, round ${i % 97}.`,
      occurred: dates[Math.floor(random() * dates.length)],
      countries,
      participants: [{ name: `Delegate ${i % 1000}`, role: 'envoy', country: a }],
      cameo: '046',
      // One effect per key and event, as the input rules require.
      effects: Array.from({ length: effectCount }, () => randomEffect(random, countries)).filter(
        (e, j, all) => all.findIndex((f) => effectKey(f) === effectKey(e)) === j,
      ),
      sources: [
        { title: 'Synthetic source', publisher: 'Benchmark press', publishedOn: '2024-01-01' },
      ],
      tags: ['synthetic'],
    };
    records.push({ id, revisions: 1, retracted: false, facts });
    yield {
      stream: streamOf(id),
      previousRevisions: 0,
      event: { type: 'DiplomaticEventRecorded', data: { eventId: id, ...facts } },
    };
  }
}
