import { emailSchema } from '../../../../shared/rules/email';
import type { PasswordRule } from '../../../../shared/rules/password-policy';
import type { MessageKey } from '../i18n/catalogue';
import { SIX_DIGITS, type FieldErrors } from './fields';

/**
 * The checks every journey's form makes alone before its call, so an empty or malformed field
 * costs the tenant no attempt. Each gives the field's words, or undefined when all is well.
 */
type Check = MessageKey | undefined;

export const required = (value: string): Check => (value ? undefined : 'field.error.required');

export const email = (value: string): Check =>
  required(value) ?? (emailSchema.safeParse(value).success ? undefined : 'journey.error.email');

export const captcha = (answer: string, asked: boolean): Check =>
  !asked || SIX_DIGITS.test(answer) ? undefined : answer ? 'register.error.captcha_format' : 'field.error.required';

/** The length cap first, a common password said as such, other rules generally (the checklist says which). */
export const newPassword = (value: string, failed: readonly PasswordRule[]): Check =>
  required(value) ??
  (failed.includes('max_length')
    ? 'journey.error.password_long'
    : failed.length === 1 && failed[0] === 'not_common'
      ? 'journey.error.password_common'
      : failed.length > 0
        ? 'journey.error.password'
        : undefined);

/** A value typed a second time, `different` when it strays from the first (as `same` compares them). */
export const again = (first: string, second: string, different: MessageKey, same = (a: string, b: string) => a === b) =>
  required(second) ?? (same(first, second) ? undefined : different);

/** The fields the checks found something to say about. */
export const found = <F extends string>(checks: { [K in F]?: Check }): FieldErrors<F> =>
  Object.fromEntries(Object.entries(checks).filter(([, words]) => words)) as FieldErrors<F>;
