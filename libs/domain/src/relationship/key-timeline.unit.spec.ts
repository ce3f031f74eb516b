import { parseOccurred } from '../time/occurred';
import { nextDay } from '../time/iso-day';
import { prng } from '../testing/synthetic-history';
import type { Effect } from '../diplomatic-event/facts';
import { keyTimeline } from './key-timeline';
import { relationshipAt } from './relationship-at';
import type { EffectEntry } from './relationship-state';

const DATES = [
  '2018',
  '2018-05',
  '2018-05-10',
  '2018-06',
  '2018-03-01/2018-07-15',
  '2019',
  '2018-12-31',
  '2017/2018',
  '2018-05-10',
];

function randomEntries(seed: number): EffectEntry[] {
  const random = prng(seed);
  const count = 1 + Math.floor(random() * 6);
  return Array.from({ length: count }, (_, i) => {
    const statuses = ['ACTIVE', 'PAUSED', 'ENDED'] as const;
    const effect: Effect = {
      type: 'DIALOGUE',
      topic: 'migration',
      status: statuses[Math.floor(random() * 3)],
      held: random() < 0.5,
    };
    return {
      effect,
      occurred: parseOccurred(DATES[Math.floor(random() * DATES.length)]),
      eventId: `e${i}`,
      title: `t${i}`,
      order: Math.floor(random() * 5),
    };
  });
}

describe('keyTimeline', () => {
  it('gives the same state as relationshipAt on every day, for 300 random sets of entries', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const entries = randomEntries(seed);
      const segments = keyTimeline(entries);
      for (let day = '2016-12-25'; day <= '2020-01-05'; day = nextDay(day)) {
        const expected = relationshipAt(entries, day).dialogues[0];
        const segment = segments.find((s) => s.from <= day && (s.to === undefined || day < s.to));
        if (!expected) {
          expect(segment).toBeUndefined();
          continue;
        }
        expect({
          seed,
          day,
          segment: segment && {
            topic: 'migration',
            status: segment.effect.type === 'DIALOGUE' ? segment.effect.status : undefined,
            ...segment.setBy,
            ...(segment.lastHeld ? { lastHeld: segment.lastHeld } : {}),
          },
        }).toEqual({ seed, day, segment: expected });
      }
    }
  });

  it('merges days with the same state into one open-ended segment', () => {
    const entries = randomEntries(3).slice(0, 1);
    expect(keyTimeline(entries).at(-1)?.to).toBeUndefined();
  });
});
