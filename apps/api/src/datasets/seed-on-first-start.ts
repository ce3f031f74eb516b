import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { START, type EventStore } from '@app/event-store';
import { APP_CONFIG, DatasetImporter, EVENT_STORE, type AppConfig } from '@app/application';

export const BUNDLED_DATASET = 'us-cuba.ndjson';

/** The project's `events/datasets` folder, found from here both in the sources and in dist/. */
export function datasetsDir(from = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'events', 'datasets');
    if (existsSync(join(candidate, BUNDLED_DATASET))) return candidate;
  }
  throw new Error(`events/datasets/${BUNDLED_DATASET} not found above ${from}`);
}

/** On the first start with an empty store, loads the bundled US–Cuba history. */
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
    const file = join(datasetsDir(), BUNDLED_DATASET);
    const report = await this.importer.importFile(file, { name: 'seed', role: 'admin' });
    this.logger.log(
      `empty store: imported ${BUNDLED_DATASET} (${report.recorded} recorded, ${report.amended} amended, ${report.failedCount} failed)`,
    );
    for (const failure of report.failed)
      this.logger.error(`line ${failure.line}: ${failure.error}`);
  }
}
