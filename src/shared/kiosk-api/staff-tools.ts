import { z } from 'zod';
import { LANGUAGES } from '../locale';
import { WHY_KINDS } from '../portal-api/attempts';
import { defineCall } from './define';
import { seconds, typedEmailSchema } from './journey-fields';

/**
 * Tools for a tenant standing at the kiosk (issue #12 item 3). None of them says whether an address
 * or an identity has an account: the resends answer alike for any address, and « pourquoi ? » gives
 * the kind of problem of the visit's own refused attempt only.
 */
const RESEND_REFUSALS = ['resend_cooldown', 'resend_daily_cap', 'cooldown', 'portal_unreachable'] as const;

export const staffToolCalls = {
  /**
   * From the staff panel (a live staff session): a new activation email for the address typed.
   * `accepted` whatever the address (the portal sends only to a pending account); `queued`: saved,
   * sent when the portal answers again. resend_cooldown: one was asked for this address within the
   * portal's interval (`retryAfterSeconds`), for any address alike.
   */
  staffResendActivation: defineCall({
    input: z.strictObject({ email: typedEmailSchema, language: z.enum(LANGUAGES).optional() }),
    output: z.strictObject({ accepted: z.literal(true), queued: z.boolean() }),
    errors: ['staff_locked', 'invalid_fields', ...RESEND_REFUSALS],
  }),

  /**
   * On the login screen after `not_activated`: a new activation email to the address the tenant
   * typed there (held by the kiosk core, never sent back by the screen). no_address: no login of
   * this visit was answered `not_activated`.
   */
  loginResendActivation: defineCall({
    input: z.strictObject({ language: z.enum(LANGUAGES).optional() }),
    output: z.strictObject({ queued: z.boolean(), resendAvailableInSeconds: seconds }),
    errors: ['no_address', ...RESEND_REFUSALS],
  }),

  /**
   * « Pourquoi ? » in an assisted registration, after step 1 was refused: the kind of problem of that
   * attempt, asked once. why_not_assisted: not an assisted visit; why_no_attempt: no refused
   * attempt to ask about (none yet, already asked, or a later attempt); why_refused: the portal
   * would not say (expired, another kiosk's); why_limit: this kiosk asked too often today.
   */
  assistedWhy: defineCall({
    input: z.strictObject({}),
    output: z.strictObject({ kind: z.enum(WHY_KINDS) }),
    errors: ['why_not_assisted', 'why_no_attempt', 'why_refused', 'why_limit', 'portal_unreachable'],
  }),
} as const;
