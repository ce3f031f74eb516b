import { RecentCache } from './recent-cache';

const view = (position: number) => ({ id: `r${position}` });

describe('RecentCache', () => {
  it('returns what was stored under a position', () => {
    const cache = new RecentCache<number, { id: string }>(10);
    cache.set(1, view(1));
    expect(cache.get(1)?.id).toBe('r1');
    expect(cache.get(2)).toBeUndefined();
  });

  it('keeps entries in use and forgets the unused ones after two generations', () => {
    const cache = new RecentCache<number, { id: string }>(2);
    cache.set(1, view(1));
    cache.set(2, view(2));
    cache.set(3, view(3)); // 1 and 2 become the old generation
    expect(cache.get(1)?.id).toBe('r1'); // promoted: the young generation is full again
    cache.set(4, view(4)); // the young generation (3, 1) ages; 2 is dropped
    expect(cache.get(2)).toBeUndefined();
    expect(cache.get(1)?.id).toBe('r1');
    expect(cache.get(3)?.id).toBe('r3');
  });
});
