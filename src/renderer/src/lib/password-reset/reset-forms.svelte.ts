import { emailSchema } from '../../../../shared/rules/email';
import { failedPasswordRules, type PasswordRule } from '../../../../shared/rules/password-policy';
import type { MessageKey } from '../i18n/catalogue';
import { matchOf } from '../registration/login-details-form.svelte';
import type { FieldErrors } from '../registration/registration-errors';

export type RequestField = 'email' | 'captchaAnswer';
export type ConfirmField = 'code' | 'newPassword' | 'newPasswordConfirmation';

const SIX_DIGITS = /^\d{6}$/;

/** `invalid_fields` reasons (`<field>:<reason>`) and `invalid_input` fields → the words next to the field. */
const REASONS: Record<string, MessageKey> = {
  'email:invalid': 'reset.error.email',
  'newPassword:max_length': 'reset.error.password_long',
  'newPassword:not_common': 'reset.error.password_common',
  'newPasswordConfirmation:mismatch': 'reset.error.password_mismatch',
};
const BY_FIELD: Record<string, MessageKey> = {
  email: 'reset.error.email',
  captchaAnswer: 'register.error.captcha_format',
  captchaId: 'register.error.captcha_expired',
  code: 'reset.error.code_format',
  newPassword: 'reset.error.password',
  newPasswordConfirmation: 'reset.error.password_mismatch',
};

/** A refusal's `fields` → an error per field of the form; the first reason given for a field wins. */
export function fieldErrors<F extends string>(fields: readonly string[] | undefined, known: readonly F[]) {
  const errors: FieldErrors<F> = {};
  for (const entry of fields ?? []) {
    const [name = '', reason] = entry.split(':');
    const field = (name === 'captchaId' ? 'captchaAnswer' : name) as F;
    if (!known.includes(field) || errors[field]) continue;
    // One rule broken among several: the checklist says which; "not common" alone is said plainly.
    const only = (fields ?? []).filter((f) => f.startsWith(`${name}:`)).length === 1;
    const key = (reason && (only || reason === 'max_length') && REASONS[`${name}:${reason}`]) || BY_FIELD[name];
    if (key) errors[field] = key;
  }
  return errors;
}

/** Step 1 as typed: the address stays whatever happens; the captcha answer goes after each try. */
export class RequestForm {
  email = $state('');
  captchaAnswer = $state('');
  errors = $state<FieldErrors<RequestField>>({});

  check(captchaRequired: boolean): boolean {
    const errors: FieldErrors<RequestField> = {};
    if (!this.email) errors.email = 'field.error.required';
    else if (!emailSchema.safeParse(this.email).success) errors.email = 'reset.error.email';
    if (captchaRequired && !SIX_DIGITS.test(this.captchaAnswer))
      errors.captchaAnswer = this.captchaAnswer ? 'register.error.captcha_format' : 'field.error.required';
    this.errors = errors;
    return Object.keys(errors).length === 0;
  }

  reset(): void {
    this.email = this.captchaAnswer = '';
    this.errors = {};
  }
}

/** Step 2 as typed: the code and both passwords, every one of them cleared after each answer. */
export class ConfirmForm {
  code = $state('');
  newPassword = $state('');
  newPasswordConfirmation = $state('');
  errors = $state<FieldErrors<ConfirmField>>({});

  readonly failedRules = $derived<readonly PasswordRule[]>(failedPasswordRules(this.newPassword));
  readonly passwordMatch = $derived(matchOf(this.newPassword, this.newPasswordConfirmation));

  check(): boolean {
    const errors: FieldErrors<ConfirmField> = {};
    if (!this.code) errors.code = 'field.error.required';
    else if (!SIX_DIGITS.test(this.code)) errors.code = 'reset.error.code_format';
    if (!this.newPassword) errors.newPassword = 'field.error.required';
    else if (this.failedRules.includes('max_length')) errors.newPassword = 'reset.error.password_long';
    else if (this.failedRules.length === 1 && this.failedRules[0] === 'not_common')
      errors.newPassword = 'reset.error.password_common';
    else if (this.failedRules.length > 0) errors.newPassword = 'reset.error.password';
    if (!this.newPasswordConfirmation) errors.newPasswordConfirmation = 'field.error.required';
    else if (this.newPassword !== this.newPasswordConfirmation)
      errors.newPasswordConfirmation = 'reset.error.password_mismatch';
    this.errors = errors;
    return Object.keys(errors).length === 0;
  }

  clearSecrets(): void {
    this.code = this.newPassword = this.newPasswordConfirmation = '';
  }

  reset(): void {
    this.clearSecrets();
    this.errors = {};
  }
}
