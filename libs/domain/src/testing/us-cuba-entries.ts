import type { Effect } from '../diplomatic-event/facts';
import { parseOccurred } from '../time/occurred';
import type { EffectEntry } from '../relationship/relationship-state';

/** Test fixture: one effect entry, its order defaulting to when it is made. */
let nextOrder = 1;
export const entry = (
  edtf: string,
  effect: Effect,
  eventId = `e-${edtf}`,
  order?: number,
): EffectEntry => ({
  effect,
  occurred: parseOccurred(edtf),
  eventId,
  title: `Event of ${edtf}`,
  order: order ?? nextOrder++,
});

const embassy = (of: string, host: string, status: 'OPERATING' | 'REDUCED' | 'CLOSED'): Effect => ({
  type: 'EMBASSY',
  of,
  in: host,
  status,
});

/**
 * US–Cuba effects as the first sample dataset recorded them, in recording order. A fixture for the
 * fold's rules, not the bundled history (which has since been corrected and extended): its
 * imprecise `2018` pause and `2022-05` resumption are kept because they exercise `certain`.
 */
export const usCubaEntries = (): EffectEntry[] => [
  entry('1961-01-03', { type: 'RELATIONS', level: 'NONE' }),
  entry('1961-01-03', embassy('USA', 'CUB', 'CLOSED')),
  entry('1961-01-03', embassy('CUB', 'USA', 'CLOSED')),
  entry('1962-02-03', { type: 'SANCTIONS', name: 'embargo', imposedBy: 'USA', status: 'ACTIVE' }),
  entry('1977-09-01', { type: 'RELATIONS', level: 'INTERESTS_SECTIONS' }),
  entry('1984-12-14', { type: 'AGREEMENT', name: '1984 migration agreement', status: 'IN_FORCE' }),
  entry('2015-05-29', {
    type: 'DESIGNATION',
    list: 'state-sponsors-of-terrorism',
    country: 'CUB',
    status: 'DELISTED',
  }),
  entry('2015-07-20', { type: 'RELATIONS', level: 'FULL' }),
  entry('2015-07-20', embassy('USA', 'CUB', 'OPERATING')),
  entry('2015-07-20', embassy('CUB', 'USA', 'OPERATING')),
  entry('2017-06-16', { type: 'SANCTIONS', name: 'embargo', imposedBy: 'USA', status: 'ACTIVE' }),
  entry('2017-09-29', embassy('USA', 'CUB', 'REDUCED')),
  entry('2017-09-29', {
    type: 'CONSULAR',
    service: 'immigrant-visas',
    providedBy: 'USA',
    status: 'SUSPENDED',
  }),
  entry('2017-10-03', embassy('CUB', 'USA', 'REDUCED')),
  entry('2018', { type: 'DIALOGUE', topic: 'migration', status: 'PAUSED', held: true }),
  entry('2021-01-11', {
    type: 'DESIGNATION',
    list: 'state-sponsors-of-terrorism',
    country: 'CUB',
    status: 'LISTED',
  }),
  entry('2022-04-21', { type: 'DIALOGUE', topic: 'migration', status: 'ACTIVE', held: true }),
  entry('2022-05', {
    type: 'CONSULAR',
    service: 'immigrant-visas',
    providedBy: 'USA',
    status: 'LIMITED',
  }),
];
