import type { Effect } from '../diplomatic-event/facts';
import { effectKey } from './effect-key';
import {
  effectValue,
  type DialogueItem,
  type EffectEntry,
  type RelationshipState,
  type SetBy,
} from './relationship-state';

/*
 * How the relationship state as of a day D is folded from effects (valid time):
 *
 * - "As of D" means at the end of day D. An entry applies as of D when its `occurred.start <= D`
 *   (for an imprecise date, as soon as it may have happened).
 * - Effects with the same key (see `effectKey`) set the same thing. Per key, the winner is the
 *   applicable entry with the greatest (start, end, order); `order` is the global position of the
 *   record's current version, so of two entries on the same dates the one recorded later wins.
 * - `since` is the winner's EDTF date; `eventId` the winner's record.
 * - `certain` is false when (a) D falls inside the imprecise interval of any applicable entry of
 *   that key, i.e. start <= D < end: it may or may not have happened by D; or (b) the winner's
 *   interval overlaps another applicable entry of the same key that sets a different value, so
 *   their order in the world is unknown. A day-precision entry (start == end) never makes
 *   anything uncertain by (a); a month or year stops doing so on its last day.
 * - A dialogue's `lastHeld` is the EDTF date of the latest applicable entry of that topic with
 *   `held: true` (latest by the same ordering).
 * - Items are sorted by their key fields, so equal inputs give equal outputs.
 */
export const relationshipAt = (
  entries: readonly EffectEntry[],
  asOf: string,
): RelationshipState => {
  const groups = new Map<string, EffectEntry[]>();
  for (const entry of entries) {
    if (entry.occurred.start > asOf) continue;
    const key = effectKey(entry.effect);
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  const state: Building = {
    relations: undefined,
    embassies: [],
    dialogues: [],
    agreements: [],
    consularServices: [],
    sanctions: [],
    designations: [],
  };
  for (const group of groups.values()) {
    const winner = group.reduce((a, b) => (compareEntries(a, b) >= 0 ? a : b));
    const setBy: SetBy = {
      since: winner.occurred.edtf,
      certain: isCertain(group, winner, asOf),
      eventId: winner.eventId,
    };
    addItem(state, winner.effect, setBy, group);
  }
  const { relations, ...lists } = state;
  return {
    ...(relations ? { relations } : {}),
    embassies: sortBy(lists.embassies, (i) => [i.of, i.in]),
    dialogues: sortBy(lists.dialogues, (i) => [i.topic]),
    agreements: sortBy(lists.agreements, (i) => [i.name]),
    consularServices: sortBy(lists.consularServices, (i) => [i.service, i.providedBy]),
    sanctions: sortBy(lists.sanctions, (i) => [i.name, i.imposedBy]),
    designations: sortBy(lists.designations, (i) => [i.list, i.country]),
  };
};

type Mutable<T> = T extends readonly (infer U)[] ? U[] : never;
type Building = {
  relations: RelationshipState['relations'];
  embassies: Mutable<RelationshipState['embassies']>;
  dialogues: Mutable<RelationshipState['dialogues']>;
  agreements: Mutable<RelationshipState['agreements']>;
  consularServices: Mutable<RelationshipState['consularServices']>;
  sanctions: Mutable<RelationshipState['sanctions']>;
  designations: Mutable<RelationshipState['designations']>;
};

const addItem = (state: Building, effect: Effect, setBy: SetBy, group: readonly EffectEntry[]) => {
  switch (effect.type) {
    case 'RELATIONS':
      state.relations = { level: effect.level, ...setBy };
      return;
    case 'EMBASSY':
      state.embassies.push({ of: effect.of, in: effect.in, status: effect.status, ...setBy });
      return;
    case 'DIALOGUE': {
      const held = group.filter((e) => e.effect.type === 'DIALOGUE' && e.effect.held);
      const lastHeld = held.length
        ? held.reduce((a, b) => (compareEntries(a, b) >= 0 ? a : b))
        : undefined;
      const item: DialogueItem = { topic: effect.topic, status: effect.status, ...setBy };
      state.dialogues.push(lastHeld ? { ...item, lastHeld: lastHeld.occurred.edtf } : item);
      return;
    }
    case 'AGREEMENT':
      state.agreements.push({ name: effect.name, status: effect.status, ...setBy });
      return;
    case 'CONSULAR':
      state.consularServices.push({
        service: effect.service,
        providedBy: effect.providedBy,
        status: effect.status,
        ...setBy,
      });
      return;
    case 'SANCTIONS':
      state.sanctions.push({
        name: effect.name,
        imposedBy: effect.imposedBy,
        status: effect.status,
        ...setBy,
      });
      return;
    case 'DESIGNATION':
      state.designations.push({
        list: effect.list,
        country: effect.country,
        status: effect.status,
        ...setBy,
      });
      return;
    default: {
      const _exhaustive: never = effect;
      return _exhaustive;
    }
  }
};

const isCertain = (group: readonly EffectEntry[], winner: EffectEntry, asOf: string): boolean => {
  const mayNotHaveHappened = group.some((e) => asOf < e.occurred.end);
  const orderUnknown = group.some(
    (e) =>
      e !== winner &&
      winner.occurred.start <= e.occurred.end &&
      e.occurred.start <= winner.occurred.end &&
      effectValue(e.effect) !== effectValue(winner.effect),
  );
  return !mayNotHaveHappened && !orderUnknown;
};

/** Orders entries by (start, end, order); the greatest is the latest. */
export const compareEntries = (a: EffectEntry, b: EffectEntry): number => {
  if (a.occurred.start !== b.occurred.start) return a.occurred.start < b.occurred.start ? -1 : 1;
  if (a.occurred.end !== b.occurred.end) return a.occurred.end < b.occurred.end ? -1 : 1;
  return a.order < b.order ? -1 : a.order > b.order ? 1 : 0;
};

const sortBy = <T>(items: T[], keyOf: (item: T) => string[]): T[] =>
  items.sort((a, b) => {
    const [ka, kb] = [keyOf(a), keyOf(b)];
    for (let i = 0; i < ka.length; i++) {
      if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    }
    return 0;
  });
