import {
  AccessDeniedError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  StreamNotFoundError as ClientStreamNotFoundError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { ConcurrencyError, InvalidEventError, StreamNotFoundError } from '../errors';
import { isTransientError, toAppendError, toReadStreamError } from './vendor-errors';

describe('toAppendError', () => {
  it('turns a wrong expected version into a ConcurrencyError with stream, expected and actual', () => {
    const vendor = new WrongExpectedVersionError(undefined, {
      streamName: 'DiplomaticEvent-1',
      expected: 3n,
      current: 5n,
    });
    const error = toAppendError(vendor, 'DiplomaticEvent-1', 3);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ stream: 'DiplomaticEvent-1', expected: 3, actual: 5 });
  });

  it('reports a missing stream as no_stream, however the server spells it', () => {
    for (const current of ['no_stream', -1n] as const) {
      const vendor = new WrongExpectedVersionError(undefined, {
        streamName: 's',
        expected: 'stream_exists',
        current,
      });
      expect(toAppendError(vendor, 's', 'stream_exists')).toMatchObject({
        expected: 'stream_exists',
        actual: 'no_stream',
      });
    }
  });

  it("turns the server's append size limit into an InvalidEventError on events", () => {
    const error = toAppendError(
      MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576),
      's',
      'any',
    );
    expect(error).toBeInstanceOf(InvalidEventError);
    expect(error).toMatchObject({ field: 'events' });
    expect((error as Error).message).toContain('1048576');
  });

  it('leaves other failures as they are', () => {
    const unavailable = new UnavailableError();
    expect(toAppendError(unavailable, 's', 'any')).toBe(unavailable);
  });
});

describe('toReadStreamError', () => {
  it('turns a missing or deleted stream into StreamNotFoundError', () => {
    for (const vendor of [
      new ClientStreamNotFoundError(undefined, 'DiplomaticEvent-9'),
      StreamDeletedError.fromStreamName('DiplomaticEvent-9'),
    ]) {
      const error = toReadStreamError(vendor, 'DiplomaticEvent-9');
      expect(error).toBeInstanceOf(StreamNotFoundError);
      expect(error).toMatchObject({ stream: 'DiplomaticEvent-9' });
    }
  });

  it('leaves other failures as they are', () => {
    const denied = new AccessDeniedError();
    expect(toReadStreamError(denied, 's')).toBe(denied);
  });
});

describe('isTransientError', () => {
  it('retries a lost connection, a timeout or an unknown server failure', () => {
    expect(isTransientError(new UnavailableError())).toBe(true);
    expect(isTransientError(new DeadlineExceededError())).toBe(true);
    expect(isTransientError(new UnknownError())).toBe(true);
  });

  it('retries raw gRPC failures by status code', () => {
    expect(isTransientError(Object.assign(new Error('UNAVAILABLE'), { code: 14 }))).toBe(true);
    expect(isTransientError(Object.assign(new Error('ABORTED'), { code: 10 }))).toBe(true);
    expect(isTransientError(Object.assign(new Error('PERMISSION_DENIED'), { code: 7 }))).toBe(
      false,
    );
  });

  it('does not retry access denied or errors of our own', () => {
    expect(isTransientError(new AccessDeniedError())).toBe(false);
    expect(isTransientError(new RangeError('bad revision'))).toBe(false);
    expect(isTransientError(undefined)).toBe(false);
  });
});
