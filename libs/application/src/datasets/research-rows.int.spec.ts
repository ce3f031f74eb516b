import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { researchFormat, type RowOutcome } from '@app/domain';
import { ResearchFileError, researchRows } from './research-rows';

const dir = mkdtempSync(join(tmpdir(), 'research-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const all = async (rows: AsyncIterable<{ line: number; outcome: RowOutcome }>) => {
  const out: { line: number; outcome: RowOutcome }[] = [];
  for await (const row of rows) out.push(row);
  return out;
};
const COW_HEADER = 'ccode1,ccode2,year,DR_at_1,DR_at_2,DE\n';

describe('research rows read from files', () => {
  it('refuses a line of broken UTF-8 and reads the next one', async () => {
    const path = file(
      'bad.csv',
      Buffer.concat([
        Buffer.from(COW_HEADER),
        Buffer.from([0xff, 0x0a]),
        Buffer.from('2,40,1955,3,3,1\n'),
      ]),
    );
    const rows = await all(researchRows(path, researchFormat('gdelt')));
    expect(rows[1]).toEqual({
      line: 2,
      outcome: { kind: 'refused', reason: 'line is not valid UTF-8' },
    });
    expect(rows).toHaveLength(3);
  });

  it('stops a CSV at a broken quote with a file-level error', async () => {
    const path = file('quote.csv', `${COW_HEADER}2,40,1955,3,3,"1\n`);
    await expect(all(researchRows(path, researchFormat('cow-dipex')))).rejects.toBeInstanceOf(
      ResearchFileError,
    );
  });

  it('refuses a header that is not the format as a file-level error', async () => {
    const path = file('header.csv', 'a,b,c\n1,2,3\n');
    await expect(all(researchRows(path, researchFormat('cow-dipex')))).rejects.toThrow(
      /not a COW Diplomatic Exchange header: missing ccode1, ccode2, year, DR_at_1, DR_at_2, DE/,
    );
  });

  it('reads the data entry of a zip holding a readme beside it, and reports progress', async () => {
    const csv = file('20200101.export.CSV', '1\t2\n');
    const readme = file('README.txt', 'not data\n');
    const zip = join(dir, 'two.zip');
    execFileSync('python3', [
      '-c',
      'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], "w"); [z.write(f, f.split("/")[-1]) for f in sys.argv[2:]]; z.close()',
      zip,
      readme,
      csv,
    ]);
    const progress: number[] = [];
    const rows = await all(
      researchRows(zip, researchFormat('gdelt'), {
        onProgress: (done, total) => progress.push(done / total),
      }),
    );
    expect(rows).toEqual([
      {
        line: 1,
        outcome: {
          kind: 'refused',
          reason: 'a GDELT event row has 61 columns (2.0) or 57/58 (1.0); this one has 2',
          rowId: '1',
        },
      },
    ]);
    expect(progress.at(-1)).toBe(1);
  });

  it('refuses a file that is not a zip', async () => {
    const path = file('fake.zip', 'not a zip');
    await expect(all(researchRows(path, researchFormat('gdelt')))).rejects.toThrow(
      /not a readable zip/,
    );
  });
});
