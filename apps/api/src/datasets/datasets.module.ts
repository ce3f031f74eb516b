import { Module } from '@nestjs/common';
import { DatasetImportModule } from '@app/application';
import { SeedOnFirstStart } from './seed-on-first-start';

/** The server's own use of imports: the bundled dataset on a first start with an empty store. */
@Module({ imports: [DatasetImportModule], providers: [SeedOnFirstStart] })
export class DatasetsModule {}
