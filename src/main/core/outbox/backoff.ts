import type { PortalCallError } from '../portal-client/client';

export interface BackoffPolicy {
  /** The ceiling of the first wait; it doubles with each attempt of the row… */
  baseMs: number;
  /** …up to this cap. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 5 * 60_000 };

/**
 * Exponential backoff with full jitter: a wait drawn uniformly in [0, min(cap, base·2^(n-1))], so
 * many kiosks coming back together do not knock on the portal in step.
 */
export const backoffMs = (policy: BackoffPolicy, attempts: number, random: () => number = Math.random): number =>
  Math.round(random() * Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1)));

/**
 * Codes worth another try later: the portal or the link could not answer, the kiosk is not
 * enrolled yet, another try with the same key is still running, or the kiosk itself is rate
 * limited. Every other code is the portal's decision about this row (email taken since, identity
 * not found, throttled identity checks, a retired sealing key…): recorded and never retried.
 */
const TRANSIENT = new Set<PortalCallError['code']>([
  'unreachable',
  'bad_answer',
  'not_enrolled',
  'kiosk_unauthorized',
  // A revoked kiosk keeps its rows as they are until a new enrolment (the kiosk stops sending meanwhile).
  'kiosk_revoked',
  'internal',
  'idempotency_in_progress',
  'rate_limited',
]);

export type Verdict = { retry: false } | { retry: true; afterMs: number | null };

/** Whether a failed delivery is tried again, and when when the portal said so (Retry-After). */
export function verdictOf(error: PortalCallError): Verdict {
  const transient = TRANSIENT.has(error.code) || (error.status !== undefined && error.status >= 500);
  if (!transient) return { retry: false };
  return { retry: true, afterMs: error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : null };
}
