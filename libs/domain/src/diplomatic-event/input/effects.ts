import type { Effect } from '../facts';
import {
  AGREEMENT_STATUSES,
  CONSULAR_STATUSES,
  DESIGNATION_STATUSES,
  DIALOGUE_STATUSES,
  EFFECT_TYPES,
  EMBASSY_STATUSES,
  RELATIONS_LEVELS,
  SANCTIONS_STATUSES,
  type EffectType,
} from '../vocabulary';
import { LIMITS } from './fact-fields';
import {
  at,
  isAbsent,
  readArray,
  readCountry,
  readEnum,
  readObject,
  readRequiredText,
  type Issues,
} from './read';

/** The fields each effect type takes besides `type`; `held` is the only optional one. */
export const EFFECT_FIELDS: Readonly<Record<EffectType, readonly string[]>> = {
  RELATIONS: ['level'],
  EMBASSY: ['of', 'in', 'status'],
  DIALOGUE: ['topic', 'status', 'held'],
  AGREEMENT: ['name', 'status'],
  CONSULAR: ['service', 'providedBy', 'status'],
  SANCTIONS: ['name', 'imposedBy', 'status'],
  DESIGNATION: ['list', 'country', 'status'],
};

const ALL_FIELDS = ['type', ...new Set(Object.values(EFFECT_FIELDS).flat())];

export const readEffects = (raw: unknown, path: string, issues: Issues): Effect[] | undefined => {
  const items = readArray(raw, path, issues, { max: LIMITS.effects });
  if (!items) return undefined;
  const before = issues.length;
  const effects = items.map((item, i) => readEffect(item, at(path, i), issues));
  return issues.length === before ? (effects as Effect[]) : undefined;
};

const readEffect = (raw: unknown, path: string, issues: Issues): Effect | undefined => {
  const fields = readObject(raw, path, issues, ALL_FIELDS);
  if (!fields) return undefined;
  const type = readEnum(fields.type, at(path, 'type'), issues, EFFECT_TYPES);
  if (!type) return undefined;
  const allowed = EFFECT_FIELDS[type];
  for (const field of ALL_FIELDS) {
    if (field !== 'type' && !allowed.includes(field) && !isAbsent(fields[field])) {
      issues.push({
        path: at(path, field),
        message: `does not belong to a ${type} effect (it takes ${allowed.join(', ')})`,
      });
    }
  }
  const before = issues.length;
  const name = (field: string) =>
    readRequiredText(fields[field], at(path, field), issues, { max: LIMITS.effectName });
  const country = (field: string) => readCountry(fields[field], at(path, field), issues);
  const status = <T extends string>(values: readonly T[]) =>
    readEnum(fields.status, at(path, 'status'), issues, values);

  const effect = ((): Effect | undefined => {
    switch (type) {
      case 'RELATIONS':
        return {
          type,
          level: readEnum(fields.level, at(path, 'level'), issues, RELATIONS_LEVELS)!,
        };
      case 'EMBASSY':
        return { type, of: country('of')!, in: country('in')!, status: status(EMBASSY_STATUSES)! };
      case 'DIALOGUE': {
        const held = readHeld(fields.held, at(path, 'held'), issues);
        return {
          type,
          topic: name('topic')!,
          status: status(DIALOGUE_STATUSES)!,
          ...(held ? { held } : {}),
        };
      }
      case 'AGREEMENT':
        return { type, name: name('name')!, status: status(AGREEMENT_STATUSES)! };
      case 'CONSULAR':
        return {
          type,
          service: name('service')!,
          providedBy: country('providedBy')!,
          status: status(CONSULAR_STATUSES)!,
        };
      case 'SANCTIONS':
        return {
          type,
          name: name('name')!,
          imposedBy: country('imposedBy')!,
          status: status(SANCTIONS_STATUSES)!,
        };
      case 'DESIGNATION':
        return {
          type,
          list: name('list')!,
          country: country('country')!,
          status: status(DESIGNATION_STATUSES)!,
        };
      default: {
        const _exhaustive: never = type;
        return _exhaustive;
      }
    }
  })();
  return issues.length === before ? effect : undefined;
};

/** `held: false` is the same as leaving it out, so it is not stored. */
const readHeld = (raw: unknown, path: string, issues: Issues): boolean | undefined => {
  if (isAbsent(raw) || typeof raw === 'boolean') return raw ?? undefined;
  issues.push({ path, message: 'must be true or false' });
  return undefined;
};
