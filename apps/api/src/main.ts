import 'reflect-metadata';
import { Logger, type LogLevel as NestLogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { loadConfig, type LogLevel } from '@app/application';
import { AuthService } from './auth/auth.service';
import { GraphqlErrorFilter } from './graphql/graphql-error.filter';
import { clientKey, protectHttp } from './http/http-protections';

const NEST_LEVELS: Record<LogLevel, NestLogLevel[]> = {
  silent: [],
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  // A stray rejection (a client gone mid-write, say) is logged, never allowed to end the process.
  process.on('unhandledRejection', (reason) => {
    Logger.error(
      reason instanceof Error ? (reason.stack ?? reason.message) : String(reason),
      'Unhandled',
    );
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule,
    new FastifyAdapter({ bodyLimit: 2 * 1024 * 1024 }),
    { logger: NEST_LEVELS[config.logLevel] },
  );
  // Global, so that it also answers what is refused before a route runs (hooks, rate limits).
  app.useGlobalFilters(new GraphqlErrorFilter(config));
  const auth = app.get(AuthService);
  await protectHttp(
    app.getHttpAdapter().getInstance(),
    config,
    clientKey((header) => auth.verify(header)),
  );
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  Logger.log(`GraphQL at http://${config.host}:${config.port}/graphql`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  // Configuration and start-up errors end the process with one clear line.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
