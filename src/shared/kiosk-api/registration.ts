import { z } from 'zod';
import { LANGUAGES } from '../locale';
import { typedAccountNumberSchema } from '../rules/account-number';
import { personNameSchema } from '../rules/canonical-name';
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
} from './journey-fields';

/**
 * First registration at the kiosk, the calls of its screens. The flow lives in
 * the kiosk core, one per visit; the renderer only learns the step it is at.
 *
 * Field problems come two ways, both naming fields, never echoing values:
 * - `invalid_input` (the binder): a field's shape is wrong, `fields: ['lastName']`;
 * - `invalid_fields` (the flow's rules): `fields: ['<field>:<reason>', …]`, reasons below.
 * After any answer of a submit call the captcha it carried is spent: draw a new one.
 */

export const CAPTCHA_PURPOSES = ['identity', 'login-details', 'password-reset'] as const;
/** `queued`: step 2 is saved in the kiosk's outbox and waits for the portal (offline, or slow). */
export const REGISTRATION_STEPS = ['none', 'identity', 'login-details', 'queued', 'activation', 'done'] as const;
export type RegistrationStep = (typeof REGISTRATION_STEPS)[number];

/** Reasons after the colon in `invalid_fields`, per field. */
export const FIELD_REASONS = {
  dateOfBirth: ['invalid_date', 'in_future', 'too_old'],
  email: ['invalid'],
  emailConfirmation: ['mismatch'],
  /** The password rules of src/shared/rules/password-policy.ts. */
  password: PASSWORD_RULES,
  passwordConfirmation: ['mismatch'],
  acceptedTermsVersion: ['required', 'outdated'],
} as const;

/**
 * What the portal answered a queued registration when it was delivered while the tenant was still
 * at the kiosk: the flow went back to the step that can fix it (identity, login details), or stays
 * `queued` with `not_delivered` (a refusal that is not the tenant's to fix: ask the front desk).
 */
export const QUEUED_REFUSALS = [
  'identity_not_found',
  'already_registered',
  'email_in_use',
  'terms_outdated',
  'weak_password',
  'cooldown',
  'not_delivered',
] as const;
export type QueuedRefusal = (typeof QUEUED_REFUSALS)[number];

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const registrationCalls = {
  /**
   * A fresh captcha for a form; replaces the visit's previous one of the same purpose. Tapping the
   * image calls this again. `image` is a data: URL (SVG) to put in an <img> with the alt text of the
   * form ("Entrez les six chiffres figurant dans l'image").
   */
  newCaptcha: defineCall({
    input: z.strictObject({ purpose: z.enum(CAPTCHA_PURPOSES) }),
    output: z.discriminatedUnion('required', [
      z.strictObject({
        required: z.literal(true),
        captchaId: z.string(),
        image: z.string().startsWith('data:image/'),
        width: z.number().int().positive(),
        height: z.number().int().positive(),
        expiresInSeconds: seconds,
      }),
      z.strictObject({ required: z.literal(false) }),
    ]),
  }),

  /** Where the visit's registration stands. Poll it on the activation screen: a link opened on a phone moves it to `done`. */
  getRegistration: defineCall({
    input: z.strictObject({}),
    output: z.strictObject({
      step: z.enum(REGISTRATION_STEPS),
      /** `maskedEmail` once login details were accepted; `resendAvailableInSeconds` at `activation`. */
      ...journeySnapshotFields,
      termsVersion: z.string(),
      /** Set once a queued registration came back refused while the tenant was here (see QUEUED_REFUSALS). */
      refusal: z.enum(QUEUED_REFUSALS).nullable(),
    }),
  }),

  /** Opens the visit's registration at step 1, dropping any earlier one of this visit. */
  startRegistration: startJourneyCall('identity'),

  /** Leaves the registration (the visit goes on). */
  cancelRegistration: cancelJourneyCall(),

  /**
   * Step 1. `accountNumber`: the 11 digits after the fixed "02", or all 13; spaces ignored.
   * Also allowed from `login-details` (the tenant went back to correct step 1).
   * identity_not_found: one generic refusal (not a signatory, ended lease, typo…), with
   * `hint: 'names_swapped'` when first and last name look swapped. cooldown: retryAfterSeconds.
   * `checkedBy: 'form'`: the portal could not be reached, so only the form was checked (the kiosk
   * holds nothing that can confirm an identity); the portal checks it when step 2 is delivered.
   */
  submitIdentity: defineCall({
    input: z.strictObject({
      accountNumber: typedAccountNumberSchema,
      lastName: personNameSchema,
      firstName: personNameSchema,
      dateOfBirth: isoDay,
      ...captchaFields,
    }),
    output: z.strictObject({
      step: z.literal('login-details'),
      expiresInSeconds: seconds,
      checkedBy: z.enum(['portal', 'form']),
    }),
    errors: [
      'invalid_fields',
      'captcha_wrong',
      'captcha_expired',
      'identity_not_found',
      'already_registered',
      'cooldown',
      ...FLOW_ERRORS,
    ],
  }),

  /**
   * Step 2. Creates the inactive account and has the portal send the activation email (link +
   * 6-digit code). `acceptedTermsVersion`: the version of getTerms the tenant ticked, null when the
   * box is not ticked. `language`: the email's language. A repeated Valider creates one account.
   * `queued`: the registration is saved in the kiosk and the portal had not answered in time; it is
   * delivered when the portal answers again and the outcome is emailed (activation, or what to do).
   * Poll getRegistration: if the tenant is still here when it is delivered, the step moves on.
   */
  submitLoginDetails: defineCall({
    input: z.strictObject({
      email: z.string().max(320),
      emailConfirmation: z.string().max(320),
      password: passwordFieldSchema,
      passwordConfirmation: passwordFieldSchema,
      acceptedTermsVersion: z.string().min(1).max(32).nullable(),
      language: z.enum(LANGUAGES).optional(),
      ...captchaFields,
    }),
    output: z.discriminatedUnion('step', [
      z.strictObject({
        step: z.literal('activation'),
        maskedEmail: z.string(),
        resendAvailableInSeconds: seconds,
      }),
      z.strictObject({ step: z.literal('queued'), maskedEmail: z.string() }),
    ]),
    errors: [
      'invalid_fields',
      'captcha_wrong',
      'captcha_expired',
      'email_in_use',
      'identity_not_found',
      'already_registered',
      'terms_outdated',
      'cooldown',
      ...FLOW_ERRORS,
    ],
  }),

  /**
   * The 6-digit code of the email. code_locked: too many wrong codes, resend for a new one.
   * `queued: true`: the portal had not answered in time; the code is saved and sent later.
   */
  activateByCode: defineCall({
    input: z.strictObject({ code: emailCodeSchema }),
    output: z.strictObject({ step: z.literal('done'), queued: z.boolean() }),
    errors: ['code_wrong', 'code_expired', 'code_locked', 'cooldown', ...FLOW_ERRORS],
  }),

  /**
   * A fresh activation email (new link and code). resend_cooldown / resend_daily_cap: retryAfterSeconds.
   * `queued: true`: saved, sent when the portal answers again.
   */
  resendActivation: defineCall({
    input: z.strictObject({ language: z.enum(LANGUAGES).optional() }),
    output: z.strictObject({ resendAvailableInSeconds: seconds, queued: z.boolean() }),
    errors: ['resend_cooldown', 'resend_daily_cap', 'cooldown', ...FLOW_ERRORS],
  }),

  /** The terms of use to read at the kiosk; French when the language has no translation. */
  getTerms: defineCall({
    input: z.strictObject({ language: z.enum(LANGUAGES) }),
    output: z.strictObject({ version: z.string(), language: z.enum(LANGUAGES), title: z.string(), text: z.string() }),
  }),
} as const;
