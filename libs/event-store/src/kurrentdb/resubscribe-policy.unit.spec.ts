import { DEFAULT_RESUBSCRIBE_POLICY, resubscribeDelay } from './resubscribe-policy';

describe('resubscribeDelay', () => {
  const policy = { initialDelayMs: 100, maxDelayMs: 2_000 };

  it('doubles from the initial delay and never passes the cap', () => {
    const full = () => 1;
    expect(
      [0, 1, 2, 3, 4, 5, 50, 5000].map((attempt) => resubscribeDelay(attempt, policy, full)),
    ).toEqual([100, 200, 400, 800, 1600, 2000, 2000, 2000]);
  });

  it('jitters between half and all of the step', () => {
    expect(resubscribeDelay(3, policy, () => 0)).toBe(400);
    expect(resubscribeDelay(3, policy, () => 0.5)).toBe(600);
  });

  it('has a bounded default', () => {
    expect(resubscribeDelay(1_000, DEFAULT_RESUBSCRIBE_POLICY)).toBeLessThanOrEqual(
      DEFAULT_RESUBSCRIBE_POLICY.maxDelayMs,
    );
  });
});
