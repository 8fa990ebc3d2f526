import { z } from 'zod';
import { defineRoute } from './define';
import {
  emailSchema,
  identitySchema,
  isoDateTime,
  languageSchema,
  linkTokenSchema,
  passwordFieldSchema,
  sixDigitCodeSchema,
} from './common';
import { attemptRefSchema, WHY_KINDS } from './attempts';
import { auditEventSchema, outboxFiguresSchema } from './outbox';
import { SEALED_ALGORITHM } from './sealed';

const kioskIdSchema = z.string().regex(/^k_[A-Za-z0-9_-]{8,40}$/);
const installIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
const agencyCodeSchema = z.string().regex(/^[A-Z0-9]{2,12}$/, 'agency code: 2–12 capitals or digits');

/**
 * The portal API (kiosk ↔ portal), one entry per route. The server registers exactly these; the
 * OpenAPI document is generated from them; the kiosk's client validates answers with them.
 */
export const portalRoutes = {
  enrolKiosk: defineRoute({
    method: 'POST',
    path: '/v1/kiosks/enrol',
    auth: 'none',
    tags: ['kiosks'],
    status: 201,
    summary:
      'Trade a one-time enrolment code for the kiosk credential (shown once, stored hashed). The same code ' +
      'with the same installId within a short window re-issues the credential of the same kiosk (a lost answer).',
    body: z.strictObject({
      enrolmentCode: z.string().min(8).max(64),
      label: z.string().max(80).optional(),
      /** A random id the kiosk keeps in its database: makes a retry after a lost answer safe. */
      installId: installIdSchema.optional(),
    }),
    value: z.strictObject({ kioskId: kioskIdSchema, agencyCode: agencyCodeSchema, credential: z.string() }),
    errors: ['enrolment_code_invalid', 'enrolment_code_used', 'enrolment_code_expired'],
  }),
  heartbeat: defineRoute({
    method: 'POST',
    path: '/v1/kiosks/heartbeat',
    auth: 'kiosk',
    tags: ['kiosks'],
    summary: 'The kiosk reports its version, whether it is in service, its outbox figures and last sync.',
    body: z.strictObject({
      version: z.string().min(1).max(40),
      inService: z.boolean().default(true),
      outbox: outboxFiguresSchema,
      lastSyncAt: isoDateTime.nullable(),
    }),
    value: z.strictObject({ receivedAt: isoDateTime }),
  }),
  recordEvent: defineRoute({
    method: 'POST',
    path: '/v1/kiosks/events',
    auth: 'kiosk',
    tags: ['kiosks'],
    status: 202,
    summary: 'A staff action or journey outcome of the kiosk (codes only, no personal data), for the fleet listing.',
    body: auditEventSchema,
    value: z.strictObject({ recorded: z.literal(true) }),
  }),
  keys: defineRoute({
    method: 'GET',
    path: '/v1/keys',
    auth: 'kiosk',
    tags: ['kiosks'],
    summary:
      "The portal's current public key for sealed payloads (a retired key still opens bodies during its grace period).",
    value: z.strictObject({
      sealing: z.strictObject({ algorithm: z.literal(SEALED_ALGORITHM), keyId: z.string(), publicKey: z.string() }),
    }),
  }),
  kioskConfig: defineRoute({
    method: 'GET',
    path: '/v1/kiosks/config',
    auth: 'kiosk',
    tags: ['kiosks'],
    summary: 'What a kiosk caches to work offline: the terms version and non-personal settings. Nothing about tenants.',
    value: z.strictObject({
      termsVersion: z.string().min(1).max(32),
      settings: z.strictObject({
        /** Between two activation emails for one address (the portal's resend cool-down). */
        activationResendCooldownSeconds: z.number().int().positive(),
        /** Between two password-reset emails for one address. */
        resetEmailIntervalSeconds: z.number().int().positive(),
        activationCodeMinutes: z.number().int().positive(),
        resetCodeMinutes: z.number().int().positive(),
        /** Sessions opened at a kiosk end after this much inactivity. */
        sessionIdleSeconds: z.number().int().positive(),
      }),
    }),
  }),
  checkIdentity: defineRoute({
    method: 'POST',
    path: '/v1/registrations/identity',
    auth: 'kiosk',
    tags: ['registration'],
    summary:
      'Step 1: is this a signatory of a current lease who has no account yet? Throttled per account number and kiosk. A refusal of an `assisted` check carries an `attemptRef` for registrationWhy.',
    body: z.strictObject({
      ...identitySchema.shape,
      /** Staff stand beside the tenant (an assisted visit): a refusal carries an attemptRef. */
      assisted: z.boolean().optional(),
    }),
    value: z.strictObject({ eligible: z.literal(true) }),
    errors: ['identity_not_found', 'already_registered', 'too_many_attempts'],
  }),
  registrationWhy: defineRoute({
    method: 'POST',
    path: '/v1/registrations/why',
    auth: 'kiosk',
    tags: ['registration'],
    summary:
      'The kind of problem of one refused assisted identity check, by its attemptRef: once, to the kiosk that made it, within 15 minutes, under a per-kiosk daily cap and the identity budgets. Any other reference: not_found.',
    body: z.strictObject({ attemptRef: attemptRefSchema }),
    value: z.strictObject({ kind: z.enum(WHY_KINDS) }),
    errors: ['not_found', 'rate_limited', 'too_many_attempts'],
  }),
  register: defineRoute({
    method: 'POST',
    path: '/v1/registrations',
    auth: 'kiosk',
    tags: ['registration'],
    status: 201,
    summary: 'Steps 1 + 2: creates the inactive account and sends the activation email (link + 6-digit code).',
    body: z.strictObject({
      identity: identitySchema,
      email: emailSchema,
      password: passwordFieldSchema,
      acceptedTermsVersion: z.string().min(1).max(32),
      language: languageSchema.default('fr'),
    }),
    value: z.strictObject({ status: z.literal('pending_activation'), resendAvailableAt: isoDateTime }),
    errors: [
      'identity_not_found',
      'already_registered',
      'email_in_use',
      'weak_password',
      'terms_outdated',
      'too_many_attempts',
    ],
  }),
  registrationStatus: defineRoute({
    method: 'POST',
    path: '/v1/registrations/status',
    auth: 'kiosk',
    tags: ['registration'],
    summary:
      'Whether an account registered at this kiosk is active yet (its link may be opened on a phone). Accounts of other kiosks: not_found.',
    body: z.strictObject({ email: emailSchema }),
    value: z.strictObject({ status: z.enum(['pending_activation', 'active']) }),
    errors: ['not_found'],
  }),
  activateByCode: defineRoute({
    method: 'POST',
    path: '/v1/activation/code',
    auth: 'kiosk',
    tags: ['activation'],
    summary:
      'Activates an account with the 6-digit code of its activation email (5 tries per address). An unknown address, an active account and a wrong or expired code all answer invalid_code.',
    body: z.strictObject({ email: emailSchema, code: sixDigitCodeSchema }),
    value: z.strictObject({ activated: z.literal(true) }),
    errors: ['invalid_code', 'code_expired', 'too_many_attempts', 'already_active'],
  }),
  activateByLink: defineRoute({
    method: 'POST',
    path: '/v1/activation/link',
    auth: 'none',
    tags: ['activation'],
    summary: 'Activates an account with the token of its activation link (single use).',
    body: z.strictObject({ token: linkTokenSchema }),
    value: z.strictObject({ activated: z.literal(true) }),
    errors: ['link_invalid', 'already_active'],
  }),
  resendActivation: defineRoute({
    method: 'POST',
    path: '/v1/activation/resend',
    auth: 'kiosk',
    tags: ['activation'],
    status: 202,
    summary:
      'Sends a fresh activation email if the address has a pending account. Same answer whether or not it has one; throttled per address and per kiosk.',
    body: z.strictObject({ email: emailSchema, language: languageSchema.optional() }),
    value: z.strictObject({ accepted: z.literal(true), resendAvailableAt: isoDateTime }),
    errors: ['resend_cooldown', 'resend_daily_cap', 'rate_limited'],
  }),
  login: defineRoute({
    method: 'POST',
    path: '/v1/sessions',
    auth: 'kiosk',
    tags: ['sessions'],
    status: 201,
    summary:
      'Email + password → opaque session token. One generic error; "not activated" only after a correct password.',
    body: z.strictObject({ email: emailSchema, password: passwordFieldSchema }),
    value: z.strictObject({
      sessionToken: z.string(),
      expiresAt: isoDateTime,
      idleTimeoutSeconds: z.number().int().positive(),
    }),
    errors: ['invalid_credentials', 'not_activated', 'account_locked', 'too_many_attempts'],
  }),
  me: defineRoute({
    method: 'GET',
    path: '/v1/sessions/me',
    auth: 'kiosk',
    session: true,
    tags: ['sessions'],
    summary: 'The signed-in tenant (needs `X-Session-Token`).',
    value: z.strictObject({
      email: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      accountNumber: z.string(),
      language: languageSchema,
      expiresAt: isoDateTime,
    }),
    errors: ['session_invalid'],
  }),
  logout: defineRoute({
    method: 'POST',
    path: '/v1/sessions/logout',
    auth: 'kiosk',
    session: true,
    tags: ['sessions'],
    summary: 'Ends the session of `X-Session-Token`. The body may be omitted.',
    body: z.strictObject({}).nullish(),
    value: z.strictObject({ loggedOut: z.literal(true) }),
    errors: ['session_invalid'],
  }),
  requestReset: defineRoute({
    method: 'POST',
    path: '/v1/password-reset',
    auth: 'kiosk',
    tags: ['password reset'],
    status: 202,
    summary: 'Always the same answer: if an account exists, an email with a link and a 6-digit code was sent.',
    body: z.strictObject({ email: emailSchema, language: languageSchema.optional() }),
    value: z.strictObject({
      accepted: z.literal(true),
      /** The portal's interval between two reset emails to one address (the same for every address). */
      resendAfterSeconds: z.number().int().positive(),
    }),
  }),
  confirmResetByCode: defineRoute({
    method: 'POST',
    path: '/v1/password-reset/code',
    auth: 'kiosk',
    tags: ['password reset'],
    summary:
      'New password with the 6-digit code; ends every session, clears lock-outs, sends a notice. An unknown address and a wrong or expired code answer invalid_code.',
    body: z.strictObject({ email: emailSchema, code: sixDigitCodeSchema, newPassword: passwordFieldSchema }),
    value: z.strictObject({ reset: z.literal(true) }),
    errors: ['invalid_code', 'code_expired', 'too_many_attempts', 'weak_password'],
  }),
  confirmResetByLink: defineRoute({
    method: 'POST',
    path: '/v1/password-reset/link',
    auth: 'none',
    tags: ['password reset'],
    summary: 'New password with the token of the reset link.',
    body: z.strictObject({ token: linkTokenSchema, newPassword: passwordFieldSchema }),
    value: z.strictObject({ reset: z.literal(true) }),
    errors: ['link_invalid', 'weak_password'],
  }),
  createKiosk: defineRoute({
    method: 'POST',
    path: '/v1/admin/kiosks',
    auth: 'admin',
    tags: ['admin'],
    status: 201,
    summary: 'Creates a kiosk and its one-time enrolment code.',
    body: z.strictObject({ agencyCode: agencyCodeSchema, label: z.string().min(1).max(80) }),
    value: z.strictObject({ kioskId: kioskIdSchema, enrolmentCode: z.string(), expiresAt: isoDateTime }),
  }),
  listKiosks: defineRoute({
    method: 'GET',
    path: '/v1/admin/kiosks',
    auth: 'admin',
    tags: ['admin'],
    summary: 'Every kiosk with its last heartbeat: outbox figures, last sync, in service, recent refusals.',
    value: z.strictObject({
      kiosks: z.array(
        z.strictObject({
          kioskId: kioskIdSchema,
          agencyCode: z.string(),
          label: z.string(),
          enrolled: z.boolean(),
          lastHeartbeatAt: isoDateTime.nullable(),
          version: z.string().nullable(),
          /** Rows waiting or in flight, all kinds together (derived from `outbox`). */
          outboxDepth: z.number().int().nullable(),
          outbox: outboxFiguresSchema.nullable(),
          lastSyncAt: isoDateTime.nullable(),
          inService: z.boolean().nullable(),
          /** Events the kiosk recorded (recordEvent), counted by `source.event.outcome`, last 7 days. */
          recentEvents: z.record(z.string(), z.number().int().nonnegative()),
        }),
      ),
    }),
  }),
} as const;

export type PortalRoutes = typeof portalRoutes;
export type PortalRouteName = keyof PortalRoutes;
export { agencyCodeSchema, installIdSchema, kioskIdSchema };

/** Unauthenticated: the kiosk's PortalMonitor polls it before (and after) enrolment. */
export const HEALTH_PATH = '/health';
export const healthSchema = z.strictObject({ status: z.literal('ok'), version: z.string() });

/** Pages for links opened on a phone; the activation link keeps the seed's shape. */
export const ACTIVATION_PAGE_PATH = '/inscription-locataire';
export const RESET_PAGE_PATH = '/reinitialisation-mot-de-passe';
