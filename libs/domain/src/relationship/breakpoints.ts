import type { EffectEntry } from './relationship-state';

/**
 * The sorted days on which `relationshipAt` can give a different answer than on the day before:
 * each entry's start (it begins to apply) and, for an imprecise entry, its end (the first day
 * on which it has certainly happened, so `certain` may turn true). Between two consecutive
 * breakpoints the state is constant, so a projection can store it as valid-time intervals
 * [from, to) and answer any day exactly.
 */
export const stateBreakpoints = (entries: readonly EffectEntry[]): string[] => {
  const days = new Set<string>();
  for (const { occurred } of entries) {
    days.add(occurred.start);
    if (occurred.end > occurred.start) days.add(occurred.end);
  }
  return [...days].sort();
};
