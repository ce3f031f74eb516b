import {
  keyTimeline,
  type EffectEntry,
  type KeySegment,
  type RelationshipState,
} from '@app/domain';
import { END_OF_TIME } from './schema';

/** One item of a relationship state, tagged with the list it belongs to. */
export type StateItem = { readonly aspect: keyof RelationshipState } & Record<string, unknown>;

export interface Segment {
  readonly validFrom: string;
  readonly validTo: string;
  readonly item: StateItem;
}

/** The item `relationshipAt` would give for this key, built from a segment of its timeline. */
export function toStateItem({ effect, setBy, lastHeld }: KeySegment): StateItem {
  const { since, certain, eventId } = setBy;
  const setByFields = { since, certain, eventId };
  switch (effect.type) {
    case 'RELATIONS':
      return { aspect: 'relations', level: effect.level, ...setByFields };
    case 'EMBASSY':
      return {
        aspect: 'embassies',
        of: effect.of,
        in: effect.in,
        status: effect.status,
        ...setByFields,
      };
    case 'DIALOGUE':
      return {
        aspect: 'dialogues',
        topic: effect.topic,
        status: effect.status,
        ...setByFields,
        ...(lastHeld ? { lastHeld } : {}),
      };
    case 'AGREEMENT':
      return { aspect: 'agreements', name: effect.name, status: effect.status, ...setByFields };
    case 'CONSULAR':
      return {
        aspect: 'consularServices',
        service: effect.service,
        providedBy: effect.providedBy,
        status: effect.status,
        ...setByFields,
      };
    case 'SANCTIONS':
      return {
        aspect: 'sanctions',
        name: effect.name,
        imposedBy: effect.imposedBy,
        status: effect.status,
        ...setByFields,
      };
    case 'DESIGNATION':
      return {
        aspect: 'designations',
        list: effect.list,
        country: effect.country,
        status: effect.status,
        ...setByFields,
      };
    default: {
      const unknown: never = effect;
      return unknown;
    }
  }
}

/**
 * The state of ONE aspect key over all of valid time, as intervals [validFrom, validTo).
 * Days before the first entry have no segment (nothing is set yet).
 */
export const segmentsOf = (entries: readonly EffectEntry[]): Segment[] =>
  keyTimeline(entries).map((segment) => ({
    validFrom: segment.from,
    validTo: segment.to ?? END_OF_TIME,
    item: toStateItem(segment),
  }));
