import { z } from 'zod';
import { LANGUAGES } from '../locale';
import { outboxFiguresSchema } from '../portal-api/outbox';
import { defineCall } from './define';
import { seconds } from './journey-fields';

/**
 * Staff mode (README.md « Staff mode », src/main/core/flows/staff/staff.mermaid): agency staff unlock a panel with a PIN, see the kiosk's health, choose
 * its default language and put it out of service. The staff session lives in the kiosk core only
 * and ends on « Quitter le mode personnel », on « Terminer », and when the kiosk is left idle.
 *
 * Every `staff…` call but `staffUnlock` answers `staff_locked` without a staff session.
 * `staffEntry` and `getAvailability` are not staff actions: they tell the PIN screen and the
 * attract screen what to show, and hold nothing secret.
 */

/** 4 to 8 digits; anything else is refused by the binder and never counts as a wrong PIN. */
export const staffPinSchema = z.string().regex(/^\d{4,8}$/, '4 to 8 digits');
/** `demo`: the documented demo PIN of the embedded demo portal (README). */
export const STAFF_PIN_MODES = ['configured', 'demo', 'not_configured'] as const;
export const ENROLMENT_STATES = ['enrolled', 'not_enrolled', 'code_refused', 'revoked', 'no_portal'] as const;

const locked = ['staff_locked'] as const;

/** The tenant journeys staff may start in assisted mode. */
export const ASSISTED_JOURNEYS = ['registration', 'login', 'password_reset'] as const;
export type AssistedJourney = (typeof ASSISTED_JOURNEYS)[number];

export const staffCalls = {
  /** Whether the attract screen may start visits. */
  getAvailability: defineCall({
    input: z.strictObject({}),
    output: z.strictObject({ outOfService: z.boolean() }),
  }),

  /** What the PIN screen shows: whether a PIN is set, a lock-out's wait, the demo PIN in the demo. */
  staffEntry: defineCall({
    input: z.strictObject({}),
    output: z.strictObject({
      pin: z.enum(STAFF_PIN_MODES),
      lockedForSeconds: seconds,
      demoPin: z
        .string()
        .regex(/^\d{4,8}$/)
        .nullable(),
    }),
  }),

  /**
   * Opens a staff session. staff_pin_wrong: try again (the fifth wrong PIN in a row answers
   * staff_pin_lockout instead); staff_pin_lockout: retryAfterSeconds before the next try.
   */
  staffUnlock: defineCall({
    input: z.strictObject({ pin: staffPinSchema }),
    output: z.strictObject({ unlocked: z.literal(true) }),
    errors: ['staff_pin_wrong', 'staff_pin_lockout', 'staff_not_configured'],
  }),

  /** The kiosk's health for staff. Times are ISO; null when not known (yet). */
  staffStatus: defineCall({
    input: z.strictObject({}),
    output: z.strictObject({
      /** The id the portal knows this kiosk by once enrolled (`k_…`), else its configured `kioskId`. */
      kioskId: z.string(),
      version: z.string(),
      portal: z.enum(['online', 'offline', 'not_configured']),
      portalCheckedAt: z.iso.datetime().nullable(),
      enrolment: z.enum(ENROLMENT_STATES),
      lastHeartbeatAt: z.iso.datetime().nullable(),
      lastSyncAt: z.iso.datetime().nullable(),
      visitsToday: z.number().int().nonnegative(),
      defaultLanguage: z.enum(LANGUAGES),
      outOfService: z.boolean(),
      pin: z.enum(STAFF_PIN_MODES),
      /** What waits in the outbox, per kind, and the refusals by code: counts only, never a payload. */
      outbox: outboxFiguresSchema,
    }),
    errors: locked,
  }),

  /** « Synchroniser maintenant »: every waiting write is tried now; answers the figures after the try. */
  staffSyncNow: defineCall({
    input: z.strictObject({}),
    output: z.strictObject({ outbox: outboxFiguresSchema, lastSyncAt: z.iso.datetime().nullable() }),
    errors: locked,
  }),

  /** The language every visit starts and ends in, kept across restarts. */
  staffSetDefaultLanguage: defineCall({
    input: z.strictObject({ language: z.enum(LANGUAGES) }),
    output: z.strictObject({ defaultLanguage: z.enum(LANGUAGES) }),
    errors: locked,
  }),

  /** Out of service: the attract screen says so and starts no visit; staff mode still opens. */
  staffSetOutOfService: defineCall({
    input: z.strictObject({ outOfService: z.boolean() }),
    output: z.strictObject({ outOfService: z.boolean() }),
    errors: locked,
  }),

  /**
   * Starts a tenant journey in assisted mode: a new visit, without captcha and with a longer idle
   * wait (`idle`, what the screen must use), marked on screen. The staff session ends here: staff
   * type the PIN again for their next action. Only this call, with a live session, starts one.
   */
  staffStartAssisted: defineCall({
    input: z.strictObject({ journey: z.enum(ASSISTED_JOURNEYS) }),
    output: z.strictObject({
      journey: z.enum(ASSISTED_JOURNEYS),
      idle: z.strictObject({ warnAfterSeconds: seconds, countdownSeconds: seconds }),
    }),
    errors: locked,
  }),

  /** « Quitter le mode personnel ». */
  staffLeave: defineCall({
    input: z.strictObject({}),
    output: z.strictObject({ left: z.literal(true) }),
    errors: locked,
  }),
} as const;
