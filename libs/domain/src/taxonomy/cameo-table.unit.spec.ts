import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCameoTable } from './build-cameo-table';
import { EVENT_CODES_FILE, GOLDSTEIN_FILE, PLOVER_FILE } from './cameo-files';
import committed from './cameo-table.json';

const referenceDir = join(__dirname, '../../../../events/reference/cameo');
const read = (file: string) => readFileSync(join(referenceDir, file), 'utf8');
const built = buildCameoTable({
  eventCodes: read(EVENT_CODES_FILE),
  goldstein: read(GOLDSTEIN_FILE),
  plover: read(PLOVER_FILE),
});

// `UPDATE_CAMEO_TABLE=1 npx jest libs/domain/src/taxonomy` rewrites the committed table.
if (process.env.UPDATE_CAMEO_TABLE === '1') {
  writeFileSync(join(__dirname, 'cameo-table.json'), `${JSON.stringify(built, null, 2)}\n`);
}

const entry = (code: string) => built.entries.find((e) => e.code === code);
const repairsMentioning = (text: string) => built.repairs.filter((r) => r.message.includes(text));

describe('the CAMEO table built from the published files', () => {
  it('is the committed cameo-table.json (regenerate it when the reference files change)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(built)));
  });

  it('keeps codes as strings: 010 and 10 are different codes', () => {
    expect(entry('010')).toMatchObject({
      name: 'Make statement, not specified below',
      quadClass: 1,
    });
    expect(entry('10')).toMatchObject({ name: 'DEMAND', quadClass: 3 });
  });

  it('derives QuadClass from the root', () => {
    expect(
      ['01', '057', '0811', '10', '1246', '15', '2042'].map((c) => entry(c)?.quadClass),
    ).toEqual([1, 1, 2, 3, 3, 4, 4]);
  });

  it('takes Goldstein scores from the Goldstein file', () => {
    expect(entry('163')?.goldstein).toBe(-8);
    expect(entry('057')?.goldstein).toBe(8);
    expect(entry('2042')?.goldstein).toBe(-10);
  });

  it('skips the QuadClass headings', () => {
    expect(entry('1')).toBeUndefined();
    expect(repairsMentioning('QuadClass heading')).toHaveLength(4);
  });

  it('splits the line where 1056 runs into 106', () => {
    expect(entry('1056')).toMatchObject({ name: 'Demand de-escalation of military engagement' });
    expect(entry('106')).toMatchObject({ name: 'Demand withdrawal', goldstein: -5 });
    expect(repairsMentioning('run-on')).toHaveLength(1);
  });

  it('repairs the mis-encoded quotes of 044 and trims padded names', () => {
    expect(entry('044')?.name).toBe("Meet at a 'third' location");
    expect(entry('111')?.name).toBe('Criticize or denounce');
    expect(built.entries.every((e) => /^[\x20-\x7E]+$/.test(e.name))).toBe(true);
  });

  it('maps codes to PLOVER, reading padded fields and several contexts', () => {
    expect(entry('046')?.plover).toEqual({ event: 'CONSULT', context: 'diplomatic' });
    expect(entry('0861')?.plover).toEqual({
      event: 'RETREAT',
      mode: 'access',
      context: 'peacekeeping',
    });
    expect(entry('091')?.plover).toEqual({
      event: 'ACCUSE',
      mode: 'investigate',
      context: 'crime; corruption',
    });
    expect(entry('040')?.plover).toEqual({ event: 'CONSULT' });
    expect(entry('010')?.plover).toBeUndefined();
  });

  it('reports the duplicated 175, section headers and the closing line of the PLOVER file', () => {
    expect(repairsMentioning('duplicate code 175')).toHaveLength(1);
    expect(repairsMentioning('section header')).toHaveLength(19);
    expect(repairsMentioning('closing line')).toHaveLength(1);
  });

  it('collects the PLOVER vocabulary', () => {
    expect(built.plover.events).toEqual(
      expect.arrayContaining(['AGREE', 'CONSULT', 'SUPPORT', 'SANCTION', 'COERCE', 'ASSAULT']),
    );
    expect(built.plover.modes).toEqual(expect.arrayContaining(['visit', 'third-party', 'expel']));
    expect(built.plover.modes).not.toContain('access ');
    expect(built.plover.contexts).toEqual(
      expect.arrayContaining(['diplomatic', 'crime', 'corruption']),
    );
  });

  it('has a score and a QuadClass for every entry, sorted by code', () => {
    const codes = built.entries.map((e) => e.code);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(codes.length);
    expect(built.entries.length).toBeGreaterThan(300);
    for (const e of built.entries) {
      expect(e.goldstein).toBeGreaterThanOrEqual(-10);
      expect(e.goldstein).toBeLessThanOrEqual(10);
    }
  });
});
