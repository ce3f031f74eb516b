import { deepEqual } from './deep-equal';

describe('deepEqual', () => {
  it.each([
    [
      { a: 1, b: [1, { c: 'x' }] },
      { b: [1, { c: 'x' }], a: 1 },
    ],
    [{ a: 1, b: undefined }, { a: 1 }],
    [[], []],
    ['x', 'x'],
  ])('%j equals %j', (a, b) => expect(deepEqual(a, b)).toBe(true));

  it.each([
    [{ a: 1 }, { a: 2 }],
    [{ a: 1 }, { a: 1, b: 2 }],
    [
      [1, 2],
      [2, 1],
    ],
    [[1], { 0: 1 }],
    [null, {}],
    [1, '1'],
  ])('%j differs from %j', (a, b) => expect(deepEqual(a, b)).toBe(false));
});
