import { Injectable } from '@nestjs/common';
import type { ChangeView } from '@app/projections';
import { FeedEvent } from '../diplomatic-events/to-graphql';
import { toCursor } from './cursor';
import type { EventChange } from './event-change.types';

/** A change of the read model as an `EventChange`, the answer of every feed. */
export function toEventChange(change: ChangeView): EventChange {
  return {
    cursor: toCursor(change.position),
    type: change.changeType,
    event: new FeedEvent(change.record),
    recordedAt: change.recordedAt,
  };
}

/**
 * Changes as the feeds send them, each worked out once for every follower that receives it:
 * followers at the same place share the pages of one read (see ChangeFeed), so a thousand
 * subscribers of a live feed cost one mapping, not a thousand. What is kept lives as long as
 * the page or the change it came from.
 */
@Injectable()
export class EventChangeMapping {
  /**
   * Kept per page rather than per change: a backlog maps hundreds of thousands of changes, and
   * a weak entry per change is a cost of its own (measured: ~5% of a catch-up).
   */
  private readonly pages = new WeakMap<readonly ChangeView[], EventChange[]>();
  /** Each change's JSON, for HTTP followers. */
  private readonly json = new WeakMap<ChangeView, string>();

  /** A page's changes, each mapped as a subscriber takes it (a function, to be passed as is). */
  readonly ofPage = (page: readonly ChangeView[]): ((index: number) => EventChange) => {
    let mapped = this.pages.get(page);
    if (!mapped) {
      mapped = [];
      this.pages.set(page, mapped);
    }
    const changes = mapped;
    return (index) => (changes[index] ??= toEventChange(page[index]));
  };

  /** A change's JSON, as the GraphQL subscription would send it (a function, to be passed as is). */
  readonly toJson = (change: ChangeView): string => {
    let json = this.json.get(change);
    if (json === undefined) {
      json = JSON.stringify(toEventChange(change));
      this.json.set(change, json);
    }
    return json;
  };
}
