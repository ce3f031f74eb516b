import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DatasetImporter } from './dataset-importer';
import { SeedOnFirstStart } from './seed-on-first-start';

@Module({
  imports: [CqrsModule],
  providers: [DatasetImporter, SeedOnFirstStart],
  exports: [DatasetImporter],
})
export class DatasetsModule {}
