import { InvalidEventError } from '../errors';
import {
  checkGlobalPosition,
  checkReadStreamOptions,
  checkSubscribeOptions,
  checkUserStream,
} from './read-validation';

function fieldOf(action: () => void): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof InvalidEventError) return error.field;
    throw error;
  }
  return undefined;
}

describe('checkUserStream', () => {
  it('accepts an application stream and event types', () => {
    expect(
      fieldOf(() => checkUserStream('DiplomaticEvent-1', [{ type: 'Recorded' }])),
    ).toBeUndefined();
  });

  it('refuses names and types reserved for the server', () => {
    expect(fieldOf(() => checkUserStream('$stats'))).toBe('stream');
    expect(fieldOf(() => checkUserStream('s', [{ type: 'ok' }, { type: '$metadata' }]))).toBe(
      'events[1].type',
    );
  });

  it('applies the shared stream name rules', () => {
    expect(fieldOf(() => checkUserStream('  '))).toBe('stream');
    expect(fieldOf(() => checkUserStream('x'.repeat(256)))).toBe('stream');
  });
});

describe('read options', () => {
  it('refuses negative or fractional revisions and counts', () => {
    expect(fieldOf(() => checkReadStreamOptions({ fromRevision: -1 }))).toBe('fromRevision');
    expect(fieldOf(() => checkReadStreamOptions({ maxCount: 1.5 }))).toBe('maxCount');
    expect(fieldOf(() => checkReadStreamOptions({ fromRevision: 0, maxCount: 0 }))).toBeUndefined();
  });

  it('refuses a direction it does not know', () => {
    expect(fieldOf(() => checkReadStreamOptions({ direction: 'sideways' as 'forwards' }))).toBe(
      'direction',
    );
  });

  it('requires positions to be bigints >= 0', () => {
    expect(fieldOf(() => checkGlobalPosition('fromPosition', -1n))).toBe('fromPosition');
    expect(fieldOf(() => checkGlobalPosition('fromPosition', 5))).toBe('fromPosition');
    expect(fieldOf(() => checkGlobalPosition('fromPosition', 0n))).toBeUndefined();
  });

  it('checks subscription positions and filters', () => {
    expect(fieldOf(() => checkSubscribeOptions({ fromPosition: 'end' }))).toBeUndefined();
    expect(fieldOf(() => checkSubscribeOptions({ fromPosition: -5n }))).toBe('fromPosition');
    expect(
      fieldOf(() =>
        checkSubscribeOptions({ filter: { eventTypes: 'Recorded' as unknown as string[] } }),
      ),
    ).toBe('filter.eventTypes');
  });
});
