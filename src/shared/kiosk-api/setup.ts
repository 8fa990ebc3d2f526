import { z } from 'zod';
import { defineCall } from './define';
import { staffPinSchema } from './staff';

/**
 * The kiosk's set-up (issue #12): a kiosk without a credential (and no enrolment code in its
 * configuration) shows staff a set-up screen instead of the attract screen; a revoked kiosk shows
 * « borne désactivée » until staff enrol it again; staff re-enrol from the panel.
 *
 * `setup`: first start, no PIN needed to enrol. `revoked`: enrolling needs a live staff session.
 * `reenrol`: staff asked for it from the panel (live session). `ready`: the attract screen.
 */
export const SETUP_MODES = ['ready', 'setup', 'revoked', 'reenrol'] as const;
export type SetupMode = (typeof SETUP_MODES)[number];

/** What a label may hold: letters (any script), digits, spaces and . _ ' - ; 64 at most. */
export const kioskLabelSchema = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N} ._'-]{1,64}$/u, 'label');

export const SETUP_ERRORS = [
  'setup_not_allowed',
  'portal_address_invalid',
  'portal_address_insecure',
  'portal_unreachable',
  'enrolment_code_invalid',
  'enrolment_code_used',
  'enrolment_code_expired',
  'pin_mismatch',
  'pin_required',
] as const;

export const setupCalls = {
  /** Which screen the kiosk needs, and what the set-up form starts with (nothing secret). */
  setupState: defineCall({
    input: z.strictObject({}),
    output: z.strictObject({
      mode: z.enum(SETUP_MODES),
      portalUrl: z.string().max(2048),
      label: z.string().max(64),
      /** First start: a staff PIN must be chosen (twice); later it may be left blank to keep it. */
      pinRequired: z.boolean(),
      /** Staff must type their PIN (then setupBegin) before enrolling: a PIN exists and no session is open. */
      locked: z.boolean(),
    }),
  }),

  /** « Ré-enrôler cette borne » (staff panel) or « Saisir un nouveau code » (revoked): needs a staff session. */
  setupBegin: defineCall({
    input: z.strictObject({}),
    output: z.strictObject({ mode: z.enum(SETUP_MODES) }),
    errors: ['staff_locked'],
  }),

  /** « Annuler » on a re-enrolment. */
  setupCancel: defineCall({
    input: z.strictObject({}),
    output: z.strictObject({ mode: z.enum(SETUP_MODES) }),
  }),

  /**
   * Enrols with a code typed on screen, then fetches the portal's sealing key, terms version and
   * settings. The answer holds nothing secret. `fields` names what to correct.
   */
  setupEnrol: defineCall({
    input: z.strictObject({
      portalUrl: z.string().trim().min(1).max(2048),
      enrolmentCode: z.string().trim().min(8).max(64),
      label: kioskLabelSchema,
      pin: z.union([staffPinSchema, z.literal('')]),
      pinAgain: z.string().max(8),
    }),
    output: z.strictObject({
      kioskId: z.string(),
      label: z.string(),
      agencyCode: z.string().nullable(),
      portalUrl: z.string(),
      termsVersion: z.string().nullable(),
      keyId: z.string().nullable(),
      settings: z.record(z.string(), z.number()),
    }),
    errors: SETUP_ERRORS,
  }),
} as const;
