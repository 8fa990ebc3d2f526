import { failedPasswordRules, type PasswordRule } from '../../../../shared/rules/password-policy';
import type { RESET_FIELD_REASONS } from '../../../../shared/kiosk-api/password-reset';
import { matchOf, SIX_DIGITS, type FieldErrors, type FieldWords } from '../journey/fields';
import * as checks from '../journey/form-checks';

export type RequestField = 'email' | 'captchaAnswer';
export type ConfirmField = 'code' | 'newPassword' | 'newPasswordConfirmation';

/** `invalid_fields` reasons and `invalid_input` fields of both steps → the words next to the field. */
export const RESET_FIELD_WORDS: FieldWords<typeof RESET_FIELD_REASONS, RequestField | ConfirmField> = {
  reasons: {
    'email:invalid': 'journey.error.email',
    'newPassword:min_length': 'journey.error.password',
    'newPassword:max_length': 'journey.error.password_long',
    'newPassword:lower': 'journey.error.password',
    'newPassword:upper': 'journey.error.password',
    'newPassword:digit': 'journey.error.password',
    'newPassword:special': 'journey.error.password',
    'newPassword:not_common': 'journey.error.password_common',
    'newPasswordConfirmation:mismatch': 'journey.error.password_mismatch',
  },
  byField: {
    email: 'journey.error.email',
    captchaAnswer: 'register.error.captcha_format',
    captchaId: 'register.error.captcha_expired',
    code: 'reset.error.code_format',
    newPassword: 'journey.error.password',
    newPasswordConfirmation: 'journey.error.password_mismatch',
  },
};

/** Step 1 as typed: the address stays whatever happens; the captcha answer goes after each try. */
export class RequestForm {
  email = $state('');
  captchaAnswer = $state('');
  errors = $state<FieldErrors<RequestField>>({});

  check(captchaRequired: boolean): boolean {
    this.errors = checks.found({
      email: checks.email(this.email),
      captchaAnswer: checks.captcha(this.captchaAnswer, captchaRequired),
    });
    return Object.keys(this.errors).length === 0;
  }

  reset(): void {
    this.email = this.captchaAnswer = '';
    this.errors = {};
  }
}

/** Step 2 as typed: the code is cleared after each answer, the passwords once used or refused. */
export class ConfirmForm {
  code = $state('');
  newPassword = $state('');
  newPasswordConfirmation = $state('');
  errors = $state<FieldErrors<ConfirmField>>({});

  readonly failedRules = $derived<readonly PasswordRule[]>(failedPasswordRules(this.newPassword));
  readonly passwordMatch = $derived(matchOf(this.newPassword, this.newPasswordConfirmation));

  check(): boolean {
    this.errors = checks.found({
      code: checks.required(this.code) ?? (SIX_DIGITS.test(this.code) ? undefined : 'reset.error.code_format'),
      newPassword: checks.newPassword(this.newPassword, this.failedRules),
      newPasswordConfirmation: checks.again(
        this.newPassword,
        this.newPasswordConfirmation,
        'journey.error.password_mismatch',
      ),
    });
    return Object.keys(this.errors).length === 0;
  }

  /**
   * After a try: the code always goes; the passwords only once used, or when they were themselves
   * refused (a wrong code keeps the new password the tenant typed).
   */
  clearSecrets({ passwords = false } = {}): void {
    this.code = '';
    if (passwords || this.errors.newPassword || this.errors.newPasswordConfirmation)
      this.newPassword = this.newPasswordConfirmation = '';
  }

  reset(): void {
    this.clearSecrets({ passwords: true });
    this.errors = {};
  }
}
