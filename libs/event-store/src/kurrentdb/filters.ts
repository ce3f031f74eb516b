import { eventTypeFilter, streamNameFilter, type Filter } from '@kurrent/kurrentdb-client';
import type { SubscriptionFilter } from '../event-store.port';

/** Every event whose type does not start with `$`: the server-side half of excluding system events. */
export const USER_EVENT_TYPES = '^[^$]';

export function userEventsFilter(): Filter {
  return eventTypeFilter({ regex: USER_EVENT_TYPES });
}

/** Escapes a literal for a .NET regular expression (the server's regex dialect). */
export function escapeRegex(literal: string): string {
  return literal.replace(/[\\^$.|?*+()[\]{}#\s-]/g, (c) => `\\${c}`);
}

/** A regex matching exactly these event types, and never a system type. */
export function exactTypesRegex(types: readonly string[]): string {
  return `^(?:${types.map(escapeRegex).join('|')})$`;
}

function hasItems(list: readonly string[] | undefined): list is readonly string[] {
  return list !== undefined && list.length > 0;
}

/**
 * The filter sent to the server. It can filter on one property only, so stream prefixes win when
 * both are given; `matchesFilter` then applies the whole filter exactly on the client.
 */
export function toServerFilter(filter: SubscriptionFilter | undefined): Filter {
  if (hasItems(filter?.streamPrefixes))
    return streamNameFilter({ prefixes: [...filter.streamPrefixes] });
  if (hasItems(filter?.eventTypes))
    return eventTypeFilter({ regex: exactTypesRegex(filter.eventTypes) });
  return userEventsFilter();
}

/** An absent or empty list does not restrict. */
export function matchesFilter(
  event: { readonly stream: string; readonly type: string },
  filter: SubscriptionFilter | undefined,
): boolean {
  const prefixes = filter?.streamPrefixes;
  const types = filter?.eventTypes;
  if (hasItems(prefixes) && !prefixes.some((prefix) => event.stream.startsWith(prefix)))
    return false;
  if (hasItems(types) && !types.includes(event.type)) return false;
  return true;
}
