import type { CallInput } from '../../../../shared/kiosk-api/types';
import { isPersonName } from '../../../../shared/rules/canonical-name';
import { checkDateOfBirth, dateOfBirthFromParts, isoToday } from '../../../../shared/rules/date-of-birth';
import { normalizeAccountNumber } from '../../../../shared/rules/account-number';
import type { FieldErrors } from '../journey/fields';
import * as checks from '../journey/form-checks';
import type { IdentityField } from './registration-fields';

export const IDENTITY_FIELDS: readonly IdentityField[] = [
  'accountNumber',
  'lastName',
  'firstName',
  'dateOfBirth',
  'captchaAnswer',
];

/** Step 1 as typed: kept as typed through refusals, except the captcha answer. */
export class IdentityForm {
  accountNumber = $state('');
  lastName = $state('');
  firstName = $state('');
  day = $state('');
  month = $state('');
  year = $state('');
  captchaAnswer = $state('');
  errors = $state<FieldErrors<IdentityField>>({});

  get dateOfBirth(): string | null {
    return dateOfBirthFromParts({ day: Number(this.day), month: Number(this.month), year: Number(this.year) });
  }

  /** The checks the kiosk can make alone, with the shared rules; true when there is nothing to say. */
  check(captchaRequired: boolean, today: string = isoToday()): boolean {
    const errors: FieldErrors<IdentityField> = {};
    if (!this.accountNumber) errors.accountNumber = 'field.error.required';
    else if (!normalizeAccountNumber(this.accountNumber)) errors.accountNumber = 'register.error.account';
    for (const field of ['lastName', 'firstName'] as const) {
      const value = this[field].trim();
      if (!value) errors[field] = 'field.error.required';
      else if (!isPersonName(value)) errors[field] = 'register.error.name';
    }
    if (!this.day && !this.month && !this.year) errors.dateOfBirth = 'field.error.required';
    else {
      const iso = this.year.length === 4 ? this.dateOfBirth : null;
      const problem = iso ? checkDateOfBirth(iso, today) : 'invalid_date';
      if (problem) errors.dateOfBirth = `register.error.${problem}`;
    }
    const captcha = checks.captcha(this.captchaAnswer, captchaRequired);
    if (captcha) errors.captchaAnswer = captcha;
    this.errors = errors;
    return Object.keys(errors).length === 0;
  }

  input(captchaId: string | null): CallInput<'submitIdentity'> {
    return {
      accountNumber: this.accountNumber,
      lastName: this.lastName.trim(),
      firstName: this.firstName.trim(),
      dateOfBirth: this.dateOfBirth ?? '',
      ...(captchaId ? { captchaId, captchaAnswer: this.captchaAnswer } : {}),
    };
  }

  clearSecrets(): void {
    this.captchaAnswer = '';
  }

  reset(): void {
    this.accountNumber = this.lastName = this.firstName = '';
    this.day = this.month = this.year = '';
    this.captchaAnswer = '';
    this.errors = {};
  }
}
