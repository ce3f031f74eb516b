import type { INestApplicationContext } from '@nestjs/common';
import { SingleBar } from 'cli-progress';
import { isResearchFormat, RESEARCH_FORMATS } from '@app/domain';
import { COMMAND_LINE, DatasetImporter, ResearchImporter } from '@app/application';
import { printable } from './terminal-text';

export const IMPORT_FORMATS = ['ndjson', ...RESEARCH_FORMATS] as const;

/** What `import` was asked: a format (ndjson by default), an optional dataset version, files. */
export interface ImportArgs {
  readonly format: string;
  readonly version?: string;
  readonly files: readonly string[];
}

export function parseImportArgs(args: readonly string[], usage: (m: string) => Error): ImportArgs {
  let format = 'ndjson';
  let version: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--format' || args[i] === '--dataset-version') {
      const value = args[i + 1];
      if (!value || value.startsWith('--')) throw usage(`missing value of ${args[i]}`);
      if (args[i] === '--format') format = value;
      else version = value;
      i += 1;
    } else if (args[i].startsWith('--')) throw usage(`unknown option ${args[i]}`);
    else files.push(args[i]);
  }
  if (!(IMPORT_FORMATS as readonly string[]).includes(format))
    throw usage(`--format must be one of ${IMPORT_FORMATS.join(', ')}`);
  if (files.length === 0) throw usage('missing FILE');
  return { format, version, files };
}

export async function runImport(app: INestApplicationContext, args: ImportArgs): Promise<void> {
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
    `${printable(file)}: ${report.recorded} recorded, ${report.amended} amended, ${report.unchanged} already present, ${report.failedCount} failed`,
  );
  for (const f of report.failed) console.log(`  line ${f.line}: ${printable(f.error)}`);
  const unlisted = report.failedCount - report.failed.length;
  if (unlisted > 0) console.log(`  … and ${unlisted} more`);
  if (report.failedCount) process.exitCode = 1;
}
