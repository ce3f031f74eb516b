import type { FieldIssue } from '../errors';
import { effectKey } from '../relationship/effect-key';
import type { DiplomaticEventFacts, Effect } from './facts';
import type { EventKind } from './vocabulary';

/**
 * Kinds that may name a single country: an act one government takes on its own (a statement,
 * sanctions, a designation, a report, an expulsion, a consular decision). Talks, visits,
 * agreements, relations and embassy operations are between at least two countries.
 */
export const UNILATERAL_KINDS: readonly EventKind[] = [
  'STATEMENT',
  'SANCTIONS',
  'DESIGNATION',
  'EXPULSION',
  'CONSULAR',
  'MIGRATION_REPORT',
  'OTHER',
];

/**
 * The rules that tie facts together, checked on a new record and on the merged facts of an
 * amendment. Effects change the relationship between the event's countries, so an event with
 * effects names at least two, and every country an effect names is one of them.
 */
export const checkFactsConsistency = (facts: DiplomaticEventFacts): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  const { countries, effects, kind } = facts;
  if (countries.length < 2 && !UNILATERAL_KINDS.includes(kind)) {
    issues.push({
      path: 'countries',
      message: `a ${kind} event needs at least two countries (one is enough only for ${UNILATERAL_KINDS.join(', ')})`,
    });
  }
  if (effects.length > 0 && countries.length < 2) {
    issues.push({
      path: 'effects',
      message: 'effects change a relationship, so the event needs at least two countries',
    });
  }
  const firstIndexOfKey = new Map<string, number>();
  effects.forEach((effect, i) => {
    const path = `effects[${i}]`;
    for (const [field, code] of countriesNamedBy(effect)) {
      if (!countries.includes(code)) {
        issues.push({
          path: `${path}.${field}`,
          message: `${code} is not one of the event's countries (${countries.join(', ')})`,
        });
      }
    }
    if (effect.type === 'EMBASSY' && effect.of === effect.in) {
      issues.push({
        path: `${path}.in`,
        message: 'an embassy is hosted by another country than its own',
      });
    }
    const key = effectKey(effect);
    const first = firstIndexOfKey.get(key);
    if (first === undefined) firstIndexOfKey.set(key, i);
    else {
      issues.push({
        path,
        message: `sets the same thing as effects[${first}] (${key}); an event sets each thing once`,
      });
    }
  });
  return issues;
};

const countriesNamedBy = (effect: Effect): [string, string][] => {
  switch (effect.type) {
    case 'EMBASSY':
      return [
        ['of', effect.of],
        ['in', effect.in],
      ];
    case 'CONSULAR':
      return [['providedBy', effect.providedBy]];
    case 'SANCTIONS':
      return [['imposedBy', effect.imposedBy]];
    case 'DESIGNATION':
      return [['country', effect.country]];
    case 'RELATIONS':
    case 'DIALOGUE':
    case 'AGREEMENT':
      return [];
    default: {
      const _exhaustive: never = effect;
      return _exhaustive;
    }
  }
};
