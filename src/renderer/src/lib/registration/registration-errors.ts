import type { MessageKey } from '../i18n/catalogue';

/** The fields of both steps, by their names in the kiosk contract. */
export type IdentityField = 'accountNumber' | 'lastName' | 'firstName' | 'dateOfBirth' | 'captchaAnswer';
export type DetailsField =
  'email' | 'emailConfirmation' | 'password' | 'passwordConfirmation' | 'acceptedTermsVersion' | 'captchaAnswer';
export type FieldErrors<F extends string> = Partial<Record<F, MessageKey>>;

/** `invalid_fields` reasons (`<field>:<reason>`) and `invalid_input` fields → the words next to the field. */
const REASONS: Record<string, MessageKey> = {
  'dateOfBirth:invalid_date': 'register.error.invalid_date',
  'dateOfBirth:in_future': 'register.error.in_future',
  'dateOfBirth:too_old': 'register.error.too_old',
  'email:invalid': 'register.error.email',
  'emailConfirmation:mismatch': 'register.error.email_mismatch',
  'password:max_length': 'register.error.password_long',
  'password:not_common': 'register.error.password_common',
  'passwordConfirmation:mismatch': 'register.error.password_mismatch',
  'acceptedTermsVersion:required': 'register.error.terms_required',
  'acceptedTermsVersion:outdated': 'register.error.terms_outdated',
};

/** When the shape of a field was refused (`invalid_input`), or a reason is not listed above. */
const BY_FIELD: Record<string, MessageKey> = {
  accountNumber: 'register.error.account',
  lastName: 'register.error.name',
  firstName: 'register.error.name',
  dateOfBirth: 'register.error.invalid_date',
  captchaAnswer: 'register.error.captcha_format',
  captchaId: 'register.error.captcha_expired',
  email: 'register.error.email',
  emailConfirmation: 'register.error.email_mismatch',
  password: 'register.error.password',
  passwordConfirmation: 'register.error.password_mismatch',
  acceptedTermsVersion: 'register.error.terms_required',
};

/**
 * Turns a refusal's `fields` into an error per field of the form. Entries for other fields are
 * dropped; the first reason given for a field wins. captchaId counts as the captcha's field.
 */
export function fieldErrors<F extends string>(
  fields: readonly string[] | undefined,
  known: readonly F[],
): FieldErrors<F> {
  const errors: FieldErrors<F> = {};
  for (const entry of fields ?? []) {
    const [name = '', reason] = entry.split(':');
    const field = (name === 'captchaId' ? 'captchaAnswer' : name) as F;
    if (!known.includes(field) || errors[field]) continue;
    const key = (reason && REASONS[`${name}:${reason}`]) || BY_FIELD[name];
    if (key) errors[field] = key;
  }
  return errors;
}

/** Keeps an address or a number in its own direction inside a sentence of either direction. */
export const isolate = (text: string): string => `\u2068${text}\u2069`;

/** Seconds → "m:ss", a countdown read the same way in every language. */
export const clockTime = (seconds: number): string => {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};
