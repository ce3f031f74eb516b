import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { START, type EventStore } from '@app/event-store';
import { APP_CONFIG, DatasetImporter, EVENT_STORE, type AppConfig } from '@app/application';

/**
 * The datasets loaded into an empty store, in this order. Each file is self-contained (no line
 * refers to a record of another file), so the order only fixes the log's positions.
 */
export const BUNDLED_DATASETS = ['us-cuba.ndjson', 'us-vietnam.ndjson'] as const;

/** The project's `events/datasets` folder, found from here both in the sources and in dist/. */
export function datasetsDir(from = __dirname): string {
  const [first] = BUNDLED_DATASETS;
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'events', 'datasets');
    if (existsSync(join(candidate, first))) return candidate;
  }
  throw new Error(`events/datasets/${first} not found above ${from}`);
}

/** On the first start with an empty store, loads every bundled dataset. */
@Injectable()
export class SeedOnFirstStart implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly importer: DatasetImporter,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedOnEmpty || (await this.store.headPosition()) !== START) return;
    const dir = datasetsDir();
    for (const name of BUNDLED_DATASETS) {
      const report = await this.importer.importFile(join(dir, name), {
        name: 'seed',
        role: 'admin',
      });
      this.logger.log(
        `empty store: imported ${name} (${report.recorded} recorded, ${report.amended} amended, ${report.retracted} retracted, ${report.failedCount} failed)`,
      );
      for (const failure of report.failed)
        this.logger.error(`${name} line ${failure.line}: ${failure.error}`);
    }
  }
}
