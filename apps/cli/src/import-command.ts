import { readFileSync, statSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { SingleBar } from 'cli-progress';
import { isResearchFormat, parseCsvMapping, RESEARCH_FORMATS, type CsvMapping } from '@app/domain';
import { COMMAND_LINE, DatasetImporter, ResearchImporter } from '@app/application';
import { printable } from './terminal-text';

export const IMPORT_FORMATS = ['ndjson', ...RESEARCH_FORMATS] as const;

/** What `import` was asked: a format (ndjson by default), an optional dataset version, files. */
export interface ImportArgs {
  readonly format: string;
  readonly version?: string;
  /** The mapping file of `--format csv`. */
  readonly mapping?: string;
  readonly files: readonly string[];
}

/** A mapping is a few lines of JSON; anything larger is not one. */
const MAX_MAPPING_BYTES = 64 * 1024;

export function parseImportArgs(args: readonly string[], usage: (m: string) => Error): ImportArgs {
  let format = 'ndjson';
  let version: string | undefined;
  let mapping: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    if (['--format', '--dataset-version', '--mapping'].includes(args[i])) {
      const value = args[i + 1];
      if (!value || value.startsWith('--')) throw usage(`missing value of ${args[i]}`);
      if (args[i] === '--format') format = value;
      else if (args[i] === '--mapping') mapping = value;
      else version = value;
      i += 1;
    } else if (args[i].startsWith('--')) throw usage(`unknown option ${args[i]}`);
    else files.push(args[i]);
  }
  if (!(IMPORT_FORMATS as readonly string[]).includes(format))
    throw usage(`--format must be one of ${IMPORT_FORMATS.join(', ')}`);
  if (files.length === 0) throw usage('missing FILE');
  if ((format === 'csv') !== (mapping !== undefined))
    throw usage('--mapping FILE goes with --format csv, and only with it');
  return { format, version, mapping, files };
}

function readMapping(file: string): CsvMapping {
  if (statSync(file).size > MAX_MAPPING_BYTES)
    throw new Error(`${file}: a mapping file holds at most ${MAX_MAPPING_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new Error(`${file}: the mapping is not JSON`);
  }
  return parseCsvMapping(json);
}

export async function runImport(app: INestApplicationContext, args: ImportArgs): Promise<void> {
  const mapping = args.mapping ? readMapping(args.mapping) : undefined;
  for (const file of args.files) {
    if (!isResearchFormat(args.format)) {
      await importNdjson(app, file);
      continue;
    }
    // A bar only on a terminal: in a pipe or a log it would be noise, one frame per update.
    const bar = process.stderr.isTTY
      ? new SingleBar({
          stream: process.stderr,
          format: `${printable(file)} [{bar}] {percentage}% | {eta_formatted} left`,
          hideCursor: true,
        })
      : undefined;
    bar?.start(1, 0);
    const summary = await app
      .get(ResearchImporter)
      .importFile(file, args.format, COMMAND_LINE, {
        version: args.version,
        mapping,
        onProgress: (done, total) => {
          bar?.setTotal(Math.max(total, 1));
          bar?.update(done);
        },
      })
      .finally(() => bar?.stop());
    const rate = summary.seconds > 0 ? Math.round(summary.rows / summary.seconds) : summary.rows;
    console.log(
      `${printable(file)}: ${summary.recorded} recorded, ${summary.alreadyPresent} already present, ` +
        `${summary.refused} refused of ${summary.rows} rows in ${summary.seconds.toFixed(1)} s (${rate} rows/s)`,
    );
    if (summary.refused > 0)
      console.log(`  refused rows, with their reasons: ${printable(summary.rejectsFile)}`);
  }
}

async function importNdjson(app: INestApplicationContext, file: string): Promise<void> {
  const report = await app.get(DatasetImporter).importFile(file, COMMAND_LINE);
  console.log(
    `${printable(file)}: ${report.recorded} recorded, ${report.amended} amended, ${report.retracted} retracted, ${report.unchanged} already present, ${report.failedCount} failed`,
  );
  for (const f of report.failed) console.log(`  line ${f.line}: ${printable(f.error)}`);
  const unlisted = report.failedCount - report.failed.length;
  if (unlisted > 0) console.log(`  … and ${unlisted} more`);
  if (report.failedCount) process.exitCode = 1;
}
