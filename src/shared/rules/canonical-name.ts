import { z } from 'zod';

/**
 * Hyphens, spaces and apostrophes in every form a keyboard, a word processor or a tenancy system
 * may produce. They are dropped from the canonical form, so "Jean-Pierre", "JEAN PIERRE" and
 * "jean pierre" compare equal — the seed's first FAQ is tenants failing on exactly this.
 */
const SEPARATORS =
  /[\s\u00A0\u1680\u2000-\u200B\u2028\u2029\u202F\u205F\u3000\uFEFF\-\u00AD\u2010-\u2015\u2043\u2212\uFE58\uFE63\uFF0D'\u2018\u2019\u201A\u201B\u2032\u2035\u02B9\u02BB\u02BC\u02BD\u0060\u00B4\uFF07]/gu;
const COMBINING_MARKS = /\p{M}/gu;

/** The form two names are compared on: NFKD, no combining marks, upper case, no separators. */
export function canonicalName(name: string): string {
  return name.normalize('NFKD').replace(COMBINING_MARKS, '').toUpperCase().replace(SEPARATORS, '');
}

/** Letters (any script), the separators above, and dots for abbreviations ("St."). */
const NAME_CHARACTERS = /^[\p{L}\p{M}\s\u00A0\u202F\-\u00AD\u2010-\u2015'\u2018\u2019\u02BC`\u00B4.]+$/u;
export const NAME_MAX_LENGTH = 100;

/** Bounded, letters and separators only, not separators alone. */
export const isPersonName = (v: string): boolean =>
  v.length <= NAME_MAX_LENGTH && NAME_CHARACTERS.test(v) && /\p{L}/u.test(v);

/** A last or first name as typed: bounded, letters and separators only, not separators alone. */
export const personNameSchema = z
  .string()
  .max(NAME_MAX_LENGTH)
  .refine(isPersonName, { message: 'letters, spaces, hyphens and apostrophes only, with at least one letter' });

export type IdentityMatch = 'match' | 'swapped' | 'none';

/**
 * Compares names typed at the kiosk with those on the lease. A first/last swap is worth a hint
 * to the tenant but is never accepted as a match.
 */
export function compareNames(
  typed: { lastName: string; firstName: string },
  onLease: { lastName: string; firstName: string },
): IdentityMatch {
  const tl = canonicalName(typed.lastName);
  const tf = canonicalName(typed.firstName);
  const ll = canonicalName(onLease.lastName);
  const lf = canonicalName(onLease.firstName);
  if (tl === ll && tf === lf) return 'match';
  if (tl === lf && tf === ll) return 'swapped';
  return 'none';
}
