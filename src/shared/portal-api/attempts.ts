import { z } from 'zod';

/**
 * « Pourquoi ? » (issue #12): the kinds of problem staff may learn about one refused identity check
 * of an assisted visit. Kinds only: never a name, a date, an address or an account number.
 */
export const WHY_KINDS = [
  'not_found',
  'lease_ended',
  'already_active',
  'pending_activation',
  'too_many_attempts',
] as const;
export type WhyKind = (typeof WHY_KINDS)[number];

/** The opaque reference of one refused attempt: 32 random bytes, base64url. */
export const attemptRefSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'attempt reference');
