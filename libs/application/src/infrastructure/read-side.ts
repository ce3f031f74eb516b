import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  AccessTokenQueries,
  AggregateQueries,
  Projector,
  RelationshipQueries,
  ResultCache,
  TimelineQueries,
  type ReadModelDb,
} from '@app/projections';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, READ_MODEL_DB } from './tokens';

/** This node's read models: starts the projector with the app and hands out query objects. */
@Injectable()
export class ReadSide implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly timeline: TimelineQueries;
  readonly accessTokens: AccessTokenQueries;
  readonly relationships: RelationshipQueries;
  /** Counts per country and pair, kept by the timeline projection. */
  readonly aggregates: AggregateQueries;
  /** Answers reused until the read models move (see ResultCache). */
  readonly answers: ResultCache;

  constructor(
    readonly projector: Projector,
    @Inject(READ_MODEL_DB) db: ReadModelDb,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.answers = new ResultCache(() => projector.storedPosition(), config.queryCacheEntries);
    this.timeline = new TimelineQueries(db);
    this.accessTokens = new AccessTokenQueries(db);
    this.relationships = new RelationshipQueries(db, this.timeline);
    this.aggregates = new AggregateQueries(db);
  }

  onApplicationBootstrap(): void {
    this.projector.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projector.stop();
  }
}
