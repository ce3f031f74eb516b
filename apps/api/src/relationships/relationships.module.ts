import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '../auth/auth.module';
import { GetRelationshipChangesHandler, GetRelationshipHandler } from './relationship.queries';
import { RelationshipReader } from './relationship-reader';
import { RelationshipChangeResolver, RelationshipsResolver } from './relationships.resolver';

@Module({
  imports: [CqrsModule, AuthModule],
  providers: [
    RelationshipsResolver,
    RelationshipChangeResolver,
    GetRelationshipHandler,
    GetRelationshipChangesHandler,
    RelationshipReader,
  ],
  exports: [RelationshipReader],
})
export class RelationshipsModule {}
