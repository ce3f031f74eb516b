import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  AccessTokenQueries,
  Projector,
  RelationshipQueries,
  TimelineQueries,
  type ReadModelDb,
} from '@app/projections';
import { READ_MODEL_DB } from './tokens';

/** This node's read models: starts the projector with the app and hands out query objects. */
@Injectable()
export class ReadSide implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly timeline: TimelineQueries;
  readonly accessTokens: AccessTokenQueries;
  readonly relationships: RelationshipQueries;

  constructor(
    readonly projector: Projector,
    @Inject(READ_MODEL_DB) db: ReadModelDb,
  ) {
    this.timeline = new TimelineQueries(db);
    this.accessTokens = new AccessTokenQueries(db);
    this.relationships = new RelationshipQueries(db);
  }

  onApplicationBootstrap(): void {
    this.projector.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projector.stop();
  }
}
