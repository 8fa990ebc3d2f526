import type { CallInput } from '../../../../shared/kiosk-api/types';
import type { Language } from '../../../../shared/locale';
import { emailSchema, normalizeEmail, suggestEmailDomain } from '../../../../shared/rules/email';
import { failedPasswordRules, type PasswordRule } from '../../../../shared/rules/password-policy';
import { matchOf, SIX_DIGITS, type FieldErrors } from '../journey/fields';
import type { DetailsField } from './registration-fields';

export const DETAILS_FIELDS: readonly DetailsField[] = [
  'email',
  'emailConfirmation',
  'password',
  'passwordConfirmation',
  'acceptedTermsVersion',
  'captchaAnswer',
];

/** Step 2 as typed. The captcha answer, and refused passwords, are the only things a refusal clears. */
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
    else if (!emailSchema.safeParse(this.email).success) errors.email = 'journey.error.email';
    if (!this.emailConfirmation) errors.emailConfirmation = 'field.error.required';
    else if (normalizeEmail(this.email) !== normalizeEmail(this.emailConfirmation))
      errors.emailConfirmation = 'register.error.email_mismatch';
    if (!this.password) errors.password = 'field.error.required';
    else if (this.failedRules.includes('max_length')) errors.password = 'journey.error.password_long';
    else if (this.failedRules.length === 1 && this.failedRules[0] === 'not_common')
      errors.password = 'journey.error.password_common';
    else if (this.failedRules.length > 0) errors.password = 'journey.error.password';
    if (!this.passwordConfirmation) errors.passwordConfirmation = 'field.error.required';
    else if (this.password !== this.passwordConfirmation)
      errors.passwordConfirmation = 'journey.error.password_mismatch';
    if (!this.termsAccepted) errors.acceptedTermsVersion = 'register.error.terms_required';
    if (captchaRequired && !SIX_DIGITS.test(this.captchaAnswer)) {
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

  /**
   * After a try: the captcha answer always goes; the passwords only once used, or when they were
   * themselves refused (any other refusal keeps what the tenant typed).
   */
  clearSecrets({ passwords = false } = {}): void {
    this.captchaAnswer = '';
    if (passwords || this.errors.password || this.errors.passwordConfirmation)
      this.password = this.passwordConfirmation = '';
  }

  reset(): void {
    this.email = this.emailConfirmation = '';
    this.termsAccepted = false;
    this.clearSecrets({ passwords: true });
    this.errors = {};
  }
}
