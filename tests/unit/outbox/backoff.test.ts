import { describe, expect, it } from 'vitest';
import { backoffMs, DEFAULT_BACKOFF, verdictOf } from '../../../src/main/core/outbox/backoff';

describe('outbox backoff and verdicts', () => {
  it('full jitter: a wait between 0 and a ceiling that doubles per attempt up to the cap', () => {
    const policy = { baseMs: 1_000, capMs: 60_000 };
    expect(backoffMs(policy, 1, () => 0)).toBe(0);
    expect(backoffMs(policy, 1, () => 0.999_999)).toBe(1_000);
    expect(backoffMs(policy, 4, () => 0.999_999)).toBe(8_000);
    expect(backoffMs(policy, 30, () => 0.999_999)).toBe(60_000);
    expect(backoffMs(policy, 4, () => 0.5)).toBe(4_000);
    const draws = Array.from({ length: 500 }, () => backoffMs(DEFAULT_BACKOFF, 3));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThanOrEqual(DEFAULT_BACKOFF.baseMs * 4);
    expect(new Set(draws).size).toBeGreaterThan(100);
  });

  it('retries what the link or the portal could not do, never what the portal decided', () => {
    for (const code of ['unreachable', 'internal', 'idempotency_in_progress', 'not_enrolled', 'bad_answer'] as const)
      expect(verdictOf({ code }).retry, code).toBe(true);
    expect(verdictOf({ code: 'internal', status: 503 })).toEqual({ retry: true, afterMs: null });
    expect(verdictOf({ code: 'rate_limited', status: 429, retryAfterSeconds: 7 })).toEqual({
      retry: true,
      afterMs: 7_000,
    });
    for (const code of [
      'email_in_use',
      'identity_not_found',
      'already_registered',
      'too_many_attempts',
      'weak_password',
      'sealing_key_retired',
      'invalid_code',
      'sealed_payload_invalid',
      'idempotency_key_reused',
    ] as const)
      expect(verdictOf({ code, status: 409 }).retry, code).toBe(false);
  });
});
