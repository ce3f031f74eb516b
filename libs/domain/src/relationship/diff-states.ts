import type { Effect } from '../diplomatic-event/facts';
import { aspectOf, effectKey, type RelationshipAspect } from './effect-key';
import { effectValue, type RelationshipState, type SetBy } from './relationship-state';

/** One thing that differs between two relationship states. */
export interface RelationshipChangeItem {
  readonly aspect: RelationshipAspect;
  /** The `effectKey` of the thing, e.g. `embassy:USA:CUB`. */
  readonly key: string;
  /** The level or status before; absent when the thing was not yet set. */
  readonly from?: string;
  /** The level or status after; absent when the thing is no longer set. */
  readonly to?: string;
  /** For a dialogue: the latest round held, after. */
  readonly lastHeld?: string;
  /** How the value after was set (absent when `to` is). */
  readonly since?: string;
  readonly certain?: boolean;
  readonly eventId?: string;
}

interface Flat extends SetBy {
  readonly effect: Effect;
  readonly lastHeld?: string;
}

/**
 * What changed from `before` to `after`: a thing whose level or status differs, that was set by
 * another event, or (a dialogue) whose last round differs. A change of certainty alone is not a
 * change of the relationship and is left out. Ordered by aspect, then key.
 */
export const diffStates = (
  before: RelationshipState,
  after: RelationshipState,
): RelationshipChangeItem[] => {
  const old = flatten(before);
  const now = flatten(after);
  const keys = [...new Set([...old.keys(), ...now.keys()])];
  const changes: RelationshipChangeItem[] = [];
  for (const key of keys) {
    const a = old.get(key);
    const b = now.get(key);
    if (a && b && a.eventId === b.eventId && sameValue(a, b) && a.lastHeld === b.lastHeld) continue;
    const effect = (b ?? a)!.effect;
    changes.push({
      aspect: aspectOf(effect),
      key,
      ...(a ? { from: effectValue(a.effect) } : {}),
      ...(b ? { to: effectValue(b.effect) } : {}),
      ...(b?.lastHeld ? { lastHeld: b.lastHeld } : {}),
      ...(b ? { since: b.since, certain: b.certain, eventId: b.eventId } : {}),
    });
  }
  const rank = (c: RelationshipChangeItem) => ASPECT_ORDER.indexOf(c.aspect);
  return changes.sort((x, y) => rank(x) - rank(y) || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
};

const ASPECT_ORDER: readonly RelationshipAspect[] = [
  'relations',
  'embassy',
  'dialogue',
  'agreement',
  'consular',
  'sanctions',
  'designation',
];

const sameValue = (a: Flat, b: Flat) => effectValue(a.effect) === effectValue(b.effect);

const flatten = (state: RelationshipState): Map<string, Flat> => {
  const flat: Flat[] = [
    ...(state.relations
      ? [
          {
            ...state.relations,
            effect: { type: 'RELATIONS' as const, level: state.relations.level },
          },
        ]
      : []),
    ...state.embassies.map((i) => ({
      ...i,
      effect: { type: 'EMBASSY' as const, of: i.of, in: i.in, status: i.status },
    })),
    ...state.dialogues.map((i) => ({
      ...i,
      effect: { type: 'DIALOGUE' as const, topic: i.topic, status: i.status },
    })),
    ...state.agreements.map((i) => ({
      ...i,
      effect: { type: 'AGREEMENT' as const, name: i.name, status: i.status },
    })),
    ...state.consularServices.map((i) => ({
      ...i,
      effect: {
        type: 'CONSULAR' as const,
        service: i.service,
        providedBy: i.providedBy,
        status: i.status,
      },
    })),
    ...state.sanctions.map((i) => ({
      ...i,
      effect: {
        type: 'SANCTIONS' as const,
        name: i.name,
        imposedBy: i.imposedBy,
        status: i.status,
      },
    })),
    ...state.designations.map((i) => ({
      ...i,
      effect: { type: 'DESIGNATION' as const, list: i.list, country: i.country, status: i.status },
    })),
  ];
  return new Map(flat.map((f) => [effectKey(f.effect), f]));
};
