import { ANY, NO_STREAM, STREAM_EXISTS } from '@kurrent/kurrentdb-client';
import { toActualRevision, toRevision, toStreamState } from './revisions';

describe('toStreamState', () => {
  it.each([
    ['any', ANY],
    ['no_stream', NO_STREAM],
    ['stream_exists', STREAM_EXISTS],
  ] as const)('maps %s to the client constant', (expected, state) => {
    expect(toStreamState(expected)).toBe(state);
  });

  it('maps a revision to a bigint revision', () => {
    expect(toStreamState(0)).toBe(0n);
    expect(toStreamState(41)).toBe(41n);
  });
});

describe('toRevision', () => {
  it('converts a bigint revision to a number', () => {
    expect(toRevision(0n)).toBe(0);
    expect(toRevision(123n)).toBe(123);
  });

  it('refuses revisions a number cannot hold exactly, and negative ones', () => {
    expect(() => toRevision(2n ** 53n)).toThrow(RangeError);
    expect(() => toRevision(-1n)).toThrow(RangeError);
  });
});

describe('toActualRevision', () => {
  it('keeps no_stream, and reads negative server revisions as no stream', () => {
    expect(toActualRevision(NO_STREAM)).toBe('no_stream');
    expect(toActualRevision(-1n)).toBe('no_stream');
  });

  it('converts an existing revision', () => {
    expect(toActualRevision(7n)).toBe(7);
  });
});
