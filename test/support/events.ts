import { join } from 'node:path';
import { openSqliteEventStore } from '@app/event-store';
import type { RunningServer } from './server';

/** Every field of a diplomatic event, with its history: what the mutations below return. */
export const EVENT_FIELDS = `id revision status kind title summary occurred occurredStart occurredEnd countries
  participants { name role country } cameo { code name goldstein quadClass }
  effects { type level of in status topic held } sources { title publisher url } tags recordedBy
  history { revision changeType reason recordedBy }`;

export const RECORD = `mutation($input: RecordEventInput!) { recordEvent(input: $input) { ${EVENT_FIELDS} } }`;
export const AMEND = `mutation($input: AmendEventInput!) { amendEvent(input: $input) { ${EVENT_FIELDS} } }`;
export const RETRACT = `mutation($input: RetractEventInput!) { retractEvent(input: $input) { ${EVENT_FIELDS} } }`;

/** A record any editor may make; `overrides` replace its fields. */
export const validInput = (overrides: Record<string, unknown> = {}) => ({
  kind: 'TALKS',
  title: 'Consular talks in Ottawa',
  summary: 'Delegations met to discuss consular cooperation.',
  occurred: '2023-11-14',
  countries: ['USA', 'CAN'],
  cameo: '046',
  effects: [{ type: 'DIALOGUE', topic: 'consular-cooperation', status: 'ACTIVE', held: true }],
  sources: [{ title: 'Joint statement', publisher: 'Example Ministry', publishedOn: '2023-11-14' }],
  tags: ['consular'],
  ...overrides,
});

/** The event log's head, read through the store port from a second connection to the file. */
export async function logHead(server: RunningServer): Promise<bigint> {
  const store = openSqliteEventStore({ file: join(server.dataDir, 'events.db') });
  try {
    return await store.headPosition();
  } finally {
    await store.close();
  }
}
