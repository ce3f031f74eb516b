import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ExportsController } from './exports.controller';

/** Streamed CSV / NDJSON / PLOVER exports and the dyad-period panel (docs/exports.md). */
@Module({ imports: [AuthModule], controllers: [ExportsController] })
export class ExportsModule {}
