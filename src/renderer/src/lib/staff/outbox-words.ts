import { OUTBOX_KINDS, type OUTBOX_ROUTE, type OutboxKind } from '../../../../shared/portal-api/outbox';
import type { PortalRouteName, PortalRoutes } from '../../../../shared/portal-api/routes';
import type { MessageKey } from '../i18n/catalogue';

/** Each kind of write, as staff call it. */
export const KIND_WORDS: Record<OutboxKind, MessageKey> = {
  register: 'staff.outbox.kind.register',
  activate_code: 'staff.outbox.kind.activate_code',
  resend_activation: 'staff.outbox.kind.resend_activation',
  reset_request: 'staff.outbox.kind.reset_request',
  reset_confirm: 'staff.outbox.kind.reset_confirm',
  event: 'staff.outbox.kind.event',
};
export { OUTBOX_KINDS };

/**
 * The codes an outbox row can be refused with for good: those of the routes it is sent to
 * (OUTBOX_ROUTE), and the sealed envelope's. rate_limited is the kiosk's own throttle: the outbox
 * retries it (src/main/core/outbox/backoff.ts), so no row is ever refused with it.
 */
type RefusalCode =
  | Exclude<PortalRoutes[Extract<(typeof OUTBOX_ROUTE)[OutboxKind], PortalRouteName>]['errors'][number], 'rate_limited'>
  | 'sealing_key_retired';

/** Each refusal in words, so a new code on those routes fails the typecheck here until it has words. */
const CODE_WORDS = {
  identity_not_found: 'staff.outbox.code.identity_not_found',
  already_registered: 'staff.outbox.code.already_registered',
  email_in_use: 'staff.outbox.code.email_in_use',
  weak_password: 'staff.outbox.code.weak_password',
  terms_outdated: 'staff.outbox.code.terms_outdated',
  too_many_attempts: 'staff.outbox.code.too_many_attempts',
  invalid_code: 'staff.outbox.code.invalid_code',
  code_expired: 'staff.outbox.code.code_expired',
  already_active: 'staff.outbox.code.already_active',
  resend_cooldown: 'staff.outbox.code.resend',
  resend_daily_cap: 'staff.outbox.code.resend',
  sealing_key_retired: 'staff.outbox.code.sealing_key_retired',
} as const satisfies Record<RefusalCode, MessageKey>;

/** Any other code (the transport's: invalid_input…) is shown as « other » with its code. */
export const codeWords = (code: string): MessageKey =>
  Object.hasOwn(CODE_WORDS, code) ? CODE_WORDS[code as RefusalCode] : 'staff.outbox.code.other';

/** Whole minutes since `iso`, at least 0; null when nothing waits. */
export function minutesSince(iso: string | null, now: number): number | null {
  return iso === null ? null : Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
}
