import { z } from 'zod';
import { isoDateTime } from './common';
import type { PortalRouteName } from './routes';

/**
 * What a kiosk's outbox delivers to the portal: one kind per write, each sent to one route. The
 * kiosk commits a row before the tenant is told anything; the portal's Idempotency-Key makes the
 * effect exactly once. Shared so the kiosk's figures and the portal's fleet listing name kinds alike.
 */
export const OUTBOX_KINDS = [
  'register',
  'activate_code',
  'resend_activation',
  'reset_request',
  'reset_confirm',
  'event',
] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export const OUTBOX_ROUTE = {
  register: 'register',
  activate_code: 'activateByCode',
  resend_activation: 'resendActivation',
  reset_request: 'requestReset',
  reset_confirm: 'confirmResetByCode',
  event: 'recordEvent',
} as const satisfies Record<OutboxKind, PortalRouteName | 'recordEvent'>;

const count = z.number().int().nonnegative().max(10_000_000);

/** Per kind: rows waiting, being sent, refused for good (kept for staff, without personal data). */
export const outboxKindFiguresSchema = z.strictObject({ pending: count, inFlight: count, refused: count });

/** What a heartbeat carries and the staff panel shows: counts and codes only, never a payload. */
export const outboxFiguresSchema = z.strictObject({
  byKind: z.partialRecord(z.enum(OUTBOX_KINDS), outboxKindFiguresSchema),
  oldestPendingAt: isoDateTime.nullable(),
  /** Refusal codes (portal error codes) with how many rows each refused. */
  refusedCodes: z.record(z.string().regex(/^[a-z_]{2,40}$/), count),
});
export type OutboxFigures = z.infer<typeof outboxFiguresSchema>;

/**
 * An audit event: a staff action or a journey outcome. Codes only (lower-case words), so no free
 * text can carry a name, an address or a number to the portal.
 */
const codeWord = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);
export const auditEventSchema = z.strictObject({
  at: isoDateTime,
  source: z.enum(['staff', 'journey']),
  /** e.g. staff: unlock, set_out_of_service; journey: registration, login, password_reset. */
  event: codeWord,
  /** e.g. ok, wrong_pin, queued, delivered, identity_not_found. */
  outcome: codeWord,
  assisted: z.boolean().default(false),
  /** A non-personal value: a language code, on/off. */
  detail: codeWord.nullable().default(null),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

/**
 * Sent by the kiosk's drainer on a registration or reset delivery when nobody is waiting at the
 * screen for the answer: the portal then emails the outcome (activation, or what to do) to the
 * address the tenant typed. Outside the sealed body, so it never changes the request's hash.
 */
export const OUTCOME_BY_EMAIL_HEADER = 'x-outcome-by-email';
