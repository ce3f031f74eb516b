import type { EmbassyStatus } from '../diplomatic-event/vocabulary';
import { fromCowCountry } from './country-mapping';
import { plain, refuse, researchEventId, type RowReader } from './research-row';

/*
 * Correlates of War Diplomatic Exchange (Bayer 2006, v2006.1): one row per dyad and year
 * observed, `ccode1, ccode2, year, DR_at_1, DR_at_2, DE`. DR_at_1 is the level at which
 * state 2 is represented in state 1, DR_at_2 the level of state 1 in state 2; DE marks a
 * diplomatic exchange. Each row becomes one record at year precision with typed effects —
 * COW is coded by hand from diplomatic lists, and the format defines what the codes mean.
 * The mapping (documented in docs/imports.md):
 *   3 ambassador, 2 minister → that side's embassy OPERATING
 *   1 chargé d'affaires       → REDUCED (a mission below the rank of minister)
 *   0 no representation       → CLOSED
 *   9 other / missing         → no embassy effect (kept in the summary)
 *   DE 1 → relations FULL; DE 0 with neither side represented → relations NONE.
 */
export const COW_DIPEX_COLUMNS = ['ccode1', 'ccode2', 'year', 'DR_at_1', 'DR_at_2', 'DE'] as const;

export const COW_DIPEX_PAGE = 'https://correlatesofwar.org/data-sets/diplomatic-exchange';

const LEVELS: Readonly<Record<string, { label: string; status?: EmbassyStatus }>> = {
  '0': { label: 'no representation', status: 'CLOSED' },
  '1': { label: "chargé d'affaires", status: 'REDUCED' },
  '2': { label: 'minister', status: 'OPERATING' },
  '3': { label: 'ambassador', status: 'OPERATING' },
  '9': { label: 'other' },
};
/** Codes a statistics package writes for a missing value. */
const MISSING = new Set(['', '.', 'NA', '-9']);

export const cowDipexReader = (
  header: readonly string[],
  version?: string,
): RowReader | { readonly error: string } => {
  const names = header.map((h) =>
    h
      .trim()
      .replace(/^\uFEFF/, '')
      .toLowerCase(),
  );
  const missing = COW_DIPEX_COLUMNS.filter((c) => !names.includes(c.toLowerCase()));
  if (missing.length > 0)
    return { error: `not a COW Diplomatic Exchange header: missing ${missing.join(', ')}` };
  const at = new Map(COW_DIPEX_COLUMNS.map((c) => [c, names.indexOf(c.toLowerCase())]));
  const versionAt = names.indexOf('version');
  return (fields) => {
    if (fields.length === 1 && fields[0].trim() === '') return { kind: 'skip' };
    const get = (c: (typeof COW_DIPEX_COLUMNS)[number]) => plain(fields[at.get(c)!]);
    const [c1, c2, yearText] = [get('ccode1'), get('ccode2'), get('year')];
    const rowId = `${c1}-${c2}-${yearText}`.slice(0, 40);
    if (!/^\d{1,3}-\d{1,3}-\d{4}$/.test(rowId))
      return refuse('ccode1, ccode2 and year must be numbers (a 4-digit year)', rowId);
    const year = Number(yearText);
    const side1 = fromCowCountry(c1, year);
    if ('reason' in side1) return refuse(`ccode1: ${side1.reason}`, rowId);
    const side2 = fromCowCountry(c2, year);
    if ('reason' in side2) return refuse(`ccode2: ${side2.reason}`, rowId);
    if (side1.code === side2.code)
      return refuse(`ccode1 and ccode2 are the same state (${side1.code}) in ${year}`, rowId);
    const level = (c: 'DR_at_1' | 'DR_at_2') => {
      const raw = get(c);
      if (MISSING.has(raw)) return { label: 'missing' };
      return LEVELS[raw];
    };
    const at1 = level('DR_at_1');
    const at2 = level('DR_at_2');
    if (!at1)
      return refuse(
        `DR_at_1 ${JSON.stringify(get('DR_at_1').slice(0, 10))} is not 0, 1, 2, 3 or 9`,
        rowId,
      );
    if (!at2)
      return refuse(
        `DR_at_2 ${JSON.stringify(get('DR_at_2').slice(0, 10))} is not 0, 1, 2, 3 or 9`,
        rowId,
      );
    const de = get('DE');
    if (!MISSING.has(de) && de !== '0' && de !== '1')
      return refuse(`DE ${JSON.stringify(de.slice(0, 10))} is not 0 or 1`, rowId);
    const effects: Record<string, unknown>[] = [];
    if (de === '1') effects.push({ type: 'RELATIONS', level: 'FULL' });
    else if (de === '0' && at1.status === 'CLOSED' && at2.status === 'CLOSED')
      effects.push({ type: 'RELATIONS', level: 'NONE' });
    // DR_at_1: state 2's mission in state 1.
    if (at1.status)
      effects.push({ type: 'EMBASSY', of: side2.code, in: side1.code, status: at1.status });
    if (at2.status)
      effects.push({ type: 'EMBASSY', of: side1.code, in: side2.code, status: at2.status });
    const dataVersion =
      version ?? (versionAt >= 0 ? plain(fields[versionAt]) || undefined : undefined);
    return {
      kind: 'record',
      rowId,
      input: {
        id: researchEventId('cow-dipex', rowId),
        kind: 'DIPLOMATIC_RELATIONS',
        title: `Diplomatic representation in ${year}: ${side1.code} and ${side2.code} (COW Diplomatic Exchange)`,
        summary:
          `COW Diplomatic Exchange, ${year}: ${side2.code} represented in ${side1.code} by ${at1.label} (DR_at_1 ${get('DR_at_1') || '-'}); ` +
          `${side1.code} represented in ${side2.code} by ${at2.label} (DR_at_2 ${get('DR_at_2') || '-'}); DE ${de || '-'}.`,
        occurred: String(year),
        countries: [side1.code, side2.code],
        participants: [],
        effects,
        sources: [
          {
            title: `Correlates of War Diplomatic Exchange data set${dataVersion ? `, v${dataVersion}` : ''}`,
            publisher: 'Correlates of War Project',
            url: COW_DIPEX_PAGE,
          },
        ],
        tags: ['cow-dipex'],
        provenance: {
          dataset: 'cow-dipex',
          ...(dataVersion ? { version: dataVersion } : {}),
          rowId,
        },
      },
    };
  };
};
