import type { FIELD_REASONS } from '../../../../shared/kiosk-api/registration';
import type { FieldWords } from '../journey/fields';

/** The fields of both steps, by their names in the kiosk contract. */
export type IdentityField = 'accountNumber' | 'lastName' | 'firstName' | 'dateOfBirth' | 'captchaAnswer';
export type DetailsField =
  'email' | 'emailConfirmation' | 'password' | 'passwordConfirmation' | 'acceptedTermsVersion' | 'captchaAnswer';

/** `invalid_fields` reasons and `invalid_input` fields of both steps → the words next to the field. */
export const REGISTRATION_FIELD_WORDS: FieldWords<typeof FIELD_REASONS, IdentityField | DetailsField> = {
  reasons: {
    'dateOfBirth:invalid_date': 'register.error.invalid_date',
    'dateOfBirth:in_future': 'register.error.in_future',
    'dateOfBirth:too_old': 'register.error.too_old',
    'email:invalid': 'register.error.email',
    'emailConfirmation:mismatch': 'register.error.email_mismatch',
    'password:min_length': 'register.error.password',
    'password:max_length': 'register.error.password_long',
    'password:lower': 'register.error.password',
    'password:upper': 'register.error.password',
    'password:digit': 'register.error.password',
    'password:special': 'register.error.password',
    'password:not_common': 'register.error.password_common',
    'passwordConfirmation:mismatch': 'register.error.password_mismatch',
    'acceptedTermsVersion:required': 'register.error.terms_required',
    'acceptedTermsVersion:outdated': 'register.error.terms_outdated',
  },
  byField: {
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
  },
};
