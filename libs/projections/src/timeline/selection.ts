import type { Statement } from 'better-sqlite3';
import { whereClause, type TimelineFilter } from './filter';
import { candidateScopes } from './scopes';

/** Prepares (or reuses) a statement for a SQL text. */
export type PrepareStatement = (sql: string) => Statement<unknown[]>;

/** FROM and WHERE for the versions a filter selects, and the alias that carries their rows. */
export interface Selection {
  readonly alias: 'c0' | 'v';
  readonly from: string;
  readonly sql: string;
  readonly params: unknown[];
}

interface Source {
  /** The driving table alone, and joined to the version rows. */
  readonly from: string;
  readonly joined: string;
  /** The alias whose rows carry seq, tx_to, status, occurrence and position. */
  readonly alias: 'c0' | 'v';
  readonly sql: string;
  readonly params: unknown[];
  readonly checkedCountries: readonly string[];
}

/** FROM and WHERE for the versions a filter selects (see `sourceOf`). */
export function selectionOf(
  stmt: PrepareStatement,
  filter: TimelineFilter,
  knownAt?: string,
  /** The caller reads columns only the version row has (alias `v`). */
  versionRow = false,
): Selection {
  const source = sourceOf(stmt, filter);
  const where = whereClause(
    filter,
    { knownAt },
    { checkedCountries: source.checkedCountries, alias: source.alias },
  );
  return {
    alias: source.alias,
    // Conditions on the scope row alone never read a version row.
    from: where.needsVersionRow || versionRow ? source.joined : source.from,
    sql: source.sql + where.sql,
    params: [...source.params, ...where.params],
  };
}

/**
 * Where a timeline read starts. Filtered by countries, it walks the index entries of the
 * filter's rarest scope (a pair of its countries, or its one country), which hold the sort
 * keys, in order: a page of a dyad then reads about one page of entries, instead of scanning
 * versions until enough match. Countries the scope does not cover are probed on the entry.
 */
function sourceOf(stmt: PrepareStatement, filter: TimelineFilter): Source {
  const countries = [...new Set(filter.countries ?? [])];
  if (countries.length === 0) {
    return {
      from: 'event_versions v',
      joined: 'event_versions v',
      alias: 'v',
      sql: '',
      params: [],
      checkedCountries: [],
    };
  }
  const candidates = candidateScopes(countries);
  const rarest = stmt(
    `SELECT c.key AS i FROM json_each(?) c
     LEFT JOIN scope_versions n ON n.scope = c.value ORDER BY coalesce(n.versions, 0) LIMIT 1`,
  ).get(JSON.stringify(candidates.map((c) => c.scope))) as { i: number };
  const driver = candidates[rarest.i];
  const others = countries.filter((c) => !driver.covers.includes(c));
  const othersSql = others
    .map(
      () => 'EXISTS (SELECT 1 FROM version_scopes cx WHERE cx.scope = ? AND cx.seq = c0.seq) AND ',
    )
    .join('');
  return {
    from: 'version_scopes c0',
    // CROSS JOIN keeps the planner on the driving scope's index.
    joined: 'version_scopes c0 CROSS JOIN event_versions v ON v.seq = c0.seq',
    alias: 'c0',
    sql: `c0.scope = ? AND ${othersSql}`,
    params: [driver.scope, ...others],
    // Every filter country is guaranteed by the driving scope or its probes.
    checkedCountries: countries,
  };
}
