import { z } from 'zod';

export const EMAIL_MAX_LENGTH = 254;

/**
 * The address as stored: trimmed, NFC, domain lower-cased. The local part keeps its case (a mail
 * server may honour it) but uniqueness and lookups use `emailKey`.
 */
export function normalizeEmail(input: string): string {
  const trimmed = input.normalize('NFC').trim();
  const at = trimmed.lastIndexOf('@');
  if (at < 0) return trimmed;
  return trimmed.slice(0, at) + '@' + trimmed.slice(at + 1).toLowerCase();
}

/** One account per address regardless of case. */
export const emailKey = (input: string): string => normalizeEmail(input).toLowerCase();

export const emailSchema = z
  .string()
  .max(EMAIL_MAX_LENGTH + 20)
  .transform(normalizeEmail)
  .pipe(z.email().max(EMAIL_MAX_LENGTH));

/** Domains French tenants use most; typos of them get a "did you mean" at the kiosk. */
export const COMMON_DOMAINS = [
  'gmail.com',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'sfr.fr',
  'laposte.net',
  'hotmail.fr',
  'hotmail.com',
  'outlook.fr',
  'outlook.com',
  'yahoo.fr',
  'yahoo.com',
  'live.fr',
  'icloud.com',
  'bbox.fr',
  'neuf.fr',
  'aol.com',
] as const;

const KNOWN_TYPOS: Record<string, string> = {
  'gmial.com': 'gmail.com',
  'gmal.com': 'gmail.com',
  'gmai.com': 'gmail.com',
  'gamil.com': 'gmail.com',
  'gmail.fr': 'gmail.com',
  'gmail.con': 'gmail.com',
  'gmail.cm': 'gmail.com',
  'orange.fe': 'orange.fr',
  'orange.com': 'orange.fr',
  'ornage.fr': 'orange.fr',
  'wanadoo.com': 'wanadoo.fr',
  'hotmail.fe': 'hotmail.fr',
  'hotmial.fr': 'hotmail.fr',
  'hotmial.com': 'hotmail.com',
  'yahoo.fe': 'yahoo.fr',
  'laposte.fr': 'laposte.net',
  'laposte.ne': 'laposte.net',
  'free.fe': 'free.fr',
  'sfr.fe': 'sfr.fr',
  'outlok.fr': 'outlook.fr',
};

/** Edit distance ≤ 1 (substitution, insertion, deletion or adjacent swap). */
function nearlyEqual(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** A likely intended domain for a mistyped one ("gmial.com" → "gmail.com"), or null. */
export function suggestEmailDomain(email: string): string | null {
  const domain = email
    .slice(email.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase();
  if (!domain || (COMMON_DOMAINS as readonly string[]).includes(domain)) return null;
  return KNOWN_TYPOS[domain] ?? COMMON_DOMAINS.find((d) => nearlyEqual(domain, d)) ?? null;
}
