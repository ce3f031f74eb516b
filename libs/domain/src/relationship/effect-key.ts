import type { Effect } from '../diplomatic-event/facts';

/** The aspect of a relationship an effect sets, in the words of the read side. */
export type RelationshipAspect =
  'relations' | 'embassy' | 'dialogue' | 'agreement' | 'consular' | 'sanctions' | 'designation';

export const aspectOf = (effect: Effect): RelationshipAspect => {
  switch (effect.type) {
    case 'RELATIONS':
      return 'relations';
    case 'EMBASSY':
      return 'embassy';
    case 'DIALOGUE':
      return 'dialogue';
    case 'AGREEMENT':
      return 'agreement';
    case 'CONSULAR':
      return 'consular';
    case 'SANCTIONS':
      return 'sanctions';
    case 'DESIGNATION':
      return 'designation';
    default: {
      const _exhaustive: never = effect;
      return _exhaustive;
    }
  }
};

/**
 * What an effect sets: two effects with the same key set the same thing, and the later one wins.
 * Names are compared as written (case-sensitive). The country codes come last, so a name that
 * contains `:` cannot make two keys collide.
 */
export const effectKey = (effect: Effect): string => {
  switch (effect.type) {
    case 'RELATIONS':
      return 'relations';
    case 'EMBASSY':
      return `embassy:${effect.of}:${effect.in}`;
    case 'DIALOGUE':
      return `dialogue:${effect.topic}`;
    case 'AGREEMENT':
      return `agreement:${effect.name}`;
    case 'CONSULAR':
      return `consular:${effect.service}:${effect.providedBy}`;
    case 'SANCTIONS':
      return `sanctions:${effect.name}:${effect.imposedBy}`;
    case 'DESIGNATION':
      return `designation:${effect.list}:${effect.country}`;
    default: {
      const _exhaustive: never = effect;
      return _exhaustive;
    }
  }
};
