import { START } from '@kurrent/kurrentdb-client';
import {
  comparePositions,
  isAfter,
  positionOf,
  requirePosition,
  toGlobalPosition,
  toPosition,
  toReadPosition,
} from './positions';

describe('positions', () => {
  it('exposes the commit position of a self-committed event', () => {
    expect(toGlobalPosition({ commit: 4_294_967_296_123n, prepare: 4_294_967_296_123n })).toBe(
      4_294_967_296_123n,
    );
  });

  it('refuses events of legacy explicit transactions, whose positions would not be unique', () => {
    expect(() => toGlobalPosition({ commit: 900n, prepare: 700n })).toThrow(
      /explicit transactions/,
    );
  });

  it('maps a global position back to the client position it came from', () => {
    const position = { commit: 1234n, prepare: 1234n };
    expect(toPosition(toGlobalPosition(position))).toEqual(position);
  });

  it('reads from the start of $all for START, else from the checkpoint itself', () => {
    expect(toReadPosition(0n)).toBe(START);
    expect(toReadPosition(5150n)).toEqual({ commit: 5150n, prepare: 5150n });
  });

  it('orders by commit, then by prepare', () => {
    expect(comparePositions({ commit: 1n, prepare: 9n }, { commit: 2n, prepare: 0n })).toBe(-1);
    expect(comparePositions({ commit: 2n, prepare: 5n }, { commit: 2n, prepare: 3n })).toBe(1);
    expect(comparePositions({ commit: 2n, prepare: 3n }, { commit: 2n, prepare: 3n })).toBe(0);
  });

  it('tells whether a position is strictly after another, anything being after nothing', () => {
    expect(isAfter({ commit: 10n, prepare: 10n }, undefined)).toBe(true);
    expect(isAfter({ commit: 10n, prepare: 10n }, { commit: 10n, prepare: 10n })).toBe(false);
    expect(isAfter({ commit: 11n, prepare: 11n }, { commit: 10n, prepare: 10n })).toBe(true);
  });

  it("takes an event's own position, falling back to the commit position", () => {
    const own = { commit: 7n, prepare: 7n };
    expect(positionOf({ event: { position: own }, commitPosition: 3n })).toBe(own);
    expect(positionOf({ event: {}, commitPosition: 3n })).toEqual({ commit: 3n, prepare: 3n });
    expect(positionOf({ event: {} })).toBeUndefined();
  });

  it('insists on a position where the adapter needs one', () => {
    expect(requirePosition({ commitPosition: 9n })).toEqual({ commit: 9n, prepare: 9n });
    expect(() => requirePosition({ event: {} })).toThrow(/22\.10/);
  });
});
