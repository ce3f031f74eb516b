import type { RelationshipState } from '@app/domain';
import type { StateItem } from './segments';

/** A stretch of valid time [validFrom, validTo) over which one aspect key holds one item. */
export interface KeyStretch {
  readonly validFrom: string;
  readonly validTo: string;
  readonly item: StateItem;
}

/** A record of the group as the series counts it: its first day and its order. */
export interface CountedRecord {
  readonly eventId: string;
  readonly start: string;
  readonly order: number;
}

export interface SeriesPoint {
  readonly asOf: string;
  readonly state: RelationshipState;
  readonly eventCount: number;
  readonly lastEventId?: string;
}

/**
 * The state on each day of `days`, from the group's whole valid-time history folded once: each
 * aspect key's stretches (sorted by validFrom) and the records (sorted by start, then order).
 * The days are visited in order with a cursor per key and one over the records, so the work is
 * the history's length plus the answer's, not a replay per day. Answers come back in the order
 * the days were given.
 */
export function sweepSeries(
  days: readonly string[],
  stretchesByKey: readonly (readonly KeyStretch[])[],
  records: readonly CountedRecord[],
  assemble: (items: readonly StateItem[]) => RelationshipState,
): SeriesPoint[] {
  const order = days
    .map((day, i) => ({ day, i }))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const cursors = stretchesByKey.map(() => -1);
  const holding = stretchesByKey.map(() => false);
  const points = new Array<SeriesPoint>(days.length);
  let counted = 0;
  let previous: { day: string; point: SeriesPoint } | undefined;
  for (const { day, i } of order) {
    if (previous?.day === day) {
      points[i] = previous.point;
      continue;
    }
    while (counted < records.length && records[counted].start <= day) counted += 1;
    // A state is only assembled when some key's item changed since the previous day asked:
    // states are immutable, so the days in between share one (most of a yearly series does).
    let changed = previous === undefined;
    stretchesByKey.forEach((stretches, k) => {
      let c = cursors[k];
      while (c + 1 < stretches.length && stretches[c + 1].validFrom <= day) c += 1;
      const holds = c >= 0 && stretches[c].validTo > day;
      if (c !== cursors[k] || holds !== holding[k]) changed = true;
      cursors[k] = c;
      holding[k] = holds;
    });
    const state = changed
      ? assemble(
          stretchesByKey.flatMap((stretches, k) =>
            holding[k] ? [stretches[cursors[k]].item] : [],
          ),
        )
      : previous!.point.state;
    const point: SeriesPoint = {
      asOf: day,
      state,
      eventCount: counted,
      ...(counted > 0 ? { lastEventId: records[counted - 1].eventId } : {}),
    };
    points[i] = point;
    previous = { day, point };
  }
  return points;
}
