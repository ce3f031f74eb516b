import { syntheticHistory } from '@app/domain/testing/synthetic-history';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * A dataset file of `count` records in the import format (one `recordEvent` command per line),
 * made from the synthetic history: what `cli import` reads.
 */
export async function writeDatasetFile(file: string, count: number, seed: number): Promise<void> {
  const out = createWriteStream(file);
  for (const { event } of syntheticHistory({ count, seed, changeRate: 0 })) {
    if (event.type !== 'DiplomaticEventRecorded') continue;
    const { eventId, occurred, ...facts } = event.data;
    const line = JSON.stringify({
      command: 'recordEvent',
      input: { id: eventId, ...facts, occurred: occurred.edtf },
    });
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
