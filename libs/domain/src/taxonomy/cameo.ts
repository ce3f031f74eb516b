import type { CameoEntry, CameoTable, PloverVocabulary } from './cameo-entry';
import table from './cameo-table.json';

/**
 * The CAMEO/PLOVER taxonomy at run time, from the committed `cameo-table.json` (generated from
 * `events/reference/cameo/` by `buildCameoTable`; a unit test fails when the two drift apart).
 */
const cameoTable = table as CameoTable;
const byCode: ReadonlyMap<string, CameoEntry> = new Map(cameoTable.entries.map((e) => [e.code, e]));

export const lookupCameo = (code: string): CameoEntry | undefined => byCode.get(code);

export const cameoEntries = (): readonly CameoEntry[] => cameoTable.entries;

export const ploverVocabulary = (): PloverVocabulary => cameoTable.plover;
