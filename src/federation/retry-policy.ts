import { ParleyError } from '../errors.ts';

/** How failed deliveries are retried: exponential backoff with full jitter, then given up. */
export interface RetryPolicy {
  /** Delay cap of the first retry, in ms. */
  readonly baseMs: number;
  /** Growth of the cap per attempt. */
  readonly factor: number;
  /** The cap never exceeds this, in ms. */
  readonly maxDelayMs: number;
  /** A delivery still undelivered this long after it was enqueued is given up, in ms. */
  readonly giveUpAfterMs: number;
}

const HOUR = 3_600_000;

/** The default: 1 s, doubling, at most 15 min between attempts, given up after 72 h. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({ baseMs: 1000, factor: 2, maxDelayMs: 15 * 60_000, giveUpAfterMs: 72 * HOUR });

/** Checks and freezes a policy; throws BAD_REQUEST on a value that would never retry sensibly. */
export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  for (const key of ['baseMs', 'maxDelayMs', 'giveUpAfterMs'] as const) {
    if (!Number.isFinite(policy[key]) || policy[key] <= 0) throw new ParleyError('BAD_REQUEST', `retry policy: ${key} must be a positive number`);
  }
  if (!Number.isFinite(policy.factor) || policy.factor < 1) throw new ParleyError('BAD_REQUEST', 'retry policy: factor must be at least 1');
  if (policy.maxDelayMs < policy.baseMs) throw new ParleyError('BAD_REQUEST', 'retry policy: maxDelayMs must not be below baseMs');
  return Object.freeze(policy);
}

/** The cap of the delay after failed attempt number `attempt` (1-based): min(max, base * factor^(attempt-1)). */
export function backoffCap(policy: RetryPolicy, attempt: number): number {
  const exponent = Math.max(0, attempt - 1);
  // Past a few dozen doublings the power overflows to Infinity; the cap is reached long before.
  return Math.min(policy.maxDelayMs, policy.baseMs * policy.factor ** exponent);
}

/** What to do after a failed attempt. */
export type RetryDecision = { action: 'retry'; at: number; delayMs: number } | { action: 'give-up' };

/**
 * Full jitter (a uniform delay in [0, cap)): retries of many senders after one outage spread out instead of
 * arriving together. Gives up once `now` is `giveUpAfterMs` past enqueueing, or when the next try would be.
 */
export function afterFailure(policy: RetryPolicy, attempt: number, enqueuedAt: number, now: number, random: () => number = Math.random): RetryDecision {
  const deadline = enqueuedAt + policy.giveUpAfterMs;
  if (now >= deadline) return { action: 'give-up' };
  const r = Math.min(Math.max(random(), 0), 1);
  const delayMs = Math.floor(r * backoffCap(policy, attempt));
  // The last try happens at the deadline rather than being skipped.
  const at = Math.min(now + delayMs, deadline);
  return { action: 'retry', at, delayMs: at - now };
}
