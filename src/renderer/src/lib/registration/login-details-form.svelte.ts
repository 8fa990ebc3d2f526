import type { CallInput } from '../../../../shared/kiosk-api/types';
import type { Language } from '../../../../shared/locale';
import { normalizeEmail, suggestEmailDomain } from '../../../../shared/rules/email';
import { failedPasswordRules, type PasswordRule } from '../../../../shared/rules/password-policy';
import { matchOf, type FieldErrors } from '../journey/fields';
import * as checks from '../journey/form-checks';
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
    const sameEmail = (a: string, b: string) => normalizeEmail(a) === normalizeEmail(b);
    this.errors = checks.found({
      email: checks.email(this.email),
      emailConfirmation: checks.again(this.email, this.emailConfirmation, 'register.error.email_mismatch', sameEmail),
      password: checks.newPassword(this.password, this.failedRules),
      passwordConfirmation: checks.again(this.password, this.passwordConfirmation, 'journey.error.password_mismatch'),
      acceptedTermsVersion: this.termsAccepted ? undefined : 'register.error.terms_required',
      captchaAnswer: checks.captcha(this.captchaAnswer, captchaRequired),
    });
    return Object.keys(this.errors).length === 0;
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
