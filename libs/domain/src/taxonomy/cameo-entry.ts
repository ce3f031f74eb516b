import type { QuadClass } from '../diplomatic-event/vocabulary';

/** The PLOVER event, mode and context a CAMEO code maps to (`context` may list several, `; `). */
export interface PloverMapping {
  readonly event: string;
  readonly mode?: string;
  readonly context?: string;
}

export interface CameoEntry {
  /** A string: `010` and `10` are different codes. */
  readonly code: string;
  readonly name: string;
  /** Goldstein conflict–cooperation score, -10..+10. */
  readonly goldstein: number;
  readonly quadClass: QuadClass;
  readonly plover?: PloverMapping;
}

export interface PloverVocabulary {
  readonly events: readonly string[];
  readonly modes: readonly string[];
  readonly contexts: readonly string[];
}

/** One thing the table builder had to repair, derive or skip in the published files. */
export interface TaxonomyRepair {
  readonly file: string;
  readonly line: number;
  readonly action: 'repaired' | 'derived' | 'skipped';
  readonly message: string;
}

export interface CameoTable {
  readonly entries: readonly CameoEntry[];
  readonly plover: PloverVocabulary;
  readonly repairs: readonly TaxonomyRepair[];
}

/** The two-digit root of a CAMEO code (`0214` → `02`). */
export const cameoRoot = (code: string): string => code.slice(0, 2);

/** GDELT's convention: roots 01–05 verbal cooperation … 15–20 material conflict. */
export const quadClassOfRoot = (root: string): QuadClass | undefined => {
  const n = /^\d{2}$/.test(root) ? Number(root) : NaN;
  if (n >= 1 && n <= 5) return 1;
  if (n >= 6 && n <= 9) return 2;
  if (n >= 10 && n <= 14) return 3;
  if (n >= 15 && n <= 20) return 4;
  return undefined;
};
