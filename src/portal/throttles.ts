import type { ThrottleRule } from './security/throttle';

const rule = (maxFailures: number, windowSeconds: number, blockSeconds: number): ThrottleRule => ({
  maxFailures,
  windowSeconds,
  blockSeconds,
});

interface ThrottleSpec {
  /** The label its rows are counted under (hashed with the value it is per: security/throttle.ts). */
  key: string;
  counts: string;
  per: string;
  /** The default budget; `limits.<name>` in config.ts overrides it where the name is a config key. */
  budget: ThrottleRule | string;
  then: string;
}

/**
 * Every throttle of the portal, in one table: what it counts, per what, its default budget and
 * what the caller is answered once it is spent. Never by IP (an agency shares one). The rows live
 * in the database (security/throttle.ts), shared by every portal process. A `{kind}` in a key is
 * `activation`, `reset` or `resend` (security/address-budgets.ts). docs/portal.md « Rules » points
 * here. The labels are stored (hashed) in `throttle_events`: renaming one restarts its counts.
 */
export const THROTTLES = {
  identityPerAccount: {
    key: 'identity:acct',
    counts: 'identity check failures (also within POST /v1/registrations)',
    per: 'account number',
    budget: rule(25, 86_400, 3600),
    then: '429 too_many_attempts',
  },
  identityPerKiosk: {
    key: 'identity:kiosk',
    counts: 'identity check failures',
    per: 'kiosk',
    budget: rule(100, 86_400, 3600),
    then: '429 too_many_attempts',
  },
  loginPerEmail: {
    key: 'login:email',
    counts: 'login failures',
    per: 'email address (any)',
    budget: rule(5, 900, 900),
    then: '423 account_locked + unlockAt',
  },
  loginPerKiosk: {
    key: 'login:kiosk',
    counts: 'login failures',
    per: 'kiosk',
    budget: rule(50, 300, 120),
    then: '429 too_many_attempts',
  },
  codePerAddress: {
    key: '{kind}:code',
    counts: 'activation / reset code tries',
    per: 'email address (any)',
    budget: 'limits.codeAttempts (5) until a new email, at most 24 h',
    then: '429 too_many_attempts',
  },
  codePerKiosk: {
    key: '{kind}:code:kiosk',
    counts: 'activation / reset code tries',
    per: 'kiosk',
    budget: rule(60, 900, 600),
    then: '429 too_many_attempts',
  },
  emailCooldown: {
    key: '{kind}:cooldown',
    counts: 'activation emails (resend + registration), reset emails',
    per: 'email address (any)',
    budget: 'one per limits.resendCooldownSeconds (60 s)',
    then: '429 resend_cooldown (resend); a reset request answers 202 regardless',
  },
  emailDaily: {
    key: '{kind}:day',
    counts: 'activation emails (resend + registration), reset emails',
    per: 'email address (any)',
    budget: 'limits.resendDailyCap (5) per 24 h',
    then: '429 resend_daily_cap (resend); a reset request answers 202 regardless',
  },
  resendPerKiosk: {
    key: 'resend:kiosk',
    counts: 'activation resends (counted when a mail request is recorded)',
    per: 'kiosk',
    budget: rule(30, 3600, 3600),
    then: '429 rate_limited',
  },
  whyPerKiosk: {
    key: 'why:kiosk',
    counts: '« pourquoi ? » asks (each answer also spends one identity try)',
    per: 'kiosk',
    budget: rule(20, 86_400, 3600),
    then: '429 rate_limited',
  },
  outcomeMailPerAddress: {
    key: 'outcome:addr',
    counts: 'emails telling why a queued registration was refused',
    per: 'email address typed',
    budget: rule(3, 86_400, 86_400),
    then: 'no email (the refusal is still answered)',
  },
  outcomeMailPerKiosk: {
    key: 'outcome:kiosk',
    counts: 'emails telling why a queued registration was refused',
    per: 'kiosk',
    budget: rule(60, 3600, 3600),
    then: 'no email (the refusal is still answered)',
  },
  fleetLogin: {
    key: 'fleet:login',
    counts: 'wrong admin tokens on the fleet page',
    per: 'the whole portal',
    budget: rule(10, 900, 900),
    then: 'the sign-in page refuses every token, the right one too',
  },
} as const satisfies Record<string, ThrottleSpec>;

export type ThrottleName = keyof typeof THROTTLES;

/** The label of `name`'s rows (for `ctx.throttle.key(label, value)`), its `{kind}` filled in. */
export const throttleLabel = (name: ThrottleName, kind?: string): string => {
  const { key } = THROTTLES[name];
  if (key.includes('{kind}') !== (kind !== undefined)) throw new Error(`throttle ${name}: kind mismatch`);
  return kind === undefined ? key : key.replace('{kind}', kind);
};
