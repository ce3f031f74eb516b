import type { CameoEntry, CameoTable, PloverMapping, TaxonomyRepair } from './cameo-entry';
import { quadClassOfRoot } from './cameo-entry';
import {
  EVENT_CODES_FILE,
  GOLDSTEIN_FILE,
  PLOVER_FILE,
  parseEventCodes,
  parseGoldstein,
  parsePloverMappings,
  type Mapped,
} from './cameo-files';

export interface CameoSourceFiles {
  readonly eventCodes: string;
  readonly goldstein: string;
  readonly plover: string;
}

const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

/**
 * Builds the CAMEO table from the three published files. The code list comes from the event
 * codes file; a code without a Goldstein score takes its nearest ancestor's (`0214` → `021` →
 * `02`), noted as derived. PLOVER rows for codes missing from the code list are skipped.
 */
export const buildCameoTable = (files: CameoSourceFiles): CameoTable => {
  const codes = parseEventCodes(files.eventCodes);
  const scores = parseGoldstein(files.goldstein);
  const mappings = parsePloverMappings(files.plover);
  const repairs: TaxonomyRepair[] = [...codes.repairs, ...scores.repairs, ...mappings.repairs];

  const goldstein = firstByCode(scores.rows, GOLDSTEIN_FILE, repairs, (row) => row);
  const plover = firstByCode(mappings.rows, PLOVER_FILE, repairs, (row) => row);

  const entries = new Map<string, CameoEntry>();
  for (const row of codes.rows) {
    if (entries.has(row.code)) {
      note(repairs, EVENT_CODES_FILE, row.line, 'skipped', `duplicate code ${row.code}`);
      continue;
    }
    const quadClass = quadClassOfRoot(row.code.slice(0, 2));
    const score = scoreOf(row.code, goldstein);
    if (!quadClass || !score) {
      note(repairs, EVENT_CODES_FILE, row.line, 'skipped', `code ${row.code} has no root or score`);
      continue;
    }
    if (score.from !== row.code) {
      const message = `${row.code} has no Goldstein score; it takes ${score.from}'s`;
      note(repairs, EVENT_CODES_FILE, row.line, 'derived', message);
    }
    if (row.embeddedGoldstein !== undefined && row.embeddedGoldstein !== score.value) {
      note(
        repairs,
        EVENT_CODES_FILE,
        row.line,
        'repaired',
        `${row.code}: kept the Goldstein file's score`,
      );
    }
    const mapping = plover.get(row.code);
    const name = readableName(row.code, row.name, mapping, row.line, repairs);
    entries.set(row.code, {
      code: row.code,
      name,
      goldstein: score.value,
      quadClass,
      ...(mapping ? { plover: ploverOf(mapping) } : {}),
    });
  }
  for (const [code, mapping] of plover) {
    if (!entries.has(code)) {
      note(repairs, PLOVER_FILE, mapping.line, 'skipped', `${code} is not in the CAMEO code list`);
    }
  }
  for (const [code, row] of goldstein) {
    if (!entries.has(code)) {
      note(repairs, GOLDSTEIN_FILE, row.line, 'skipped', `${code} has a score but no description`);
    }
  }

  return {
    entries: [...entries.values()].sort((a, b) => (a.code < b.code ? -1 : 1)),
    plover: vocabularyOf(mappings.rows),
    repairs,
  };
};

const note = (
  repairs: TaxonomyRepair[],
  file: string,
  line: number,
  action: TaxonomyRepair['action'],
  message: string,
) => repairs.push({ file, line, action, message });

const firstByCode = <T extends { code: string; line: number }, V>(
  rows: readonly T[],
  file: string,
  repairs: TaxonomyRepair[],
  value: (row: T) => V,
): Map<string, V> => {
  const byCode = new Map<string, V>();
  for (const row of rows) {
    if (byCode.has(row.code)) {
      note(
        repairs,
        file,
        row.line,
        'skipped',
        `duplicate code ${row.code}; the first line is kept`,
      );
    } else {
      byCode.set(row.code, value(row));
    }
  }
  return byCode;
};

const scoreOf = (code: string, goldstein: ReadonlyMap<string, { score: number }>) => {
  for (let from = code; from.length >= 2; from = from.slice(0, -1)) {
    const value = goldstein.get(from)?.score;
    if (value !== undefined) return { value, from };
  }
  return undefined;
};

/** The event codes file has mis-encoded quotes (in `044`); PLOVER's own text is clean ASCII. */
const readableName = (
  code: string,
  name: string,
  mapping: Mapped | undefined,
  line: number,
  repairs: TaxonomyRepair[],
): string => {
  if (PRINTABLE_ASCII.test(name)) return name;
  const replacement =
    mapping && PRINTABLE_ASCII.test(mapping.description) && mapping.description !== ''
      ? mapping.description
      : name.replace(/[^\x20-\x7E]+/g, "'");
  note(
    repairs,
    EVENT_CODES_FILE,
    line,
    'repaired',
    `${code}: mis-encoded "${name}" read as "${replacement}"`,
  );
  return replacement;
};

const ploverOf = ({ event, mode, context }: Mapped): PloverMapping => ({
  event,
  ...(mode ? { mode } : {}),
  ...(context ? { context } : {}),
});

const vocabularyOf = (rows: readonly Mapped[]) => {
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
  return {
    events: sorted(rows.map((r) => r.event)),
    modes: sorted(rows.flatMap((r) => (r.mode ? [r.mode] : []))),
    contexts: sorted(rows.flatMap((r) => (r.context ? r.context.split('; ') : []))),
  };
};
