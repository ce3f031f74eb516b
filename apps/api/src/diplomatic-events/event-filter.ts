import { DomainError, parseOccurred, readCountry, type FieldIssue } from '@app/domain';
import type { TimelineFilter } from '@app/projections';
import type { EventFilter } from './graphql/filter.input';

/** Checks an `EventFilter` and turns it into the read model's terms (ISO days, upper-case codes). */
export function toTimelineFilter(filter: EventFilter | undefined, path = 'filter'): TimelineFilter {
  if (!filter) return {};
  const issues: FieldIssue[] = [];
  const countries = (filter.countries ?? []).flatMap(
    (raw, i) => readCountry(raw, `${path}.countries[${i}]`, issues) ?? [],
  );
  (filter.cameoRoots ?? []).forEach((root, i) => {
    if (!/^(0[1-9]|1[0-9]|20)$/.test(root)) {
      issues.push({ path: `${path}.cameoRoots[${i}]`, message: 'must be a two-digit CAMEO root 01-20' });
    }
  });
  (filter.quadClasses ?? []).forEach((quad, i) => {
    if (![1, 2, 3, 4].includes(quad)) {
      issues.push({ path: `${path}.quadClasses[${i}]`, message: 'must be 1, 2, 3 or 4' });
    }
  });
  const day = (value: string | undefined, field: string, edge: 'start' | 'end') => {
    if (value === undefined || value === null) return undefined;
    try {
      return parseOccurred(value, `${path}.${field}`)[edge];
    } catch (error) {
      if (error instanceof DomainError) issues.push(...error.issues);
      else throw error;
      return undefined;
    }
  };
  const occurredFrom = day(filter.occurredFrom, 'occurredFrom', 'start');
  const occurredTo = day(filter.occurredTo, 'occurredTo', 'end');
  if (issues.length) throw DomainError.invalid(issues);
  return {
    countries,
    kinds: filter.kinds ?? undefined,
    cameoRoots: filter.cameoRoots ?? undefined,
    quadClasses: filter.quadClasses ?? undefined,
    occurredFrom,
    occurredTo,
    text: filter.text ?? undefined,
    tags: filter.tags?.map((t) => t.trim().toLowerCase()),
    includeRetracted: filter.includeRetracted ?? false,
  };
}
