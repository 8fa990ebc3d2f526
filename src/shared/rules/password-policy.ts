import { z } from 'zod';
import { isCommonPassword } from './common-passwords';

import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-lengths';

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };

/** The seed's rules (length, lower, upper, digit, special), plus a length cap and the common list. */
export const PASSWORD_RULES = ['min_length', 'max_length', 'lower', 'upper', 'digit', 'special', 'not_common'] as const;
export type PasswordRule = (typeof PASSWORD_RULES)[number];

/** Length in characters as a person counts them (code points, so an emoji is one). */
const lengthOf = (s: string): number => [...s].length;

/**
 * Which rules the password breaks, in the order of the kiosk's live checklist; empty when it is
 * acceptable. "Special" is anything that is neither a letter nor a digit, space included.
 */
export function failedPasswordRules(password: string): PasswordRule[] {
  const failed: PasswordRule[] = [];
  const length = lengthOf(password);
  if (length < PASSWORD_MIN_LENGTH) failed.push('min_length');
  if (length > PASSWORD_MAX_LENGTH) failed.push('max_length');
  if (!/\p{Ll}/u.test(password)) failed.push('lower');
  if (!/\p{Lu}/u.test(password)) failed.push('upper');
  if (!/\p{Nd}/u.test(password)) failed.push('digit');
  if (!/[^\p{L}\p{N}]/u.test(password)) failed.push('special');
  if (length <= PASSWORD_MAX_LENGTH && isCommonPassword(password)) failed.push('not_common');
  return failed;
}

export const isAcceptablePassword = (password: string): boolean => failedPasswordRules(password).length === 0;

/**
 * A password on the wire: only bounded here (4× the cap, for multi-byte text); the policy itself is
 * checked by the receiver so it can answer which rules fail.
 */
export const passwordFieldSchema = z
  .string()
  .min(1)
  .max(PASSWORD_MAX_LENGTH * 4);
