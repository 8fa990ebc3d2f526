import { z } from 'zod';
import { LANGUAGES } from '../locale';
import { defineCall } from './define';
import { loginCalls } from './login';
import { passwordResetCalls } from './password-reset';
import { registrationCalls } from './registration';
import { setupCalls } from './setup';
import { staffCalls } from './staff';
import { staffToolCalls } from './staff-tools';
import { updateCalls } from './updates';

const noInput = z.strictObject({});

/** The status indicator's states. */
export const LINK_STATES = ['online', 'degraded', 'offline', 'not_configured'] as const;
export type LinkState = (typeof LINK_STATES)[number];

/**
 * The kiosk API: every call the renderer may make to the kiosk core, renderer ↔ main (IPC) or
 * renderer ↔ web shell (HTTP bridge). Adding a call is one entry here plus one handler.
 */
export const kioskApi = {
  getInfo: defineCall({
    input: noInput,
    output: z.strictObject({
      version: z.string(),
      kioskId: z.string(),
      defaultLanguage: z.enum(LANGUAGES),
      languages: z.array(z.enum(LANGUAGES)),
      idle: z.strictObject({
        warnAfterSeconds: z.number().int().positive(),
        countdownSeconds: z.number().int().positive(),
      }),
    }),
  }),
  getStatus: defineCall({
    input: noInput,
    output: z.strictObject({
      portal: z.enum(['online', 'offline', 'not_configured']),
      checkedAt: z.iso.datetime().nullable(),
    }),
  }),
  /**
   * What the status indicator shows (text, never colour alone): `degraded` is a portal that
   * answers while writes have waited in the outbox longer than a delivery takes.
   */
  getLinkStatus: defineCall({
    input: noInput,
    output: z.strictObject({ link: z.enum(LINK_STATES), checkedAt: z.iso.datetime().nullable() }),
  }),
  /** A person touched the attract screen. */
  startVisit: defineCall({
    input: noInput,
    output: z.strictObject({ started: z.literal(true) }),
    /** out_of_service: staff put the kiosk out of service (staffSetOutOfService). */
    errors: ['out_of_service'],
  }),
  /** Forgets every main-side trace of the visit (flows, session). Called on « Terminer » and on idle. */
  endVisit: defineCall({
    input: z.strictObject({ reason: z.enum(['finished', 'idle']) }),
    output: z.strictObject({ wiped: z.literal(true) }),
  }),
  ...registrationCalls,
  ...staffCalls,
  ...staffToolCalls,
  ...loginCalls,
  ...passwordResetCalls,
  ...updateCalls,
  ...setupCalls,
} as const;

export type KioskApi = typeof kioskApi;
export type CallName = keyof KioskApi;
export const CALL_NAMES = Object.keys(kioskApi) as CallName[];
export const isCallName = (name: unknown): name is CallName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(kioskApi, name);
