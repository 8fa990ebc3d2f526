import { z } from 'zod';
import { LANGUAGES } from '../locale';
import { PASSWORD_RULES, passwordFieldSchema } from '../rules/password-policy';
import { defineCall } from './define';
import {
  cancelJourneyCall,
  captchaFields,
  emailCodeSchema,
  FLOW_ERRORS,
  journeySnapshotFields,
  seconds,
  startJourneyCall,
  typedEmailSchema,
} from './journey-fields';

/**
 * Forgotten password at the kiosk, the calls of its screens. The flow lives in the
 * kiosk core, one per visit; the renderer only learns the step it is at and the masked address.
 *
 * Anti-enumeration: `requestReset` answers the same whether or not the address has an account
 * (the portal sends an email only when it has one), and a code typed for an address without an
 * account is simply `code_wrong`. Nothing the kiosk says depends on the address existing.
 *
 * Field problems come two ways, both naming fields, never echoing values:
 * - `invalid_input` (the binder): a field's shape is wrong, `fields: ['code']`;
 * - `invalid_fields` (the flow's rules): `fields: ['<field>:<reason>', …]`, reasons below.
 * After any answer of `requestReset` the captcha it carried is spent: draw a new one
 * (newCaptcha with purpose `password-reset`).
 */

export const RESET_STEPS = ['none', 'request', 'code', 'done'] as const;
export type ResetStep = (typeof RESET_STEPS)[number];

/** Reasons after the colon in `invalid_fields`, per field. */
export const RESET_FIELD_REASONS = {
  email: ['invalid'],
  /** The password rules of src/shared/rules/password-policy.ts (same policy as registration). */
  newPassword: PASSWORD_RULES,
  newPasswordConfirmation: ['mismatch'],
} as const;

export const passwordResetCalls = {
  /** Where the visit's reset stands (the screen comes back to it after a help page). */
  getReset: defineCall({
    input: z.strictObject({}),
    output: z.strictObject({
      step: z.enum(RESET_STEPS),
      /** `resendAvailableInSeconds` at `code`: the portal's interval. */
      ...journeySnapshotFields,
      /** The request (at `code`) or the new password (at `done`) is saved, waiting for the portal. */
      queued: z.boolean(),
      /** A queued new password the portal refused while the tenant was still here (back at `code`). */
      refusal: z.enum(['code_wrong', 'code_expired', 'code_locked', 'not_delivered']).nullable(),
    }),
  }),

  /** Opens the visit's reset at step 1, dropping any earlier one of this visit. */
  startReset: startJourneyCall('request'),

  /** Leaves the reset (the visit goes on); the address it held is forgotten. */
  cancelReset: cancelJourneyCall(),

  /**
   * Step 1: email + captcha. Always the same answer for a well-formed address (see above).
   * Also allowed from `code` (the tenant went back to correct the address or ask again).
   * `language`: the email's language. `queued: true`: the portal had not answered in time; the
   * request is saved and sent when it answers again (same answer either way: nothing is said about
   * the address).
   */
  requestReset: defineCall({
    input: z.strictObject({
      email: typedEmailSchema,
      language: z.enum(LANGUAGES).optional(),
      ...captchaFields,
    }),
    output: z.strictObject({
      step: z.literal('code'),
      maskedEmail: z.string(),
      queued: z.boolean(),
      /** The portal's interval before another email can be asked for; null while queued. */
      resendAvailableInSeconds: seconds.nullable(),
    }),
    errors: ['invalid_fields', 'captcha_wrong', 'captcha_expired', ...FLOW_ERRORS],
  }),

  /**
   * Step 2: the 6-digit code of the email and the new password twice (checked against the policy
   * here first, so a weak password spends no code attempt).
   * - code_wrong: not the code of the latest email (or no account for the address: same answer);
   * - code_expired: older than the code's lifetime (15 minutes), ask for a new email;
   * - code_locked: too many wrong codes, ask for a new email;
   * - invalid_fields: `newPassword:<rule>`, `newPasswordConfirmation:mismatch`.
   * On success the portal ends every session of the account and sends a "password changed" email.
   * `queued: true`: the portal had not answered in time; the new password is saved and sent when it
   * answers again (a wrong code then changes nothing).
   */
  confirmReset: defineCall({
    input: z.strictObject({
      code: emailCodeSchema,
      newPassword: passwordFieldSchema,
      newPasswordConfirmation: passwordFieldSchema,
    }),
    output: z.strictObject({ step: z.literal('done'), queued: z.boolean() }),
    errors: ['invalid_fields', 'code_wrong', 'code_expired', 'code_locked', ...FLOW_ERRORS],
  }),
} as const;
