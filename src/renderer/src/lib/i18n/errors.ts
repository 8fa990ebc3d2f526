import type { CallName } from '../../../../shared/kiosk-api/calls';
import type { CallError } from '../../../../shared/kiosk-api/types';
import type { MessageKey } from './catalogue';

export type KioskErrorCode = CallError<CallName>;

/**
 * Error codes are stable IDs from the contract; this is the one place they become words.
 * Every code a call may answer must be listed, so a new code fails the typecheck until worded.
 */
const ERROR_MESSAGES = {
  unavailable: 'error.unavailable',
  internal: 'error.internal',
  unknown_call: 'error.internal',
  forbidden: 'error.forbidden',
  invalid_input: 'error.invalid_input',
  // First registration: the screens word most of these next to the field concerned.
  invalid_fields: 'register.error.check_fields',
  captcha_wrong: 'register.error.captcha_wrong',
  captcha_expired: 'register.error.captcha_expired',
  identity_not_found: 'register.notfound.title',
  already_registered: 'register.already.title',
  cooldown: 'register.error.busy',
  flow_expired: 'register.error.flow_expired',
  wrong_step: 'register.error.flow_expired',
  portal_unreachable: 'register.error.portal_unreachable',
  email_in_use: 'register.error.email_in_use',
  terms_outdated: 'register.error.terms_outdated',
  code_wrong: 'register.error.code_wrong',
  code_expired: 'register.error.code_expired',
  code_locked: 'register.error.code_locked',
  resend_cooldown: 'register.error.busy',
  resend_daily_cap: 'register.error.resend_daily_cap',
  // Login: unknown address and wrong password are one code, so one message.
  invalid_credentials: 'login.error.invalid_credentials',
  not_activated: 'login.error.not_activated.title',
  account_locked: 'login.error.account_locked',
  too_many_attempts: 'login.error.too_many_attempts',
  slow_down: 'login.error.slow_down',
  visit_ended: 'error.internal',
  // Staff mode: the PIN screen words these itself (a lock-out with its wait).
  out_of_service: 'staff.outOfService.message',
  staff_pin_wrong: 'staff.pin.error.wrong',
  staff_pin_lockout: 'staff.pin.error.lockoutLater',
  staff_not_configured: 'staff.pin.notConfigured',
  staff_locked: 'staff.error.locked',
  // Set-up: the form words these next to the field concerned.
  setup_not_allowed: 'setup.error.setup_not_allowed',
  portal_address_invalid: 'setup.error.portal_address_invalid',
  portal_address_insecure: 'setup.error.portal_address_insecure',
  enrolment_code_invalid: 'setup.error.enrolment_code_invalid',
  enrolment_code_used: 'setup.error.enrolment_code_used',
  enrolment_code_expired: 'setup.error.enrolment_code_expired',
  pin_mismatch: 'setup.error.pin_mismatch',
  pin_required: 'setup.error.pin_required',
  // Staff tools (issue #12): the login's resend and « pourquoi ? » word these where they are asked.
  no_address: 'error.internal',
  why_not_assisted: 'staff.why.refused.why_not_assisted',
  why_no_attempt: 'staff.why.refused.why_no_attempt',
  why_refused: 'staff.why.refused.why_refused',
  why_limit: 'staff.why.refused.why_limit',
} as const satisfies Record<KioskErrorCode, MessageKey>;

export const errorMessageKey = (code: string): MessageKey =>
  Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, code)
    ? ERROR_MESSAGES[code as KioskErrorCode]
    : 'error.internal';
