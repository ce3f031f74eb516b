import {
  DomainError,
  parseBetween,
  parseEventFilter,
  tryParseOccurred,
  type EventFilterTerms,
} from '@app/domain';

/** Query parameters as HTTP and the command line give them: text, a parameter maybe repeated. */
export type RawQuery = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The filter parameters of `/feeds/changes`, which the exports share, plus `knownAt`. */
export const EXPORT_FILTER_PARAMETERS = [
  'countries',
  'kinds',
  'tags',
  'cameoRoots',
  'quadClasses',
  'occurredFrom',
  'occurredTo',
  'text',
  'datasets',
] as const;

/** A comma-separated parameter, possibly repeated. */
export const listParameter = (value: string | readonly string[] | undefined) => {
  const values = (Array.isArray(value) ? value : [value]).filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
  return values.length ? values.flatMap((v) => v.split(',').map((s) => s.trim())) : undefined;
};

const single = (query: RawQuery, name: string, issues: { path: string; message: string }[]) => {
  const value = query[name];
  if (Array.isArray(value)) {
    issues.push({ path: name, message: 'must be given once' });
    return undefined;
  }
  return value === '' ? undefined : (value as string | undefined);
};

/** The checked filter of `/feeds/changes`, from its query parameters (paths unprefixed). */
export function filterFromQuery(query: RawQuery): EventFilterTerms {
  const issues: { path: string; message: string }[] = [];
  const text = single(query, 'text', issues);
  const occurredFrom = single(query, 'occurredFrom', issues);
  const occurredTo = single(query, 'occurredTo', issues);
  if (issues.length) throw DomainError.invalid(issues);
  return parseEventFilter(
    {
      countries: listParameter(query.countries),
      kinds: listParameter(query.kinds),
      tags: listParameter(query.tags),
      cameoRoots: listParameter(query.cameoRoots),
      quadClasses: listParameter(query.quadClasses)?.map((q) => (/^\d$/.test(q) ? Number(q) : q)),
      datasets: listParameter(query.datasets),
      occurredFrom,
      occurredTo,
      text,
    },
    '',
  );
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * `knownAt`, an ISO 8601 instant with its offset, or now: an export reads every page as of one
 * instant, so a write landing while it streams cannot shift or split it.
 */
export function knownAtFromQuery(query: RawQuery, now: () => Date): string {
  const issues: { path: string; message: string }[] = [];
  const raw = single(query, 'knownAt', issues);
  if (issues.length) throw DomainError.invalid(issues);
  if (raw === undefined) return now().toISOString();
  const time = INSTANT.test(raw) ? new Date(raw) : undefined;
  if (!time || Number.isNaN(time.getTime()))
    throw DomainError.invalid([
      {
        path: 'knownAt',
        message: 'must be an ISO 8601 instant with its offset, e.g. 2024-01-31T12:00:00Z',
      },
    ]);
  return time.toISOString();
}

/** Refuses parameters no export knows, naming them (a typo must not silently widen an export). */
export function checkKnownParameters(query: RawQuery, known: readonly string[]): void {
  const unknown = Object.keys(query).filter((k) => !known.includes(k));
  if (unknown.length)
    throw DomainError.invalid(
      unknown
        .slice(0, 5)
        .map((k) => ({ path: k.slice(0, 64), message: 'is not a known parameter' })),
    );
}

export const PANEL_LIMITS = { periods: 1200 } as const;
export const PANEL_INTERVALS = ['year', 'month'] as const;
export type PanelInterval = (typeof PANEL_INTERVALS)[number];

export interface PanelQuery {
  readonly between: readonly [string, string];
  readonly every: PanelInterval;
  /** First day of the first period, last day of the last (ISO days). */
  readonly from: string;
  readonly to: string;
  readonly knownAt: string;
}

/** `between=USA,CUB&every=year&from=1960&to=2022[&knownAt=…]`, each parameter checked. */
export function panelFromQuery(query: RawQuery, now: () => Date): PanelQuery {
  checkKnownParameters(query, ['between', 'every', 'from', 'to', 'knownAt']);
  const issues: { path: string; message: string }[] = [];
  let between: string[] | undefined;
  try {
    between = parseBetween(listParameter(query.between) ?? [], 'between');
    if (between.length !== 2) {
      issues.push({
        path: 'between',
        message: 'a panel is of one pair of countries: give exactly two',
      });
    }
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    issues.push(...error.issues);
  }
  const every = single(query, 'every', issues) ?? 'year';
  if (!(PANEL_INTERVALS as readonly string[]).includes(every))
    issues.push({ path: 'every', message: `must be one of ${PANEL_INTERVALS.join(', ')}` });
  const edge = (name: 'from' | 'to', side: 'start' | 'end') => {
    const raw = single(query, name, issues);
    if (raw === undefined) {
      issues.push({ path: name, message: 'is required: a year (1960) or a month (1960-05)' });
      return undefined;
    }
    const parsed = /^\d{4}(-\d{2})?$/.test(raw) ? tryParseOccurred(raw) : undefined;
    if (!parsed?.ok) {
      issues.push({ path: name, message: 'must be a year (1960) or a month (1960-05)' });
      return undefined;
    }
    return parsed.occurred[side];
  };
  const from = edge('from', 'start');
  const to = edge('to', 'end');
  if (from && to && from > to) issues.push({ path: 'to', message: 'must not be before from' });
  let knownAt: string | undefined;
  try {
    knownAt = knownAtFromQuery(query, now);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    issues.push(...error.issues);
  }
  if (issues.length || !between || !from || !to || !knownAt) throw DomainError.invalid(issues);
  const panel = {
    between: [between[0], between[1]] as const,
    every: every as PanelInterval,
    from,
    to,
    knownAt,
  };
  const count = periodCount(panel);
  if (count > PANEL_LIMITS.periods)
    throw DomainError.invalid([
      {
        path: 'to',
        message: `a panel holds at most ${PANEL_LIMITS.periods} periods; this one would hold ${count}`,
      },
    ]);
  return panel;
}

const periodCount = ({ every, from, to }: Pick<PanelQuery, 'every' | 'from' | 'to'>) => {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return every === 'year'
    ? years + 1
    : years * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
};
