import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** 256-bit random token, base64url (43 characters): link tokens, session tokens, credentials. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** Six digits, uniformly drawn. */
export const randomCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * Tokens are stored as their SHA-256: they carry 256 bits of entropy, so a fast hash is enough and
 * lets the database look them up by hash. Codes are salted with their row's purpose and account so
 * a dump of the table does not reveal them by a 10⁶ lookup table shared across rows.
 */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');
export const hashCode = (code: string, salt: string): string =>
  createHash('sha256').update(`${salt}\n${code}`).digest('base64url');

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Enrolment codes are typed by a person from an admin's message: unambiguous letters, grouped. */
export function randomEnrolmentCode(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const chars = Array.from({ length: 16 }, () => alphabet[randomInt(0, alphabet.length)]!);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
export const normalizeEnrolmentCode = (code: string): string => code.toUpperCase().replace(/[^A-Z0-9]/g, '');
