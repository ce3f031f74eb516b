import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { loadConfig } from '@app/application';
import { JsonLogger, jsonLog, sendRequestIds } from './logging/json-logger';
import { AuthService } from './auth/auth.service';
import { GraphqlErrorFilter } from './graphql/graphql-error.filter';
import { ApiMetrics } from './metrics/api-metrics';
import { clientKey, protectHttp } from './http/http-protections';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  // A stray rejection (a client gone mid-write, say) is logged, never allowed to end the process.
  process.on('unhandledRejection', (reason) => {
    Logger.error(
      reason instanceof Error ? (reason.stack ?? reason.message) : String(reason),
      'Unhandled',
    );
  });
  // One JSON logger for Fastify and Nest alike; each request gets a random id (never one a
  // client sends: that would let it forge or collide with another request's lines).
  const log = jsonLog(config.logLevel);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule,
    new FastifyAdapter({
      bodyLimit: 2 * 1024 * 1024,
      loggerInstance: log,
      genReqId: () => randomUUID(),
    }),
    { logger: new JsonLogger(log) },
  );
  sendRequestIds(app.getHttpAdapter().getInstance());
  // Global, so that it also answers what is refused before a route runs (hooks, rate limits).
  const metrics = app.get(ApiMetrics);
  app.useGlobalFilters(new GraphqlErrorFilter(config, metrics));
  const auth = app.get(AuthService);
  await protectHttp(
    app.getHttpAdapter().getInstance(),
    config,
    clientKey((header) => auth.verify(header)),
    metrics,
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
