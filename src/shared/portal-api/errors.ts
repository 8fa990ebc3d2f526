import { z } from 'zod';
import { PASSWORD_RULES } from '../rules/password-policy';
import { attemptRefSchema } from './attempts';

/**
 * Every error code the portal answers, with its HTTP status. Codes are stable IDs: kiosks branch on
 * them and only the kiosk's UI turns them into words.
 */
export const PORTAL_ERROR_STATUS = {
  // transport and input
  invalid_input: 400,
  malformed_json: 400,
  invalid_idempotency_key: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  not_found: 404,
  method_not_allowed: 405,
  // callers
  kiosk_unauthorized: 401,
  admin_unauthorized: 401,
  session_invalid: 401,
  /** The code was never issued (or was withdrawn). */
  enrolment_code_invalid: 401,
  /** The code enrolled a kiosk already (another install), or its kiosk was revoked. */
  enrolment_code_used: 409,
  enrolment_code_expired: 410,
  /** The kiosk's credential was revoked (`kiosk:revoke`): only a new enrolment brings it back. */
  kiosk_revoked: 403,
  sealed_payload_invalid: 400,
  /** The envelope names a sealing key past its grace period: fetch /v1/keys and seal again. */
  sealing_key_retired: 409,
  // idempotency
  idempotency_key_reused: 422,
  idempotency_in_progress: 409,
  // registration
  identity_not_found: 422,
  already_registered: 409,
  email_in_use: 409,
  weak_password: 422,
  terms_outdated: 422,
  // codes and links
  invalid_code: 422,
  code_expired: 410,
  link_invalid: 410,
  already_active: 409,
  // sessions
  invalid_credentials: 401,
  not_activated: 403,
  account_locked: 423,
  // throttling
  too_many_attempts: 429,
  resend_cooldown: 429,
  resend_daily_cap: 429,
  rate_limited: 429,
  // the only 5xx: a fault of the portal itself, never of the input
  internal: 500,
} as const satisfies Record<string, number>;

export type PortalErrorCode = keyof typeof PORTAL_ERROR_STATUS;
export const PORTAL_ERROR_CODES = Object.keys(PORTAL_ERROR_STATUS) as [PortalErrorCode, ...PortalErrorCode[]];

/** Hints the kiosk may show beside a refusal; never personal data. */
export const IDENTITY_HINTS = ['names_swapped'] as const;

export const portalErrorSchema = z.strictObject({
  code: z.enum(PORTAL_ERROR_CODES),
  /** Input paths that failed validation, e.g. "identity.dateOfBirth". */
  fields: z.array(z.string().max(128)).max(32).optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  /** When a locked account opens again (ISO 8601). */
  unlockAt: z.iso.datetime().optional(),
  /** The password rules that failed. */
  rules: z.array(z.enum(PASSWORD_RULES)).optional(),
  hint: z.enum(IDENTITY_HINTS).optional(),
  /**
   * On a refused identity check the kiosk marked assisted: the reference staff may ask « pourquoi ? »
   * about (registrationWhy), once, from the same kiosk, for a short while.
   */
  attemptRef: attemptRefSchema.optional(),
});
export type PortalError = z.infer<typeof portalErrorSchema>;

export const errorBodySchema = z.strictObject({ ok: z.literal(false), error: portalErrorSchema });
export type ErrorBody = z.infer<typeof errorBodySchema>;
