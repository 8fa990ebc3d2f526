import type { CallInput } from '../../../../shared/kiosk-api/types';
import type { Language } from '../../../../shared/locale';
import { emailSchema, normalizeEmail, suggestEmailDomain } from '../../../../shared/rules/email';
import { failedPasswordRules, PASSWORD_RULES, type PasswordRule } from '../../../../shared/rules/password-policy';
import { CAPTCHA_PATTERN } from './identity-form.svelte';
import type { DetailsField, FieldErrors } from './registration-errors';

export const DETAILS_FIELDS: readonly DetailsField[] = [
  'email',
  'emailConfirmation',
  'password',
  'passwordConfirmation',
  'acceptedTermsVersion',
  'captchaAnswer',
];

/** The seed's rules in the order of the live checklist (the length cap is said only when broken). */
export type ChecklistRule = Exclude<PasswordRule, 'max_length'>;
export const CHECKLIST: readonly ChecklistRule[] = PASSWORD_RULES.filter((r): r is ChecklistRule => r !== 'max_length');

export type Match = 'match' | 'mismatch' | null;

/**
 * "Same" once the second entry is as long as the first; "different" as soon as it strays. Also the
 * forgotten password's new password and its confirmation.
 */
export function matchOf(first: string, second: string): Match {
  if (!second) return null;
  if (first === second) return 'match';
  return first.startsWith(second) ? null : 'mismatch';
}

/** Step 2 as typed. Passwords and the captcha answer are the only things ever cleared by a refusal. */
export class LoginDetailsForm {
  email = $state('');
  emailConfirmation = $state('');
  password = $state('');
  passwordConfirmation = $state('');
  termsAccepted = $state(false);
  captchaAnswer = $state('');
  errors = $state<FieldErrors<DetailsField>>({});

  readonly suggestion = $derived.by(() => {
    if (!this.email.includes('@')) return null;
    const domain = suggestEmailDomain(this.email);
    return domain ? `${this.email.slice(0, this.email.lastIndexOf('@'))}@${domain}` : null;
  });
  readonly emailMatch = $derived(matchOf(normalizeEmail(this.email), normalizeEmail(this.emailConfirmation)));
  readonly failedRules = $derived<readonly PasswordRule[]>(failedPasswordRules(this.password));
  readonly passwordMatch = $derived(matchOf(this.password, this.passwordConfirmation));

  applySuggestion(): void {
    if (!this.suggestion) return;
    this.email = this.suggestion;
    if (this.errors.email) this.errors = { ...this.errors, email: undefined };
  }

  check(captchaRequired: boolean): boolean {
    const errors: FieldErrors<DetailsField> = {};
    if (!this.email) errors.email = 'field.error.required';
    else if (!emailSchema.safeParse(this.email).success) errors.email = 'register.error.email';
    if (!this.emailConfirmation) errors.emailConfirmation = 'field.error.required';
    else if (normalizeEmail(this.email) !== normalizeEmail(this.emailConfirmation))
      errors.emailConfirmation = 'register.error.email_mismatch';
    if (!this.password) errors.password = 'field.error.required';
    else if (this.failedRules.includes('max_length')) errors.password = 'register.error.password_long';
    else if (this.failedRules.length === 1 && this.failedRules[0] === 'not_common')
      errors.password = 'register.error.password_common';
    else if (this.failedRules.length > 0) errors.password = 'register.error.password';
    if (!this.passwordConfirmation) errors.passwordConfirmation = 'field.error.required';
    else if (this.password !== this.passwordConfirmation)
      errors.passwordConfirmation = 'register.error.password_mismatch';
    if (!this.termsAccepted) errors.acceptedTermsVersion = 'register.error.terms_required';
    if (captchaRequired && !CAPTCHA_PATTERN.test(this.captchaAnswer)) {
      errors.captchaAnswer = this.captchaAnswer ? 'register.error.captcha_format' : 'field.error.required';
    }
    this.errors = errors;
    return Object.keys(errors).length === 0;
  }

  input(termsVersion: string | null, language: Language, captchaId: string | null): CallInput<'submitLoginDetails'> {
    return {
      email: this.email,
      emailConfirmation: this.emailConfirmation,
      password: this.password,
      passwordConfirmation: this.passwordConfirmation,
      acceptedTermsVersion: this.termsAccepted ? termsVersion : null,
      language,
      ...(captchaId ? { captchaId, captchaAnswer: this.captchaAnswer } : {}),
    };
  }

  clearSecrets(): void {
    this.password = this.passwordConfirmation = this.captchaAnswer = '';
  }

  reset(): void {
    this.email = this.emailConfirmation = '';
    this.termsAccepted = false;
    this.clearSecrets();
    this.errors = {};
  }
}
