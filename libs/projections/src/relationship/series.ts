import type { RelationshipState } from '@app/domain';
import type { StateItem } from './segments';

/**
 * A stretch of valid time [validFrom, validTo) over which one aspect key holds one item; the
 * item may still be JSON text, parsed only if a date of the series falls in the stretch.
 */
export interface KeyStretch {
  readonly validFrom: string;
  readonly validTo: string;
  readonly item: StateItem | string;
}

/** A stretch ready for many states: its item split once into its list and its fields. */
class PreparedStretch {
  private split?: { aspect: StateItem['aspect']; fields: Record<string, unknown> };

  constructor(
    readonly validFrom: string,
    readonly validTo: string,
    private readonly item: StateItem | string,
  ) {}

  get parts() {
    if (!this.split) {
      const { aspect, ...fields } = (
        typeof this.item === 'string' ? JSON.parse(this.item) : this.item
      ) as StateItem;
      this.split = { aspect, fields };
    }
    return this.split;
  }
}

/** The fields `relationshipAt` sorts each list by (relations is a single item). */
export const SORT_FIELDS = {
  relations: [],
  embassies: ['of', 'in'],
  dialogues: ['topic'],
  agreements: ['name'],
  consularServices: ['service', 'providedBy'],
  sanctions: ['name', 'imposedBy'],
  designations: ['list', 'country'],
} as const satisfies Record<StateItem['aspect'], readonly string[]>;

/** Orders two items of one list as `relationshipAt` does. */
export function compareItems(
  aspect: StateItem['aspect'],
  a: Record<string, unknown>,
  b: Record<string, unknown>,
): number {
  for (const field of SORT_FIELDS[aspect]) {
    const [x, y] = [String(a[field]), String(b[field])];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Every item of one aspect key shares the fields that identify it, so sorting the keys once by
 * their first item puts every state's lists in order: no state is sorted again.
 */
function prepare(stretchesByKey: readonly (readonly KeyStretch[])[]): PreparedStretch[][] {
  const prepared = stretchesByKey
    .filter((stretches) => stretches.length > 0)
    .map((stretches) =>
      stretches.map(
        ({ validFrom, validTo, item }) => new PreparedStretch(validFrom, validTo, item),
      ),
    );
  return prepared.sort((x, y) => {
    const [a, b] = [x[0].parts, y[0].parts];
    // Lists are filled separately, but the order must be total for the sort to hold within each.
    if (a.aspect !== b.aspect) return a.aspect < b.aspect ? -1 : 1;
    return compareItems(a.aspect, a.fields, b.fields);
  });
}

/** A state from items already in order (see `prepare`). */
function stateOf(items: readonly PreparedStretch[]): RelationshipState {
  const state = {
    embassies: [] as unknown[],
    dialogues: [] as unknown[],
    agreements: [] as unknown[],
    consularServices: [] as unknown[],
    sanctions: [] as unknown[],
    designations: [] as unknown[],
  } as Record<string, unknown>;
  for (const { parts } of items) {
    const { aspect, fields } = parts;
    if (aspect === 'relations') state.relations = fields;
    else (state[aspect] as unknown[]).push(fields);
  }
  return state as unknown as RelationshipState;
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
  stretchesOfKeys: readonly (readonly KeyStretch[])[],
  records: readonly CountedRecord[],
): SeriesPoint[] {
  const stretchesByKey = prepare(stretchesOfKeys);
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
      ? stateOf(
          stretchesByKey.flatMap((stretches, k) => (holding[k] ? [stretches[cursors[k]]] : [])),
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
