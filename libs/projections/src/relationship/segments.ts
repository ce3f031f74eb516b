import {
  relationshipAt,
  stateBreakpoints,
  type EffectEntry,
  type RelationshipState,
} from '@app/domain';
import { END_OF_TIME } from './schema';

/** One item of a relationship state, tagged with where it belongs. */
export type StateItem = { readonly aspect: keyof RelationshipState } & Record<string, unknown>;

export interface Segment {
  readonly validFrom: string;
  readonly validTo: string;
  readonly item: StateItem;
}

/** The items of a state, whatever aspect they belong to. */
export function stateItems(state: RelationshipState): StateItem[] {
  const items: StateItem[] = [];
  if (state.relations) items.push({ aspect: 'relations', ...state.relations });
  for (const aspect of [
    'embassies',
    'dialogues',
    'agreements',
    'consularServices',
    'sanctions',
    'designations',
  ] as const) {
    for (const item of state[aspect]) items.push({ aspect, ...item });
  }
  return items;
}

/**
 * The state of ONE aspect key over all of valid time, as intervals [validFrom, validTo).
 * The fold is evaluated at each breakpoint, where the domain guarantees it can change; equal
 * neighbours are merged. Days before the first entry have no segment (nothing is set yet).
 */
export function segmentsOf(entries: readonly EffectEntry[]): Segment[] {
  const days = stateBreakpoints(entries);
  const segments: Segment[] = [];
  days.forEach((day, i) => {
    const [item] = stateItems(relationshipAt(entries, day));
    const validTo = days[i + 1] ?? END_OF_TIME;
    const previous = segments[segments.length - 1];
    if (!item) return;
    if (previous && previous.validTo === day && JSON.stringify(previous.item) === JSON.stringify(item)) {
      segments[segments.length - 1] = { ...previous, validTo };
    } else {
      segments.push({ validFrom: day, validTo, item });
    }
  });
  return segments;
}
