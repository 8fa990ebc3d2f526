import { z } from 'zod';

/** "02" then the 11 digits printed top-left on the rent notice: 13 digits in all. */
export const ACCOUNT_PREFIX = '02';
export const ACCOUNT_DIGITS = 11;
export const ACCOUNT_NUMBER_PATTERN = /^02\d{11}$/;

/**
 * What the tenant typed → the canonical 13-digit account number, or null. Spaces of any kind are
 * ignored; 11 digits alone are the part after the fixed "02" prefix the kiosk shows.
 */
export function normalizeAccountNumber(input: string): string | null {
  const compact = input.replace(/[\s\u00A0\u202F]/gu, '');
  if (/^\d{11}$/.test(compact)) return ACCOUNT_PREFIX + compact;
  if (ACCOUNT_NUMBER_PATTERN.test(compact)) return compact;
  return null;
}

/** On the wire (kiosk → portal) only the canonical form travels. */
export const accountNumberSchema = z.string().regex(ACCOUNT_NUMBER_PATTERN, 'account number: 02 then 11 digits');

/** For the kiosk: accepts what a tenant may type and yields the canonical form. */
export const typedAccountNumberSchema = z
  .string()
  .max(40)
  .transform((v, ctx) => {
    const n = normalizeAccountNumber(v);
    if (n === null) {
      ctx.addIssue({ code: 'custom', message: 'account number: 11 digits, or 13 starting with 02' });
      return z.NEVER;
    }
    return n;
  });
