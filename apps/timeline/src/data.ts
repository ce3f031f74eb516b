import { query } from './api';

export interface TimelineEvent {
  id: string;
  title: string;
  occurred: string;
  occurredStart: string;
  occurredEnd: string;
  kind: string;
  cameo: { code: string; name: string; quadClass: number; goldstein: number } | null;
  sources: { title: string; publisher: string; publishedOn: string | null; url: string | null }[];
}

export interface Change {
  date: string;
  aspect: string;
  key: string;
  to: string | null;
  since: string | null;
  certain: boolean | null;
}

export interface StatsBucket {
  period: string;
  count: number;
}

export const EVENT_FIELDS = `id title occurred occurredStart occurredEnd kind
  cameo { code name quadClass goldstein } sources { title publisher publishedOn url }`;

const EVENTS = `query($filter: EventFilter, $after: String, $knownAt: DateTime) {
  events(filter: $filter, first: 200, after: $after, knownAt: $knownAt) {
    edges { node { ${EVENT_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;

const CHANGES = `query($between: [String!]!, $after: String, $knownAt: DateTime) {
  relationshipChanges(between: $between, first: 1000, after: $after, knownAt: $knownAt) {
    date aspect key to since certain cursor } }`;

const STATS = `query($filter: EventFilter, $knownAt: DateTime) {
  eventStats(filter: $filter, interval: YEAR, knownAt: $knownAt) { period count } }`;

/** Pages are followed to the end, up to a bound: a page never waits on an endless history. */
const MAX_PAGES = 25;

export async function loadEvents(between: string[], knownAt?: string): Promise<TimelineEvent[]> {
  const events: TimelineEvent[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const data = await query<{
      events: {
        edges: { node: TimelineEvent }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    }>(EVENTS, { filter: { countries: between }, after, knownAt });
    events.push(...data.events.edges.map((e) => e.node));
    if (!data.events.pageInfo.hasNextPage || !data.events.pageInfo.endCursor) break;
    after = data.events.pageInfo.endCursor;
  }
  return events;
}

export async function loadChanges(between: string[], knownAt?: string): Promise<Change[]> {
  const changes: Change[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const data = await query<{ relationshipChanges: (Change & { cursor: string })[] }>(CHANGES, {
      between,
      after,
      knownAt,
    });
    changes.push(...data.relationshipChanges);
    if (data.relationshipChanges.length < 1000) break;
    after = data.relationshipChanges[data.relationshipChanges.length - 1].cursor;
    // A cursor carries its knownAt: later pages read the same archive.
    knownAt = undefined;
  }
  return changes;
}

export async function loadStats(between: string[], knownAt?: string): Promise<StatsBucket[]> {
  const data = await query<{ eventStats: StatsBucket[] }>(STATS, {
    filter: { countries: between },
    knownAt,
  });
  return data.eventStats;
}

export interface Choices {
  countries: { code: string; name: string; eventCount: number }[];
  dyads: { countries: string[]; eventCount: number }[];
}

export async function loadChoices(): Promise<Choices> {
  const data = await query<{
    countries: { edges: { node: Choices['countries'][number] }[] };
    dyads: Choices['dyads'];
  }>(`{ countries(first: 300) { edges { node { code name eventCount } } }
        dyads(first: 30) { countries eventCount } }`);
  return { countries: data.countries.edges.map((e) => e.node), dyads: data.dyads };
}
