import { parseEventFilter } from '@app/domain';
import type { TimelineFilter } from '@app/projections';
import type { EventFilter } from './graphql/filter.input';

/**
 * Checks an `EventFilter` and turns it into the read model's terms (ISO days, upper-case codes).
 * The check is the domain's `parseEventFilter`, the same the HTTP feed applies to its query
 * parameters, so a filter is refused alike wherever it comes from.
 */
export function toTimelineFilter(filter: EventFilter | undefined, path = 'filter'): TimelineFilter {
  return parseEventFilter(filter, path);
}
