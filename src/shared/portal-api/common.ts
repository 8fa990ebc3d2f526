import { z } from 'zod';
import { LANGUAGES } from '../locale';
import { accountNumberSchema } from '../rules/account-number';
import { personNameSchema } from '../rules/canonical-name';
import { dateOfBirthSchema } from '../rules/date-of-birth';
import { emailSchema } from '../rules/email';
import { passwordFieldSchema } from '../rules/password-policy';

/** Step 1 as the kiosk sends it: the account number already in its canonical 13-digit form. */
export const identitySchema = z.strictObject({
  accountNumber: accountNumberSchema,
  lastName: personNameSchema,
  firstName: personNameSchema,
  dateOfBirth: dateOfBirthSchema,
});
export type Identity = z.infer<typeof identitySchema>;

export const languageSchema = z.enum(LANGUAGES);
export { emailSchema, passwordFieldSchema };

export const sixDigitCodeSchema = z.string().regex(/^\d{6}$/, 'six digits');
/** Link tokens are 32 bytes, base64url: 43 characters. */
export const linkTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'link token');
export const isoDateTime = z.iso.datetime();
