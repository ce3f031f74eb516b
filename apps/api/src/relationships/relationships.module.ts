import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '../auth/auth.module';
import { FeedsModule } from '../feeds';
import {
  GetRelationshipChangesHandler,
  GetRelationshipHandler,
  GetRelationshipSeriesHandler,
} from './relationship.queries';
import { RelationshipSeriesResolver } from './relationship-series.resolver';
import { RelationshipChangedResolver } from './relationship-changed.resolver';
import { RelationshipReader } from './relationship-reader';
import { RelationshipChangeResolver, RelationshipsResolver } from './relationships.resolver';

@Module({
  imports: [CqrsModule, AuthModule, FeedsModule],
  providers: [
    RelationshipsResolver,
    RelationshipChangeResolver,
    RelationshipChangedResolver,
    GetRelationshipHandler,
    GetRelationshipChangesHandler,
    GetRelationshipSeriesHandler,
    RelationshipSeriesResolver,
    RelationshipReader,
  ],
  exports: [RelationshipReader],
})
export class RelationshipsModule {}
