import { z } from 'zod';

export const MAX_AGE_YEARS = 120;
export type DateOfBirthProblem = 'invalid_date' | 'in_future' | 'too_old';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isRealDate = (y: number, m: number, d: number): boolean => {
  if (m < 1 || m > 12 || d < 1 || y < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  date.setUTCFullYear(y); // Date.UTC maps years 0–99 to 1900–1999
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
export const toIsoDate = (y: number, m: number, d: number): string => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

/** Today's calendar date (UTC) as YYYY-MM-DD; callers pass their own clock in tests. */
export const isoToday = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

/**
 * A date of birth as YYYY-MM-DD: a real calendar date, not after `today`, not more than 120 years
 * before it. Dates compare as strings because both sides are zero-padded ISO dates.
 */
export function checkDateOfBirth(iso: string, today: string = isoToday()): DateOfBirthProblem | null {
  const m = ISO_DATE.exec(iso);
  if (!m) return 'invalid_date';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isRealDate(y, mo, d)) return 'invalid_date';
  if (iso > today) return 'in_future';
  const ty = Number(today.slice(0, 4));
  const oldest = `${pad(ty - MAX_AGE_YEARS, 4)}${today.slice(4)}`;
  if (iso < oldest) return 'too_old';
  return null;
}

/** Day / month / year as chosen on the kiosk's three pickers → YYYY-MM-DD, or null. */
export function dateOfBirthFromParts(parts: { day: number; month: number; year: number }): string | null {
  const { day, month, year } = parts;
  if (![day, month, year].every(Number.isInteger) || year > 9999) return null;
  return isRealDate(year, month, day) ? toIsoDate(year, month, day) : null;
}

/** The wire form, checked against today's date at parse time. */
export const dateOfBirthSchema = z
  .string()
  .max(10)
  .superRefine((v, ctx) => {
    const problem = checkDateOfBirth(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
