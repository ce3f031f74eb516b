import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { DomainError } from '@app/domain';
import { Projector, snapshotReadModels } from '@app/projections';
import { AccessTokens, COMMAND_LINE, ResearchFileError, loadConfig } from '@app/application';
import { CliModule } from './cli.module';
import { runExport } from './export-command';
import { parseImportArgs, runImport } from './import-command';
import { printable, TerminalLogger } from './terminal-text';

const USAGE = `Usage: npm run cli -- <command>

  tokens create --name NAME --role reader|editor|admin   issue a token (printed once, last line)
  tokens list                                           list tokens (never their values)
  tokens revoke NAME                                    revoke a token
  import [--format F] [--dataset-version V] FILE…       import files, report what each did; F is
                                                        ndjson (default), gdelt, icews, cow-dipex,
                                                        or csv with --mapping MAPPING.json
                                                        (refused rows go to FILE.rejects.ndjson;
                                                        running it again resumes)
  export NAME [--PARAMETER VALUE]… [--out FILE]         stream an export (events.csv, events.ndjson,
                                                        events.plover.jsonl, panel.csv) with the
                                                        parameters of GET /exports/NAME
  rebuild                                               drop the read models and replay the log
                                                        (stop the API on this data folder first)
  snapshot FILE                                         copy this node's read models with their
                                                        checkpoint into FILE (the API may run)

Configuration comes from the same environment variables as the API (DATA_DIR, EVENT_STORE, ...).`;

class UsageError extends Error {}

function option(args: string[], name: string): string {
  const index = args.indexOf(`--${name}`);
  const value = index >= 0 ? args[index + 1] : undefined;
  if (!value || value.startsWith('--')) throw new UsageError(`missing --${name}`);
  return value;
}

async function run(app: INestApplicationContext, args: string[]): Promise<void> {
  const [command, sub, ...rest] = args;
  if (command === 'tokens' && sub === 'create') {
    const name = option(rest, 'name');
    const role = option(rest, 'role');
    const token = await app.get(AccessTokens).issue(name, role, COMMAND_LINE);
    console.log(
      `Token "${printable(name)}" (${printable(role)}) created. It is shown only once; store it safely:`,
    );
    console.log(token);
  } else if (command === 'tokens' && sub === 'list') {
    const tokens = app.get(AccessTokens).list();
    if (tokens.length === 0) console.log('no tokens');
    for (const t of tokens) {
      const status = t.revokedAt ? `revoked ${printable(t.revokedAt)}` : 'active';
      console.log(
        `${printable(t.name)}\t${printable(t.role)}\tissued ${printable(t.issuedAt)}\t${status}`,
      );
    }
  } else if (command === 'tokens' && sub === 'revoke') {
    if (!rest[0]) throw new UsageError('missing token name');
    await app.get(AccessTokens).revoke(rest[0], COMMAND_LINE);
    console.log(`Token "${printable(rest[0])}" revoked.`);
  } else if (command === 'import') {
    await runImport(
      app,
      parseImportArgs(sub === undefined ? [] : [sub, ...rest], (m) => new UsageError(m)),
    );
  } else if (command === 'export') {
    await runExport(app, sub === undefined ? [] : [sub, ...rest], (m) => new UsageError(m));
  } else if (command === 'rebuild') {
    const started = Date.now();
    const head = await app.get(Projector).rebuild();
    console.log(
      `Read models rebuilt from the log up to position ${head} in ${Date.now() - started} ms.`,
    );
  } else {
    throw new UsageError(command ? `unknown command "${args.join(' ')}"` : 'no command');
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.length === 0 || args[0] === '--help' || args[0] === 'help') {
    console.log(USAGE);
    return;
  }
  if (args[0] === 'snapshot') {
    // Reads the file alone: no application, no projector writing to the read models meanwhile.
    if (!args[1]) throw new UsageError('missing FILE');
    const { position, bytes } = await snapshotReadModels(loadConfig().readModelFile, args[1]);
    console.log(
      `${printable(args[1])}: read models at position ${position} (${bytes} bytes). ` +
        'Start a node with READ_MODEL_FILE set to it; it catches up from there.',
    );
    return;
  }
  // The command line does what it is asked and nothing more: no automatic dataset import.
  process.env.SEED_ON_EMPTY = 'false';
  const app = await NestFactory.createApplicationContext(CliModule, {
    logger: new TerminalLogger({ logLevels: ['fatal', 'error', 'warn'] }),
  });
  await app.init();
  try {
    await run(app, args);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  // Messages may quote arguments, file names or stored values: every one goes through printable.
  if (error instanceof UsageError) console.error(`${printable(error.message)}\n\n${USAGE}`);
  else if (error instanceof ResearchFileError) console.error(printable(error.message));
  else if (error instanceof DomainError) {
    const issues = error.issues.map((i) => printable(`${i.path}: ${i.message}`));
    console.error(issues.length ? issues.join('\n') : printable(error.message));
  } else console.error(printable(error instanceof Error ? error.message : error));
  process.exitCode = 1;
});
