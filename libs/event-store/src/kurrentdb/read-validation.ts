import { InvalidEventError } from '../errors';
import type { ReadStreamOptions, SubscribeToAllOptions } from '../event-store.port';
import { checkStreamName } from '../validate-append';

/**
 * KurrentDB reserves names and types starting with `$` for its own streams and events, and the
 * adapter hides those from every read: an application event there would vanish from `$all`.
 */
export function checkUserStream(
  stream: unknown,
  events: readonly { readonly type: string }[] = [],
): asserts stream is string {
  checkStreamName(stream);
  if (stream.startsWith('$')) {
    throw new InvalidEventError('stream', 'must not start with "$" (reserved for system streams)');
  }
  events.forEach((event, index) => {
    if (event.type.startsWith('$')) {
      throw new InvalidEventError(
        `events[${index}].type`,
        'must not start with "$" (reserved for system events)',
      );
    }
  });
}

export function checkCount(field: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidEventError(field, 'must be an integer >= 0');
  }
}

export function checkGlobalPosition(field: string, value: unknown): void {
  if (typeof value !== 'bigint' || value < 0n) {
    throw new InvalidEventError(field, 'must be a global position (a bigint >= 0)');
  }
}

export function checkReadStreamOptions(options: ReadStreamOptions): void {
  if (options.fromRevision !== undefined) checkCount('fromRevision', options.fromRevision);
  if (options.maxCount !== undefined) checkCount('maxCount', options.maxCount);
  if (
    options.direction !== undefined &&
    options.direction !== 'forwards' &&
    options.direction !== 'backwards'
  ) {
    throw new InvalidEventError('direction', "must be 'forwards' or 'backwards'");
  }
}

export function checkSubscribeOptions(options: SubscribeToAllOptions): void {
  if (options.fromPosition !== undefined && options.fromPosition !== 'end') {
    checkGlobalPosition('fromPosition', options.fromPosition);
  }
  for (const field of ['streamPrefixes', 'eventTypes'] as const) {
    const list: unknown = options.filter?.[field];
    if (list === undefined) continue;
    if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
      throw new InvalidEventError(`filter.${field}`, 'must be a list of strings');
    }
  }
}
