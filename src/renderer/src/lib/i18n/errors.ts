import type { CallName, KioskApi } from '../../../../shared/kiosk-api/calls';
import type { CommonError } from '../../../../shared/kiosk-api/define';
import type { MessageKey } from './catalogue';

/**
 * A call's words: every code its contract entry lists (`KioskApi[call]['errors']`), so a new code
 * fails the typecheck here until it has words; a common code only where the call words it its own way.
 */
export type CallWords<N extends CallName> = { readonly [C in KioskApi[N]['errors'][number]]: MessageKey } & {
  readonly [C in CommonError]?: MessageKey;
};
/** The calls that answer codes of their own: each must have its table below. */
type CallsWithCodes = { [N in CallName]: KioskApi[N]['errors'] extends readonly [] ? never : N }[CallName];

/** What any call may answer (transport, binder), worded alike unless the call says otherwise. */
const COMMON = {
  unavailable: 'error.unavailable',
  internal: 'error.internal',
  unknown_call: 'error.internal',
  forbidden: 'error.forbidden',
  invalid_input: 'error.invalid_input',
} as const satisfies Record<CommonError, MessageKey>;

/** First registration: the screens word most of these next to the field or in a block of their own. */
const REGISTRATION = {
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
} as const satisfies CallWords<'submitIdentity'> &
  CallWords<'submitLoginDetails'> &
  CallWords<'activateByCode'> &
  CallWords<'resendActivation'>;

/** Login: unknown address and wrong password are one code, so one message; no service, one block. */
const LOGIN = {
  invalid_fields: 'error.invalid_input',
  invalid_credentials: 'login.error.invalid_credentials',
  not_activated: 'login.error.not_activated.title',
  account_locked: 'login.error.account_locked',
  too_many_attempts: 'login.error.too_many_attempts',
  slow_down: 'login.error.slow_down',
  portal_unreachable: 'login.error.portal_unreachable',
  unavailable: 'login.error.portal_unreachable',
  visit_ended: 'error.internal',
} as const satisfies CallWords<'login'>;

/** Forgotten password: the captcha words are registration's, the code's its own. */
const RESET = {
  invalid_fields: 'error.invalid_input',
  captcha_wrong: 'register.error.captcha_wrong',
  captcha_expired: 'register.error.captcha_expired',
  code_wrong: 'reset.error.code_wrong',
  code_expired: 'reset.error.code_expired',
  code_locked: 'reset.error.code_locked',
  flow_expired: 'reset.error.flow_expired',
  wrong_step: 'reset.error.flow_expired',
  portal_unreachable: 'reset.error.portal_unreachable',
} as const satisfies CallWords<'requestReset'> & CallWords<'confirmReset'>;

/** Staff mode: the PIN screen words these itself (a lock-out with its wait). */
const STAFF = {
  staff_pin_wrong: 'staff.pin.error.wrong',
  staff_pin_lockout: 'staff.pin.error.lockoutLater',
  staff_not_configured: 'staff.pin.notConfigured',
  staff_locked: 'staff.error.locked',
} as const satisfies CallWords<'staffUnlock'> & CallWords<'staffStatus'>;

/** The staff tools' resend (issue #12), worded as its panel does. */
const STAFF_RESEND = {
  staff_locked: 'staff.error.locked',
  invalid_fields: 'journey.error.email',
  resend_cooldown: 'staff.resend.cooldown',
  resend_daily_cap: 'staff.resend.dailyCap',
  cooldown: 'staff.resend.busy',
  portal_unreachable: 'error.unreachable',
} as const satisfies CallWords<'staffResendActivation'>;

/** The login's « Renvoyer l'email d'activation », worded where it is asked. */
const LOGIN_RESEND = {
  no_address: 'error.unreachable',
  resend_cooldown: 'error.unreachable',
  resend_daily_cap: 'login.resend.dailyCap',
  cooldown: 'error.unreachable',
  portal_unreachable: 'error.unreachable',
} as const satisfies CallWords<'loginResendActivation'>;

/** « Pourquoi ? » after an assisted step 1. */
const WHY = {
  why_not_assisted: 'staff.why.refused.why_not_assisted',
  why_no_attempt: 'staff.why.refused.why_no_attempt',
  why_refused: 'staff.why.refused.why_refused',
  why_limit: 'staff.why.refused.why_limit',
  portal_unreachable: 'error.unreachable',
} as const satisfies CallWords<'assistedWhy'>;

/** Set-up (enrolment): the form words these next to the field concerned. */
const SETUP = {
  staff_locked: 'staff.error.locked',
  setup_not_allowed: 'setup.error.setup_not_allowed',
  portal_address_invalid: 'setup.error.portal_address_invalid',
  portal_address_insecure: 'setup.error.portal_address_insecure',
  portal_unreachable: 'setup.error.portal_unreachable',
  enrolment_code_invalid: 'setup.error.enrolment_code_invalid',
  enrolment_code_used: 'setup.error.enrolment_code_used',
  enrolment_code_expired: 'setup.error.enrolment_code_expired',
  pin_mismatch: 'setup.error.pin_mismatch',
  pin_required: 'setup.error.pin_required',
} as const satisfies CallWords<'setupBegin'> & CallWords<'setupEnrol'>;

/** Error codes are stable IDs from the contract; this is the one place they become words, per call. */
export const ERROR_WORDS = {
  startVisit: { out_of_service: 'staff.outOfService.message' },
  getRegistration: REGISTRATION,
  startRegistration: REGISTRATION,
  newCaptcha: REGISTRATION,
  getTerms: REGISTRATION,
  submitIdentity: REGISTRATION,
  submitLoginDetails: REGISTRATION,
  activateByCode: REGISTRATION,
  resendActivation: REGISTRATION,
  login: LOGIN,
  getReset: RESET,
  startReset: RESET,
  requestReset: RESET,
  confirmReset: RESET,
  staffEntry: STAFF,
  staffUnlock: STAFF,
  staffStatus: STAFF,
  staffSyncNow: STAFF,
  staffSetDefaultLanguage: STAFF,
  staffSetOutOfService: STAFF,
  staffStartAssisted: STAFF,
  staffLeave: STAFF,
  getUpdateStatus: STAFF,
  staffResendActivation: STAFF_RESEND,
  loginResendActivation: LOGIN_RESEND,
  assistedWhy: WHY,
  setupBegin: SETUP,
  setupEnrol: SETUP,
} as const satisfies { [N in CallsWithCodes]: CallWords<N> } & { [N in CallName]?: CallWords<N> };

/** The words for what `call` answered; a code the call does not list (or a call without a table) reads as its common words. */
export function errorWords(call: CallName, code: string): MessageKey {
  const own = (ERROR_WORDS as Partial<Record<CallName, Partial<Record<string, MessageKey>>>>)[call]?.[code];
  return own ?? (COMMON as Partial<Record<string, MessageKey>>)[code] ?? 'error.internal';
}
