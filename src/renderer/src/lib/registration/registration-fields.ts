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
    'email:invalid': 'journey.error.email',
    'emailConfirmation:mismatch': 'register.error.email_mismatch',
    'password:min_length': 'journey.error.password',
    'password:max_length': 'journey.error.password_long',
    'password:lower': 'journey.error.password',
    'password:upper': 'journey.error.password',
    'password:digit': 'journey.error.password',
    'password:special': 'journey.error.password',
    'password:not_common': 'journey.error.password_common',
    'passwordConfirmation:mismatch': 'journey.error.password_mismatch',
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
    email: 'journey.error.email',
    emailConfirmation: 'register.error.email_mismatch',
    password: 'journey.error.password',
    passwordConfirmation: 'journey.error.password_mismatch',
    acceptedTermsVersion: 'register.error.terms_required',
  },
};
