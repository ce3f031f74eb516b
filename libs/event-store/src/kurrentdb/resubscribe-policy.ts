/** How long a dropped subscription waits before subscribing again: exponential, capped, jittered. */
export interface ResubscribePolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RESUBSCRIBE_POLICY: ResubscribePolicy = {
  initialDelayMs: 100,
  maxDelayMs: 5_000,
};

/**
 * The delay before retry number `attempt` (0-based). Jitter (50–100 % of the step) keeps the
 * replicas of a cluster from all resubscribing at the same instant after a leader change.
 */
export function resubscribeDelay(
  attempt: number,
  policy: ResubscribePolicy,
  random: () => number = Math.random,
): number {
  const step = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(attempt, 30));
  return Math.round(step * (0.5 + random() / 2));
}
