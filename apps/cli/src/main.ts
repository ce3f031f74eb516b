import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { DomainError } from '@app/domain';
import { Projector } from '@app/projections';
import { COMMAND_LINE } from '../../api/src/auth/actor';
import { AccessTokens } from '../../api/src/auth/access-tokens.service';
import { DatasetImporter } from '../../api/src/datasets/dataset-importer';
import { CliModule } from './cli.module';

const USAGE = `Usage: npm run cli -- <command>

  tokens create --name NAME --role reader|editor|admin   issue a token (printed once, last line)
  tokens list                                           list tokens (never their values)
  tokens revoke NAME                                    revoke a token
  import FILE                                           import a dataset (.ndjson), report what it did
  rebuild                                               drop the read models and replay the log
                                                        (stop the API on this data folder first)

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
    console.log(`Token "${name}" (${role}) created. It is shown only once; store it safely:`);
    console.log(token);
  } else if (command === 'tokens' && sub === 'list') {
    const tokens = app.get(AccessTokens).list();
    if (tokens.length === 0) console.log('no tokens');
    for (const t of tokens) {
      console.log(`${t.name}\t${t.role}\tissued ${t.issuedAt}\t${t.revokedAt ? `revoked ${t.revokedAt}` : 'active'}`);
    }
  } else if (command === 'tokens' && sub === 'revoke') {
    if (!rest[0]) throw new UsageError('missing token name');
    await app.get(AccessTokens).revoke(rest[0], COMMAND_LINE);
    console.log(`Token "${rest[0]}" revoked.`);
  } else if (command === 'import') {
    if (!sub) throw new UsageError('missing FILE');
    const report = await app.get(DatasetImporter).importFile(sub, COMMAND_LINE);
    console.log(
      `${sub}: ${report.recorded} recorded, ${report.amended} amended, ${report.unchanged} already present, ${report.failed.length} failed`,
    );
    for (const f of report.failed) console.log(`  line ${f.line}: ${f.error}`);
    if (report.failed.length) process.exitCode = 1;
  } else if (command === 'rebuild') {
    const started = Date.now();
    const head = await app.get(Projector).rebuild();
    console.log(`Read models rebuilt from the log up to position ${head} in ${Date.now() - started} ms.`);
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
  // The command line does what it is asked and nothing more: no automatic dataset import.
  process.env.SEED_ON_EMPTY = 'false';
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['fatal', 'error', 'warn'] });
  await app.init();
  try {
    await run(app, args);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
  else if (error instanceof DomainError) {
    console.error(error.issues.length ? error.issues.map((i) => `${i.path}: ${i.message}`).join('\n') : error.message);
  } else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
