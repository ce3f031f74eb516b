import type { EventFilterTerms } from '@app/domain';
import { CURRENT } from './schema';

/** A validated, normalised `EventFilter`: the domain's checked terms (days are ISO `YYYY-MM-DD`). */
export type TimelineFilter = EventFilterTerms;

export interface SqlPart {
  readonly sql: string;
  readonly params: unknown[];
}

/**
 * Turns free text into an FTS5 query of prefix terms that must all match. User text never
 * reaches FTS5 syntax, so quotes, `NEAR` or `*` in input cannot cause a syntax error.
 */
export function ftsQuery(text: string): string | undefined {
  const words = text.match(/[\p{L}\p{N}]+/gu);
  if (!words) return undefined;
  return words.map((w) => `"${w}"*`).join(' ');
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * Which versions a query sees: the current ones, those current at an instant, or every version
 * (a change feed, where each version is one change and a retraction must reach subscribers).
 */
export type VersionScope = { readonly knownAt?: string } | 'all-versions';

export interface WhereOptions {
  /** Countries the caller's driving index already guarantees: left out. */
  readonly checkedCountries?: readonly string[];
  /**
   * The table alias that provides seq, tx_to, status, occurred_start and occurred_end (a scope
   * row carries them too, so a filter on them alone never reads the version row).
   */
  readonly alias?: string;
}

export interface WhereClause extends SqlPart {
  /** Whether a condition needs a column only the version row has. */
  readonly needsVersionRow: boolean;
}

/** The WHERE clause for versions in scope that match the filter. */
export function whereClause(
  filter: TimelineFilter,
  scope: VersionScope = {},
  options: WhereOptions = {},
): WhereClause {
  const a = options.alias ?? 'v';
  const checked = options.checkedCountries ?? [];
  const clauses: string[] = [];
  const params: unknown[] = [];
  let needsVersionRow = false;
  if (scope === 'all-versions') {
    clauses.push('1');
  } else if (scope.knownAt) {
    clauses.push(`v.tx_from <= ? AND ${a}.tx_to > ?`);
    params.push(scope.knownAt, scope.knownAt);
    needsVersionRow = true;
  } else {
    clauses.push(`${a}.tx_to = '${CURRENT}'`);
  }
  if (!filter.includeRetracted && scope !== 'all-versions') clauses.push(`${a}.status = 'ACTIVE'`);
  const anyOf = (column: string, values?: readonly unknown[]) => {
    if (!values?.length) return;
    clauses.push(`${column} IN (${placeholders(values.length)})`);
    params.push(...values);
    needsVersionRow = true;
  };
  anyOf('v.kind', filter.kinds);
  anyOf('v.cameo_root', filter.cameoRoots);
  anyOf('v.quad_class', filter.quadClasses);
  anyOf('v.dataset', filter.datasets);
  if (filter.occurredFrom) {
    clauses.push(`${a}.occurred_end >= ?`);
    params.push(filter.occurredFrom);
  }
  if (filter.occurredTo) {
    clauses.push(`${a}.occurred_start <= ?`);
    params.push(filter.occurredTo);
  }
  for (const country of new Set(filter.countries ?? [])) {
    if (checked.includes(country)) continue;
    clauses.push(`EXISTS (SELECT 1 FROM version_scopes c WHERE c.scope = ? AND c.seq = ${a}.seq)`);
    params.push(country);
  }
  if (filter.tags?.length) {
    clauses.push(
      `EXISTS (SELECT 1 FROM version_tags t WHERE t.seq = ${a}.seq AND t.tag IN (${placeholders(filter.tags.length)}))`,
    );
    params.push(...filter.tags);
  }
  if (filter.text !== undefined) {
    const match = ftsQuery(filter.text);
    // Text with no word in it matches nothing rather than everything.
    if (!match) clauses.push('0');
    else {
      clauses.push(`${a}.seq IN (SELECT rowid FROM version_text WHERE version_text MATCH ?)`);
      params.push(match);
    }
  }
  return { sql: clauses.join(' AND '), params, needsVersionRow };
}
