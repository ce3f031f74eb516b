import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { INestApplicationContext } from '@nestjs/common';
import type { EventStore } from '@app/event-store';
import {
  checkKnownParameters,
  eventExport,
  EVENT_EXPORT_FORMATS,
  EXPORT_FILTER_PARAMETERS,
  filterFromQuery,
  knownAtFromQuery,
  panelExport,
  panelFromQuery,
  EVENT_STORE,
  ReadSide,
  type EventExportFormat,
  type RawQuery,
} from '@app/application';

export const EXPORT_NAMES = [...EVENT_EXPORT_FORMATS, 'panel.csv'] as const;

/**
 * `export NAME [--PARAMETER VALUE]… [--out FILE]`: the same exports as `GET /exports/NAME`, with
 * the same parameters (`--countries USA,CUB --knownAt 2024-01-01T00:00:00Z`), checked the same
 * way, written to standard output or to a file.
 */
export async function runExport(
  app: INestApplicationContext,
  args: readonly string[],
  usage: (message: string) => Error,
): Promise<void> {
  const [name, ...rest] = args;
  if (!(EXPORT_NAMES as readonly string[]).includes(name ?? ''))
    throw usage(`export needs one of ${EXPORT_NAMES.join(', ')}`);
  const query: Record<string, string | string[]> = {};
  let out: string | undefined;
  for (let i = 0; i < rest.length; i += 2) {
    const key = rest[i];
    const value = rest[i + 1];
    if (!key.startsWith('--') || value === undefined)
      throw usage(`expected --PARAMETER VALUE, got ${key}`);
    if (key === '--out') out = value;
    else {
      const k = key.slice(2);
      const previous = query[k];
      query[k] = previous === undefined ? value : [...[previous].flat(), value];
    }
  }
  const readSide = app.get(ReadSide);
  // The read models of this data folder first catch up with the log (another process may write).
  const head = await app.get<EventStore>(EVENT_STORE).headPosition();
  await readSide.projector.waitFor(head, 10 * 60_000);
  const now = () => new Date();
  let chunks: AsyncGenerator<string>;
  if (name === 'panel.csv') {
    chunks = panelExport(
      readSide.timeline,
      readSide.relationships,
      panelFromQuery(query as RawQuery, now),
    );
  } else {
    checkKnownParameters(query, [...EXPORT_FILTER_PARAMETERS, 'knownAt']);
    const filter = filterFromQuery(query as RawQuery);
    chunks = eventExport(
      readSide.timeline,
      name as EventExportFormat,
      filter,
      knownAtFromQuery(query as RawQuery, now),
    );
  }
  const target: Writable = out ? createWriteStream(out) : process.stdout;
  for await (const chunk of chunks) {
    if (!target.write(chunk)) await once(target, 'drain');
  }
  if (out) {
    target.end();
    await once(target, 'close');
  }
}
