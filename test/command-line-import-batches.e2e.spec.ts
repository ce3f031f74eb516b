import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, removeDir, tempDataDir } from './support/server';

const CLI_MAIN = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');

const id = (n: number) => `5b1c9e2a-0000-4000-8000-${String(n).padStart(12, '0')}`;
const record = (n: number) =>
  JSON.stringify({
    command: 'recordEvent',
    input: {
      id: id(n),
      kind: 'TALKS',
      title: `Batch test ${n}`,
      occurred: '2023-09',
      countries: ['USA', 'CUB'],
      sources: [{ title: 'Note', publisher: 'Ministry' }],
    },
  });
const amend = (n: number, reason: string) =>
  JSON.stringify({
    command: 'amendEvent',
    input: { id: id(n), expectedRevision: 1, reason, occurred: '2023-09-14' },
  });

/**
 * An import applies its lines in batches (many commands per durable transaction); this checks
 * that batching keeps the meaning of a file read line by line: a record's commands in file
 * order, failures reported per line in file order, and an interrupted import resumed by running
 * it again. The file spans several batches (1,000 lines each).
 */
describe('the command line import: batches', () => {
  const dataDir = tempDataDir('dt-import-batches-');
  const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  const run = (path: string) => {
    const result = spawnSync(process.execPath, [CLI_MAIN, 'import', path], {
      env,
      timeout: 300_000,
      encoding: 'utf8',
    });
    return { status: result.status, stdout: result.stdout };
  };

  afterAll(() => removeDir(dataDir));

  // 2,500 records; every 10th is amended a few lines later (often in the same batch), every
  // 250th line is broken, and amendments of a record that does not exist fail in place.
  const lines: string[] = [];
  for (let n = 1; n <= 2500; n++) {
    lines.push(record(n));
    if (n % 10 === 0) lines.push(amend(n - 5, `precise date ${n}`));
    if (n % 250 === 0) lines.push('{ broken');
    if (n % 1000 === 0) lines.push(amend(900_000 + n, 'no such record'));
  }
  const whole = join(dataDir, 'whole.ndjson');
  const firstPart = join(dataDir, 'first-part.ndjson');

  it('a first part, as an interrupted import leaves it, then the whole file', () => {
    writeFileSync(firstPart, `${lines.slice(0, 1300).join('\n')}\n`);
    writeFileSync(whole, `${lines.join('\n')}\n`);
    const part = run(firstPart);
    expect(part.stdout).toMatch(
      /: \d+ recorded, \d+ amended, 0 retracted, 0 already present, \d+ failed/,
    );

    const result = run(whole);
    const [, recorded, amended, present, failed] =
      /: (\d+) recorded, (\d+) amended, 0 retracted, (\d+) already present, (\d+) failed/
        .exec(result.stdout)
        ?.map(Number) ?? [];
    // Everything the first part did is found again; the rest is applied now.
    expect(recorded + amended + present).toBe(2500 + 250);
    expect(present).toBeGreaterThan(1000);
    expect(failed).toBe(10 + 2);
    expect(result.status).toBe(1);
    // Failures are listed in file order, each at its own line.
    const listed = [...result.stdout.matchAll(/^ {2}line (\d+): (.*)$/gm)].map((m) => [
      Number(m[1]),
      m[2],
    ]);
    const expected = lines
      .map((text, i) => [i + 1, text] as const)
      .filter(([, text]) => text === '{ broken' || text.includes('no such record'))
      .map(([line]) => line);
    expect(listed.map(([line]) => line)).toEqual(expected);
  });

  it('a second run of the whole file changes nothing', () => {
    const again = run(whole);
    expect(again.stdout).toContain(
      '0 recorded, 0 amended, 0 retracted, 2750 already present, 12 failed',
    );
  });
});
