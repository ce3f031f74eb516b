import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandsModule } from '../commands/commands.module';
import { DatasetImporter } from './dataset-importer';
import { ResearchImporter } from './research-importer';

/** Dataset imports, applied through the same command handler as the API's mutations. */
@Module({
  imports: [CqrsModule, CommandsModule],
  providers: [DatasetImporter, ResearchImporter],
  exports: [DatasetImporter, ResearchImporter],
})
export class DatasetImportModule {}
