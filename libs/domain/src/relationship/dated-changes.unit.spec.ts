import { parseOccurred } from '../time/occurred';
import { prng } from '../testing/synthetic-history';
import type { Effect } from '../diplomatic-event/facts';
import { stateBreakpoints } from './breakpoints';
import { dayBefore, datedChanges, type DatedChange } from './dated-changes';
import { diffStates } from './diff-states';
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
  '2016-02-29',
];

/** Effects over several keys and aspects, so that breakpoints touch some keys and not others. */
const EFFECTS: Effect[] = [
  { type: 'RELATIONS', level: 'FULL' },
  { type: 'RELATIONS', level: 'NONE' },
  { type: 'EMBASSY', of: 'USA', in: 'CUB', status: 'OPERATING' },
  { type: 'EMBASSY', of: 'USA', in: 'CUB', status: 'CLOSED' },
  { type: 'EMBASSY', of: 'CUB', in: 'USA', status: 'REDUCED' },
  { type: 'DIALOGUE', topic: 'migration', status: 'ACTIVE', held: true },
  { type: 'DIALOGUE', topic: 'migration', status: 'PAUSED', held: false },
  { type: 'SANCTIONS', name: 'embargo', imposedBy: 'USA', status: 'ACTIVE' },
  { type: 'SANCTIONS', name: 'embargo', imposedBy: 'USA', status: 'LIFTED' },
];

function randomEntries(seed: number): EffectEntry[] {
  const random = prng(seed);
  const count = 1 + Math.floor(random() * 25);
  return Array.from({ length: count }, (_, i) => ({
    effect: EFFECTS[Math.floor(random() * EFFECTS.length)],
    occurred: parseOccurred(DATES[Math.floor(random() * DATES.length)]),
    eventId: `e${i}`,
    title: `t${i}`,
    order: Math.floor(random() * 30),
  }));
}

/** The plain definition: the whole state the day before each breakpoint against the state on it. */
function foldEverything(entries: readonly EffectEntry[], from: string, to: string): DatedChange[] {
  const changes: DatedChange[] = [];
  for (const day of stateBreakpoints(entries)) {
    if (day < from || day > to) continue;
    for (const change of diffStates(
      relationshipAt(entries, dayBefore(day)),
      relationshipAt(entries, day),
    )) {
      changes.push({ day, ...change });
    }
  }
  return changes;
}

describe('datedChanges', () => {
  it('gives the changes of folding everything at every breakpoint, for 500 random histories', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const entries = randomEntries(seed);
      expect({ seed, changes: datedChanges(entries, '0000-01-01', '9999-12-31') }).toEqual({
        seed,
        changes: foldEverything(entries, '0000-01-01', '9999-12-31'),
      });
    }
  });

  it('keeps to the days asked for', () => {
    const entries = randomEntries(7);
    expect(datedChanges(entries, '2018-05-01', '2018-06-30')).toEqual(
      foldEverything(entries, '2018-05-01', '2018-06-30'),
    );
    expect(
      datedChanges(entries, '2018-05-01', '2018-06-30').every(
        (c) => c.day >= '2018-05-01' && c.day <= '2018-06-30',
      ),
    ).toBe(true);
  });

  it('is empty for no history', () => {
    expect(datedChanges([], '0000-01-01', '9999-12-31')).toEqual([]);
  });
});
