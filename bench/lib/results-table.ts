import type { BenchRow, BenchTarget, SuiteResult } from './bench-suite';

const HEADER = ['suite', 'measure', 'ours', 'baseline', 'ratio', 'target', 'met?'];

/** All results as one markdown table. */
export function resultsTable(results: readonly SuiteResult[]): string {
  const lines = results.flatMap((result) =>
    result.error
      ? [[result.suite, `failed: ${firstLine(result.error)}`, '', '', '', '', 'no']]
      : result.rows.map((row) => rowCells(result.suite, row)),
  );
  return [HEADER, HEADER.map(() => '---'), ...lines]
    .map((cells) => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`)
    .join('\n');
}

/** A cell holds one line; the whole error is already on stderr. */
const firstLine = (text: string) => text.split('\n', 1)[0];

function rowCells(suite: string, row: BenchRow): string[] {
  const ratio = row.baseline ? row.ours / row.baseline : undefined;
  const met = row.target ? meets(row, ratio, row.target) : undefined;
  return [
    suite,
    row.measure,
    `${figure(row.ours)} ${row.unit}`,
    row.baseline === undefined ? '—' : `${figure(row.baseline)} ${row.unit}`,
    ratio === undefined ? '—' : `${ratio.toFixed(2)}x`,
    row.target ? describeTarget(row.target, row.unit) : '—',
    met === undefined ? '—' : met ? 'yes' : 'NO',
  ];
}

/** Whether a row reaches its target; a ratio target without a baseline is not met. */
export function meets(row: BenchRow, ratio: number | undefined, target: BenchTarget): boolean {
  const checks = [
    target.minRatio === undefined || (ratio !== undefined && ratio >= target.minRatio),
    target.maxRatio === undefined || (ratio !== undefined && ratio <= target.maxRatio),
    target.min === undefined || row.ours >= target.min,
    target.max === undefined || row.ours <= target.max,
  ];
  return checks.every(Boolean);
}

function describeTarget(target: BenchTarget, unit: string): string {
  return [
    target.minRatio !== undefined ? `>= ${target.minRatio}x` : '',
    target.maxRatio !== undefined ? `<= ${target.maxRatio}x` : '',
    target.min !== undefined ? `>= ${figure(target.min)} ${unit}` : '',
    target.max !== undefined ? `<= ${figure(target.max)} ${unit}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

function figure(value: number): string {
  // Sub-unit figures (latencies in ms, mostly) keep three significant digits instead of rounding to 0.
  if (value !== 0 && Math.abs(value) < 1) {
    return value.toLocaleString('en-US', { maximumSignificantDigits: 3 });
  }
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}
