import { START, type Position, type ReadPosition } from '@kurrent/kurrentdb-client';
import type { GlobalPosition } from '../event-store.port';

/**
 * KurrentDB orders `$all` by (commit, prepare). Every event written through the gRPC API is its
 * own committed record, so its commit and prepare positions are equal: the log position of the
 * record, unique and strictly increasing along `$all`. That single number is our GlobalPosition.
 * Only events written inside legacy explicit transactions (the removed TCP API) share a commit
 * position; such a log cannot be given strictly increasing 64-bit positions, so it is refused
 * rather than risking a projection skipping events after a restart.
 */
export function toGlobalPosition(position: Position): GlobalPosition {
  if (position.commit !== position.prepare) {
    throw new Error(
      `Unsupported $all position (commit ${position.commit}, prepare ${position.prepare}): ` +
        'events from legacy explicit transactions are not supported by this adapter',
    );
  }
  return position.commit;
}

/** The client position of an event whose GlobalPosition is `position`. */
export function toPosition(position: GlobalPosition): Position {
  return { commit: position, prepare: position };
}

/**
 * Where to start reading `$all` to see the events after `after`. `$all` reads are inclusive of
 * their start, so the caller drops the event sitting exactly at `after` (see `isAfter`).
 */
export function toReadPosition(after: GlobalPosition): ReadPosition {
  return after === 0n ? START : toPosition(after);
}

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

export function isAfter(position: Position, after: Position | undefined): boolean {
  return after === undefined || comparePositions(position, after) > 0;
}

interface PositionedEvent {
  readonly event?: { readonly position?: Position };
  readonly commitPosition?: bigint;
}

/** The `$all` position of a read or delivered event; servers before 22.6 omit it on stream reads. */
export function positionOf(resolved: PositionedEvent): Position | undefined {
  if (resolved.event?.position) return resolved.event.position;
  if (resolved.commitPosition !== undefined) {
    return { commit: resolved.commitPosition, prepare: resolved.commitPosition };
  }
  return undefined;
}

/** As `positionOf`, for results that must carry a position. */
export function requirePosition(resolved: PositionedEvent): Position {
  const position = positionOf(resolved);
  if (!position) {
    throw new Error(
      'The server returned an event without its $all position (KurrentDB or EventStoreDB 22.10+ is required)',
    );
  }
  return position;
}
