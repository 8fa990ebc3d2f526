import type { RetryObject } from 'got';

export interface RetryPolicy {
  /** Retries after the first try. */
  limit: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { limit: 2, baseDelayMs: 250, maxDelayMs: 2_000 };

/** Statuses worth another try: the portal or a proxy in front of it was briefly unable to answer. */
export const RETRY_STATUSES = [408, 409, 500, 502, 503, 504];

/** A 409 is retried only when the first request with the same Idempotency-Key is still running. */
const stillRunning = (error: RetryObject['error']): boolean => {
  const body = error.response?.body;
  if (typeof body !== 'string') return false;
  try {
    return (JSON.parse(body) as { error?: { code?: unknown } }).error?.code === 'idempotency_in_progress';
  } catch {
    return false;
  }
};

/**
 * got's computedValue is 0 when its own rules (methods, statuses, error codes, limit) refuse a
 * retry, and we keep that refusal. Otherwise: exponential backoff with full jitter, short enough
 * for a person waiting at the kiosk, never past the portal's Retry-After.
 */
export const calculateDelay =
  (policy: RetryPolicy, random: () => number = Math.random) =>
  ({ computedValue, attemptCount, error }: Pick<RetryObject, 'computedValue' | 'attemptCount' | 'error'>): number => {
    if (computedValue === 0) return 0;
    if (error.response?.statusCode === 409 && !stillRunning(error)) return 0;
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attemptCount - 1));
    const delay = Math.max(1, Math.round(ceiling / 2 + (random() * ceiling) / 2));
    return Math.min(delay, computedValue);
  };
