import { z } from 'zod';
import { EMAIL_MAX_LENGTH } from '../rules/email';
import { passwordFieldSchema } from '../rules/password-policy';
import { defineCall } from './define';
import { typedEmailSchema } from './journey-fields';

/**
 * Login at the kiosk, the calls of its screens. The portal's session token stays in
 * the kiosk core (main process) for the visit; the renderer only ever gets `SignedInTenant`.
 *
 * Refusals never say whether an address has an account: an unknown address and a wrong password
 * are the same `invalid_credentials`; `not_activated` comes only after a correct password.
 */

/** Reasons after the colon in `invalid_fields` (`<field>:<reason>`), per field. */
export const LOGIN_FIELD_REASONS = {
  email: ['required', 'invalid'],
  password: ['required'],
} as const;

/** What the screens may show of the signed-in tenant: to them, on the kiosk, during their visit. */
export const signedInTenantSchema = z.strictObject({
  firstName: z.string().max(200),
  email: z.string().max(EMAIL_MAX_LENGTH),
  /** The canonical 13 digits, "02…". */
  accountNumber: z.string().regex(/^\d{13}$/),
});
export type SignedInTenant = z.output<typeof signedInTenantSchema>;

export const loginCalls = {
  /** Whether someone is signed in during this visit, and who (the screen comes back to it after help pages). */
  getSession: defineCall({
    input: z.strictObject({}),
    output: z.discriminatedUnion('signedIn', [
      z.strictObject({ signedIn: z.literal(false) }),
      z.strictObject({ signedIn: z.literal(true), tenant: signedInTenantSchema }),
    ]),
  }),

  /**
   * Email + password → a portal session held by the kiosk core for the visit.
   * - invalid_credentials: unknown address or wrong password (one answer for both);
   * - not_activated: the password was right but the account waits for its activation email;
   * - account_locked: too many failures for this address, `retryAfterSeconds` until it opens again;
   * - too_many_attempts: the portal slows this kiosk down, `retryAfterSeconds`;
   * - slow_down: the kiosk itself makes the visit wait after repeated failures, `retryAfterSeconds`
   *   (also carried by the refusal that starts the wait);
   * - visit_ended: the visit was wiped while the portal answered; nothing of it is kept.
   */
  login: defineCall({
    input: z.strictObject({
      email: typedEmailSchema,
      password: z.union([z.literal(''), passwordFieldSchema]),
    }),
    output: z.strictObject({ tenant: signedInTenantSchema }),
    errors: [
      'invalid_fields',
      'invalid_credentials',
      'not_activated',
      'account_locked',
      'too_many_attempts',
      'slow_down',
      'portal_unreachable',
      'visit_ended',
    ],
  }),

  /** Ends the session: forgotten at once by the kiosk, ended at the portal as far as it answers. */
  logout: defineCall({
    input: z.strictObject({}),
    output: z.strictObject({ loggedOut: z.literal(true) }),
  }),
} as const;
