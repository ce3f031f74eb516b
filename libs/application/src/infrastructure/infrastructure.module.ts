import { Global, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Inject } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { openSqliteEventStore, type EventStore } from '@app/event-store';
import {
  accessTokensProjection,
  closeReadModelDb,
  openReadModelDb,
  Projector,
  relationshipProjection,
  timelineProjection,
  type ReadModelDb,
} from '@app/projections';
import { loadConfig, type AppConfig } from '../config/app-config';
import { ReadSide } from './read-side';
import { CommandRunner } from './command-runner';
import { APP_CONFIG, CLOCK, EVENT_STORE, ID_GENERATOR, READ_MODEL_DB } from './tokens';

async function openEventStore(config: AppConfig): Promise<EventStore> {
  if (config.eventStore === 'kurrentdb') {
    // Loaded only when chosen: the gRPC client is heavy and unused by the embedded store.
    const { openKurrentDbEventStore } = await import('@app/event-store/kurrentdb');
    return openKurrentDbEventStore({ connectionString: config.kurrentDbConnectionString! });
  }
  return openSqliteEventStore({ file: config.eventStoreFile });
}

/**
 * Closes what the providers opened, in reverse order, when the application stops: the projector
 * first (its last batch still needs the read model), then the log, then the read model, which
 * is synced as it closes (see closeReadModelDb).
 */
class Resources implements OnApplicationShutdown {
  constructor(
    private readonly projector: Projector,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.projector.stop();
    await this.store.close();
    closeReadModelDb(this.db);
  }
}

@Global()
@Module({
  providers: [
    { provide: APP_CONFIG, useFactory: () => loadConfig() },
    { provide: CLOCK, useValue: () => new Date() },
    { provide: ID_GENERATOR, useValue: () => uuidv7() },
    { provide: EVENT_STORE, inject: [APP_CONFIG], useFactory: openEventStore },
    {
      provide: READ_MODEL_DB,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const logger = new Logger('ReadModels');
        return openReadModelDb(config.readModelFile, {
          unsynced: config.readModelSync === 'relaxed',
          onNotice: (message) => logger.warn(message),
        });
      },
    },
    {
      provide: Projector,
      inject: [EVENT_STORE, READ_MODEL_DB],
      useFactory: (store: EventStore, db: ReadModelDb) => {
        const logger = new Logger('Projector');
        return new Projector(
          store,
          db,
          [timelineProjection, relationshipProjection, accessTokensProjection],
          (error) => logger.error(`read models stopped: ${error.message}`, error.stack),
        );
      },
    },
    Resources,
    ReadSide,
    CommandRunner,
  ],
  exports: [
    APP_CONFIG,
    CLOCK,
    ID_GENERATOR,
    EVENT_STORE,
    READ_MODEL_DB,
    Projector,
    ReadSide,
    CommandRunner,
  ],
})
export class InfrastructureModule {}
