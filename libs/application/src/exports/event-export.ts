import { stringify } from 'csv-stringify/sync';
import { lookupCameo, type EventFilterTerms } from '@app/domain';
import type { RecordView, TimelineQueries } from '@app/projections';

/**
 * CSV as researchers open it: a spreadsheet runs a cell that starts with = + - @ (a title such as
 * `=HYPERLINK(...)` recorded by anyone with an editor token), so such cells are written with a
 * leading apostrophe, which spreadsheets show as text.
 */
export const CSV_OPTIONS = { escape_formulas: true } as const;

export const EVENT_EXPORT_FORMATS = ['events.csv', 'events.ndjson', 'events.plover.jsonl'] as const;
export type EventExportFormat = (typeof EVENT_EXPORT_FORMATS)[number];

/** Records read per page: one keyset page of the timeline, then written before the next read. */
export const EXPORT_PAGE_SIZE = 500;

/**
 * The records a filter selects, current as of `knownAt`, in valid-time order, a page at a time:
 * each page is one indexed range read from where the last one stopped (the timeline's keyset
 * pages), so an export of any size holds one page in memory and never holds the database open
 * while the client is slow.
 */
export async function* recordPages(
  timeline: TimelineQueries,
  filter: EventFilterTerms,
  knownAt: string,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<readonly RecordView[]> {
  let cursor: readonly unknown[] | undefined;
  for (;;) {
    const page = timeline.page(
      filter,
      'OCCURRED_ASC',
      { size: pageSize, backwards: false, cursor },
      knownAt,
    );
    if (page.items.length > 0) yield page.items.map((item) => item.record);
    if (!page.hasNextPage) return;
    cursor = page.items[page.items.length - 1].key;
  }
}

/** The columns of `events.csv`, in order (docs/exports.md describes each). */
export const EVENT_CSV_COLUMNS = [
  'id',
  'revision',
  'status',
  'kind',
  'title',
  'occurred',
  'occurred_start',
  'occurred_end',
  'countries',
  'cameo_code',
  'cameo_name',
  'goldstein',
  'quad_class',
  'plover_event',
  'plover_mode',
  'plover_context',
  'location',
  'participants',
  'effects',
  'sources',
  'tags',
  'dataset',
  'dataset_version',
  'row_id',
  'source_url',
  'recorded_at',
  'recorded_by',
  'summary',
] as const;

const csvRow = (record: RecordView): (string | number)[] => {
  const { facts } = record;
  const cameo = facts.cameo ? lookupCameo(facts.cameo) : undefined;
  const plover = facts.plover ?? cameo?.plover;
  return [
    record.id,
    record.revision,
    record.status,
    facts.kind,
    facts.title,
    facts.occurred.edtf,
    facts.occurred.start,
    facts.occurred.end,
    facts.countries.join(';'),
    cameo?.code ?? '',
    cameo?.name ?? '',
    cameo?.goldstein ?? '',
    cameo?.quadClass ?? '',
    plover?.event ?? '',
    plover?.mode ?? '',
    plover?.context ?? '',
    facts.location ?? '',
    facts.participants
      .map((p) => [p.name, p.role, p.country].filter(Boolean).join(' | '))
      .join(';'),
    facts.effects.length ? JSON.stringify(facts.effects) : '',
    JSON.stringify(facts.sources),
    facts.tags.join(';'),
    facts.provenance?.dataset ?? '',
    facts.provenance?.version ?? '',
    facts.provenance?.rowId ?? '',
    facts.provenance?.url ?? facts.sources.find((s) => s.url)?.url ?? '',
    record.recordedAt,
    record.recordedBy ?? '',
    facts.summary,
  ];
};

/** One record as a JSON object: the GraphQL `DiplomaticEvent` fields, without `history`. */
export const eventJson = (record: RecordView) => {
  const { facts } = record;
  const cameo = facts.cameo ? lookupCameo(facts.cameo) : undefined;
  return {
    id: record.id,
    revision: record.revision,
    status: record.status,
    kind: facts.kind,
    title: facts.title,
    summary: facts.summary,
    occurred: facts.occurred.edtf,
    occurredStart: facts.occurred.start,
    occurredEnd: facts.occurred.end,
    countries: facts.countries,
    participants: facts.participants,
    location: facts.location ?? null,
    cameo: cameo
      ? {
          code: cameo.code,
          name: cameo.name,
          goldstein: cameo.goldstein,
          quadClass: cameo.quadClass,
        }
      : null,
    plover: facts.plover ?? null,
    effects: facts.effects,
    sources: facts.sources,
    tags: facts.tags,
    provenance: facts.provenance ?? null,
    recordedAt: record.recordedAt,
    recordedBy: record.recordedBy,
    updatedAt: record.updatedAt,
  };
};

/**
 * One record in PLOVER's terms: its PLOVER event, mode and context (as recorded, or else the
 * CAMEO code's PLOVER mapping), or nothing when it has neither (such records are left out).
 */
export const ploverJson = (record: RecordView) => {
  const { facts } = record;
  const cameo = facts.cameo ? lookupCameo(facts.cameo) : undefined;
  const plover = facts.plover ?? cameo?.plover;
  if (!plover) return undefined;
  return {
    id: record.id,
    date: facts.occurred.edtf,
    date_start: facts.occurred.start,
    date_end: facts.occurred.end,
    event_type: plover.event,
    mode: plover.mode ?? null,
    context: plover.context ?? null,
    countries: facts.countries,
    participants: facts.participants,
    cameo_code: cameo?.code ?? null,
    goldstein: cameo?.goldstein ?? null,
    quad_class: cameo?.quadClass ?? null,
    title: facts.title,
    source_url: facts.provenance?.url ?? facts.sources.find((s) => s.url)?.url ?? null,
    dataset: facts.provenance?.dataset ?? null,
    row_id: facts.provenance?.rowId ?? null,
  };
};

/** The export as text chunks, one per page (the header first for CSV). */
export async function* eventExport(
  timeline: TimelineQueries,
  format: EventExportFormat,
  filter: EventFilterTerms,
  knownAt: string,
): AsyncGenerator<string> {
  if (format === 'events.csv') yield stringify([[...EVENT_CSV_COLUMNS]], CSV_OPTIONS);
  for await (const records of recordPages(timeline, filter, knownAt)) {
    if (format === 'events.csv') yield stringify(records.map(csvRow), CSV_OPTIONS);
    else if (format === 'events.ndjson')
      yield records.map((r) => `${JSON.stringify(eventJson(r))}\n`).join('');
    else
      yield records
        .map(ploverJson)
        .filter((p) => p !== undefined)
        .map((p) => `${JSON.stringify(p)}\n`)
        .join('');
  }
}
