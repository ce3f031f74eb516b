import type { Effect } from '../diplomatic-event/facts';
import { stateBreakpoints } from './breakpoints';
import { compareEntries } from './relationship-at';
import { effectValue, type EffectEntry, type SetBy } from './relationship-state';

/** The state of one thing (one effect key) over a stretch of valid time [from, to). */
export interface KeySegment {
  readonly from: string;
  /** Exclusive; absent when the state holds from `from` on. */
  readonly to?: string;
  readonly effect: Effect;
  readonly setBy: SetBy;
  /** For a dialogue: the EDTF date of the latest round held by then. */
  readonly lastHeld?: string;
}

/**
 * The whole valid-time history of ONE effect key in a single sweep: the same answers as
 * `relationshipAt` on every day (a unit test checks it day by day), computed in
 * O(n log n + b·k) instead of one full fold per breakpoint, where k is the number of entries
 * that overlap the winner. All entries must share one `effectKey`.
 */
export function keyTimeline(entries: readonly EffectEntry[]): KeySegment[] {
  // On a full tie the fold keeps the entry given first; ordering tied entries in reverse input
  // order makes it the last of its group, where the sweep picks winners.
  const sorted = entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => compareEntries(a.entry, b.entry) || b.index - a.index)
    .map(({ entry }) => entry);
  const prefixMaxEnd: string[] = [];
  for (const [j, e] of sorted.entries()) {
    prefixMaxEnd.push(
      j === 0 || e.occurred.end > prefixMaxEnd[j - 1] ? e.occurred.end : prefixMaxEnd[j - 1],
    );
  }
  const days = stateBreakpoints(entries);
  const segments: KeySegment[] = [];
  let applicable = 0;
  let latestHeld: EffectEntry | undefined;
  for (const [i, day] of days.entries()) {
    while (applicable < sorted.length && sorted[applicable].occurred.start <= day) {
      const entry = sorted[applicable];
      if (entry.effect.type === 'DIALOGUE' && entry.effect.held) latestHeld = entry;
      applicable += 1;
    }
    if (applicable === 0) continue;
    const winner = sorted[applicable - 1];
    const setBy: SetBy = {
      since: winner.occurred.edtf,
      certain: isCertain(sorted, prefixMaxEnd, applicable, day),
      eventId: winner.eventId,
    };
    const segment: KeySegment = {
      from: day,
      ...(days[i + 1] ? { to: days[i + 1] } : {}),
      effect: winner.effect,
      setBy,
      ...(latestHeld ? { lastHeld: latestHeld.occurred.edtf } : {}),
    };
    const previous = segments[segments.length - 1];
    if (previous && previous.to === day && sameState(previous, segment)) {
      // The same state goes on: widen the previous segment instead of starting one.
      const { to: _, ...rest } = previous;
      segments[segments.length - 1] = { ...rest, ...(segment.to ? { to: segment.to } : {}) };
    } else {
      segments.push(segment);
    }
  }
  return segments;
}

/**
 * (a) no applicable entry may still be unfinished on `day` (the greatest end among them is not
 * after it); (b) no applicable entry overlapping the winner sets another value. Only entries
 * whose prefix of ends reaches the winner's start can overlap it, so the backward scan stops early.
 */
function isCertain(
  sorted: readonly EffectEntry[],
  prefixMaxEnd: readonly string[],
  applicable: number,
  day: string,
): boolean {
  if (day < prefixMaxEnd[applicable - 1]) return false;
  const winner = sorted[applicable - 1];
  for (let j = applicable - 2; j >= 0 && prefixMaxEnd[j] >= winner.occurred.start; j--) {
    const e = sorted[j];
    if (
      winner.occurred.start <= e.occurred.end &&
      e.occurred.start <= winner.occurred.end &&
      effectValue(e.effect) !== effectValue(winner.effect)
    ) {
      return false;
    }
  }
  return true;
}

const sameState = (a: KeySegment, b: KeySegment) =>
  a.setBy.eventId === b.setBy.eventId &&
  a.setBy.certain === b.setBy.certain &&
  a.setBy.since === b.setBy.since &&
  a.lastHeld === b.lastHeld &&
  effectValue(a.effect) === effectValue(b.effect);
