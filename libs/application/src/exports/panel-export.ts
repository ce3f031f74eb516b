import { stringify } from 'csv-stringify/sync';
import {
  daysInMonth,
  effectKey,
  keyTimeline,
  lookupCameo,
  type Effect,
  type EffectEntry,
  type KeySegment,
} from '@app/domain';
import type { RelationshipQueries, TimelineQueries } from '@app/projections';
import { CSV_OPTIONS, recordPages } from './event-export';
import type { PanelQuery } from './export-query';

interface Period {
  readonly label: string;
  readonly start: string;
  readonly end: string;
}

/** The periods of a panel: every year or month from `from` to `to`, each with its days. */
export function panelPeriods({
  every,
  from,
  to,
}: Pick<PanelQuery, 'every' | 'from' | 'to'>): Period[] {
  const periods: Period[] = [];
  let year = Number(from.slice(0, 4));
  let month = every === 'year' ? 1 : Number(from.slice(5, 7));
  const two = (n: number) => String(n).padStart(2, '0');
  // Years are written with four digits, so that days compare as text (year 998 is "0998").
  const four = (n: number) => String(n).padStart(4, '0');
  for (;;) {
    const period =
      every === 'year'
        ? { label: four(year), start: `${four(year)}-01-01`, end: `${four(year)}-12-31` }
        : {
            label: `${four(year)}-${two(month)}`,
            start: `${four(year)}-${two(month)}-01`,
            end: `${four(year)}-${two(month)}-${two(daysInMonth(year, month))}`,
          };
    if (period.start > to) return periods;
    periods.push(period);
    if (every === 'year') year += 1;
    else if (month === 12) [year, month] = [year + 1, 1];
    else month += 1;
  }
}

/** The columns of `panel.csv` for the pair A, B (docs/exports.md describes each). */
export const panelColumns = ([a, b]: readonly [string, string]) => [
  'period',
  'period_start',
  'period_end',
  'event_count',
  'quad_class_1',
  'quad_class_2',
  'quad_class_3',
  'quad_class_4',
  'goldstein_mean',
  'relations_level',
  'relations_since',
  'relations_certain',
  `embassy_${a}_in_${b}`,
  `embassy_${a}_in_${b}_since`,
  `embassy_${a}_in_${b}_certain`,
  `embassy_${b}_in_${a}`,
  `embassy_${b}_in_${a}_since`,
  `embassy_${b}_in_${a}_certain`,
  'dialogues',
  'agreements',
  'consular_services',
  'sanctions',
  'designations',
  'uncertain',
];

/**
 * One row per period of a pair: the pair's records counted by the period their date starts in
 * (by QuadClass, with the Goldstein mean of those with a CAMEO code), and the relationship as of
 * the period's last day. The relationship comes from one sweep per thing it tracks (the domain's
 * `keyTimeline`, the fold `relationship` answers with), walked forward once through the periods;
 * the records are read a page at a time, in date order, as the periods advance.
 */
export async function* panelExport(
  timeline: TimelineQueries,
  relationships: RelationshipQueries,
  panel: PanelQuery,
): AsyncGenerator<string> {
  const periods = panelPeriods(panel);
  const { between, knownAt } = panel;
  const tracks = [...groupByKey(relationships.effectEntries([...between], knownAt)).values()].map(
    (entries) => ({ segments: keyTimeline(entries), next: 0 }),
  );
  yield stringify([panelColumns(between)], CSV_OPTIONS);

  const counts = periods.map(() => ({ events: 0, quad: [0, 0, 0, 0], goldstein: 0, coded: 0 }));
  let p = 0;
  const filter = { countries: [...between], occurredFrom: panel.from, occurredTo: panel.to };
  const finished: string[][] = [];
  const flushUntil = (day: string) => {
    // A period is complete once a record starts after its end (records come in date order).
    while (p < periods.length && periods[p].end < day) {
      finished.push(panelRow(periods[p], counts[p], stateAt(tracks, periods[p].end), between));
      p += 1;
    }
  };
  for await (const records of recordPages(timeline, filter, knownAt)) {
    for (const record of records) {
      const start = record.facts.occurred.start;
      if (start < panel.from) continue;
      flushUntil(start);
      if (p >= periods.length) break;
      const count = counts[p];
      count.events += 1;
      const cameo = record.facts.cameo ? lookupCameo(record.facts.cameo) : undefined;
      if (cameo) {
        count.quad[cameo.quadClass - 1] += 1;
        count.goldstein += cameo.goldstein;
        count.coded += 1;
      }
    }
    if (finished.length) yield stringify(finished.splice(0), CSV_OPTIONS);
  }
  flushUntil('9999-99-99');
  if (finished.length) yield stringify(finished, CSV_OPTIONS);
}

const groupByKey = (entries: readonly EffectEntry[]) => {
  const groups = new Map<string, EffectEntry[]>();
  for (const entry of entries) {
    const key = effectKey(entry.effect);
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  return groups;
};

/** The segment of each tracked thing that holds on `day`; periods only move forward. */
const stateAt = (tracks: { segments: KeySegment[]; next: number }[], day: string): KeySegment[] =>
  tracks.flatMap((track) => {
    const { segments } = track;
    while (
      track.next < segments.length &&
      segments[track.next].to !== undefined &&
      segments[track.next].to! <= day
    )
      track.next += 1;
    const segment = segments[track.next];
    return segment && segment.from <= day && (segment.to === undefined || day < segment.to)
      ? [segment]
      : [];
  });

function panelRow(
  period: Period,
  count: { events: number; quad: number[]; goldstein: number; coded: number },
  state: KeySegment[],
  [a, b]: readonly [string, string],
): string[] {
  const find = (test: (e: Effect) => boolean) => state.find((s) => test(s.effect));
  const relations = find((e) => e.type === 'RELATIONS');
  const embassy = (of: string, host: string) =>
    find((e) => e.type === 'EMBASSY' && e.of === of && e.in === host);
  const cells = (s: KeySegment | undefined) =>
    s ? [valueOf(s.effect), s.setBy.since, String(s.setBy.certain)] : ['', '', ''];
  const list = (type: Effect['type']) =>
    state
      .filter((s) => s.effect.type === type)
      .map((s) => `${nameOf(s.effect)}=${valueOf(s.effect)}${s.setBy.certain ? '' : '*'}`)
      .sort()
      .join('; ');
  return [
    period.label,
    period.start,
    period.end,
    String(count.events),
    ...count.quad.map(String),
    count.coded ? String(Math.round((count.goldstein / count.coded) * 1000) / 1000) : '',
    ...cells(relations),
    ...cells(embassy(a, b)),
    ...cells(embassy(b, a)),
    list('DIALOGUE'),
    list('AGREEMENT'),
    list('CONSULAR'),
    list('SANCTIONS'),
    list('DESIGNATION'),
    String(state.some((s) => !s.setBy.certain)),
  ];
}

const valueOf = (effect: Effect): string =>
  effect.type === 'RELATIONS' ? effect.level : effect.status;

const nameOf = (effect: Effect): string => {
  switch (effect.type) {
    case 'DIALOGUE':
      return effect.topic;
    case 'AGREEMENT':
      return effect.name;
    case 'CONSULAR':
      return `${effect.service}@${effect.providedBy}`;
    case 'SANCTIONS':
      return `${effect.name}@${effect.imposedBy}`;
    case 'DESIGNATION':
      return `${effect.list}@${effect.country}`;
    case 'RELATIONS':
      return 'relations';
    case 'EMBASSY':
      return `${effect.of}@${effect.in}`;
    default: {
      const _exhaustive: never = effect;
      return _exhaustive;
    }
  }
};
