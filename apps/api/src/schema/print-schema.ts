import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

/** The published schema, at the top of the repository. */
export const SCHEMA_FILE = resolve(__dirname, '..', '..', '..', '..', '..', 'schema.graphql');

const HEADER = `# The public GraphQL schema, generated from the code (npm run schema). Do not edit by hand.\n\n`;

/**
 * `npm run schema` writes schema.graphql from the code-first schema as the server builds it;
 * `npm run schema -- --check` fails when the committed file differs (CI runs it). The
 * application is built on an empty data folder and never listens.
 */
async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const dataDir = mkdtempSync(join(tmpdir(), 'schema-'));
  Object.assign(process.env, { DATA_DIR: dataDir, SEED_ON_EMPTY: 'false', LOG_LEVEL: 'silent' });
  // Loaded after the environment is set: the configuration is read when the module loads.
  const { AppModule } = await import('../app.module');
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), {
    logger: false,
  });
  try {
    await app.init();
    // The schema as Mercurius serves it: with the server's own transformations applied.
    const fastify = app.getHttpAdapter().getInstance() as { graphql?: { schema?: GraphQLSchema } };
    const served = fastify.graphql?.schema;
    const schema = served ?? app.get(GraphQLSchemaHost).schema;
    const text = HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
    if (!check) {
      writeFileSync(SCHEMA_FILE, text);
      console.log(`wrote ${SCHEMA_FILE}`);
      return;
    }
    let committed = '';
    try {
      committed = readFileSync(SCHEMA_FILE, 'utf8');
    } catch {
      committed = '';
    }
    if (committed !== text) {
      console.error('schema.graphql is stale: run `npm run schema` and commit the result');
      process.exitCode = 1;
    } else console.log('schema.graphql is up to date');
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
