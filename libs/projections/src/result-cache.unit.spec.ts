import { ResultCache } from './result-cache';

describe('ResultCache', () => {
  let checkpoint: bigint;
  let computed: number;
  const compute = () => ++computed;

  beforeEach(() => {
    checkpoint = 10n;
    computed = 0;
  });

  it('reuses an answer while the checkpoint stays, recomputes once it moves', () => {
    const cache = new ResultCache(() => checkpoint, 10);
    expect(cache.get('a', compute)).toBe(1);
    expect(cache.get('a', compute)).toBe(1);
    expect(cache.get('b', compute)).toBe(2);
    checkpoint = 11n;
    expect(cache.get('a', compute)).toBe(3);
    expect(cache.get('b', compute)).toBe(4);
  });

  it('drops the oldest entry past its capacity', () => {
    const cache = new ResultCache(() => checkpoint, 2);
    cache.get('a', compute);
    cache.get('b', compute);
    cache.get('c', compute);
    expect(cache.get('b', compute)).toBe(2);
    expect(cache.get('a', compute)).toBe(4);
  });

  it('peeks only at answers of the current checkpoint', () => {
    const cache = new ResultCache(() => checkpoint, 10);
    expect(cache.peek('a')).toBeUndefined();
    cache.get('a', compute);
    expect(cache.peek('a')).toBe(1);
    checkpoint = 11n;
    expect(cache.peek('a')).toBeUndefined();
  });

  it('computes every time with a capacity of 0', () => {
    const cache = new ResultCache(() => checkpoint, 0);
    expect(cache.get('a', compute)).toBe(1);
    expect(cache.get('a', compute)).toBe(2);
  });

  it('shares one pending computation and forgets a rejected one', async () => {
    const cache = new ResultCache(() => checkpoint, 10);
    let calls = 0;
    const failing = () => {
      calls += 1;
      return Promise.reject(new Error('read failed'));
    };
    const first = cache.get('a', failing);
    const second = cache.get('a', failing);
    expect(second).toBe(first);
    await expect(first).rejects.toThrow('read failed');
    await expect(cache.get('a', () => Promise.resolve('ok'))).resolves.toBe('ok');
    expect(calls).toBe(1);
  });
});
