import type { PloverMapping, TaxonomyRepair } from './cameo-entry';

/**
 * Line parsers for the published CAMEO and PLOVER files, which are kept exactly as published,
 * flaws included. Each parser returns what it could read and a note of every repair or skip.
 */

export const EVENT_CODES_FILE = 'CAMEO.eventcodes.txt';
export const GOLDSTEIN_FILE = 'CAMEO.goldsteinscale.txt';
export const PLOVER_FILE = 'CAMEO2PLOVER-2021.txt';

export interface Described {
  readonly code: string;
  readonly name: string;
  readonly line: number;
  /** A score found inside a run-on line, kept to cross-check the Goldstein file. */
  readonly embeddedGoldstein?: number;
}

export interface Mapped extends PloverMapping {
  readonly code: string;
  readonly line: number;
  readonly description: string;
}

interface Parsed<T> {
  readonly rows: T[];
  readonly repairs: TaxonomyRepair[];
}

const CODE = /^\d{2,4}$/;
/** In the event codes file, `1056` runs into `106:[-5.0] Demand withdrawal` on one line. */
const RUN_ON = /^(.*?\S)\s*(\d{2,4}):\[(-?\d+(?:\.\d+)?)\]\s*(.+)$/;

const linesOf = (text: string): string[] => text.split(/\r?\n/).map((l) => l.replace(/\r$/, ''));

export const parseEventCodes = (text: string): Parsed<Described> => {
  const rows: Described[] = [];
  const repairs: TaxonomyRepair[] = [];
  const note = (line: number, action: TaxonomyRepair['action'], message: string) =>
    repairs.push({ file: EVENT_CODES_FILE, line, action, message });
  linesOf(text).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || (line === 1 && raw.startsWith('CAMEOEVENTCODE'))) return;
    const [codeField, ...rest] = raw.split('\t');
    const code = codeField.trim();
    const name = rest.join(' ').trim();
    if (/^[1-4]$/.test(code)) {
      note(
        line,
        'skipped',
        `QuadClass heading ${code} "${name}" (QuadClass is derived from the root)`,
      );
      return;
    }
    if (!CODE.test(code) || name === '') {
      note(line, 'skipped', `unreadable line "${raw}"`);
      return;
    }
    const runOn = RUN_ON.exec(name);
    if (runOn) {
      const [, first, nextCode, score, nextName] = runOn;
      note(
        line,
        'repaired',
        `split run-on line into ${code} "${first}" and ${nextCode} "${nextName}"`,
      );
      rows.push({ code, name: first, line });
      rows.push({ code: nextCode, name: nextName.trim(), line, embeddedGoldstein: Number(score) });
      return;
    }
    rows.push({ code, name, line });
  });
  return { rows, repairs };
};

export const parseGoldstein = (
  text: string,
): Parsed<{ code: string; score: number; line: number }> => {
  const rows: { code: string; score: number; line: number }[] = [];
  const repairs: TaxonomyRepair[] = [];
  linesOf(text).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || (line === 1 && raw.startsWith('CAMEOEVENTCODE'))) return;
    const [codeField = '', scoreField = ''] = raw.split('\t');
    const code = codeField.trim();
    const score = Number(scoreField.trim());
    if (!CODE.test(code) || scoreField.trim() === '' || !Number.isFinite(score)) {
      repairs.push({
        file: GOLDSTEIN_FILE,
        line,
        action: 'skipped',
        message: `unreadable line "${raw}"`,
      });
      return;
    }
    rows.push({ code, score, line });
  });
  return { rows, repairs };
};

const SECTION_HEADER = /^(\d{2}):\s*([A-Z_]+)\s*$/;
const MAPPING = /^(\d{2,4}):\s*([^#]*?)\s*(?:#\s*(.*))?$/;

export const parsePloverMappings = (text: string): Parsed<Mapped> => {
  const rows: Mapped[] = [];
  const repairs: TaxonomyRepair[] = [];
  const note = (line: number, action: TaxonomyRepair['action'], message: string) =>
    repairs.push({ file: PLOVER_FILE, line, action, message });
  linesOf(text).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const header = SECTION_HEADER.exec(trimmed);
    if (header) {
      note(line, 'skipped', `section header "${trimmed}"`);
      return;
    }
    if (/^~+$/.test(trimmed)) {
      note(line, 'skipped', `closing line "${trimmed}"`);
      return;
    }
    const match = MAPPING.exec(trimmed);
    const fields = match ? match[2].split(',').map((f) => f.trim()) : [];
    if (!match || fields.length !== 3 || !/^[A-Z_]+$/.test(fields[0])) {
      note(line, 'skipped', `unreadable line "${trimmed}"`);
      return;
    }
    const [event, mode, contextField] = fields;
    const context = contextField
      .split(';')
      .map((c) => c.trim())
      .filter(Boolean)
      .join('; ');
    rows.push({
      code: match[1],
      event,
      ...(mode ? { mode } : {}),
      ...(context ? { context } : {}),
      line,
      description: (match[3] ?? '').trim(),
    });
  });
  return { rows, repairs };
};
