import { z } from 'zod';
import { LANGUAGES } from '../../../../shared/locale';
import { emailSchema } from '../../../../shared/portal-api/common';

export const maskedEmailSchema = z.string().min(3);
/** The address typed at one step, carried by the states after it: to write to, to show, and in which language. */
export const addressShape = { email: emailSchema, maskedEmail: maskedEmailSchema, language: z.enum(LANGUAGES) };
/** An outbox row's id or an instant (epoch ms), as the states hold them. */
export const counted = z.number().int().nonnegative();

/**
 * "jean.dupont@orange.fr" → "j•••@o•••.fr": enough for the tenant to recognise the address on
 * screen, not enough for someone behind them to read it.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  const first = (s: string) => [...s][0] ?? '';
  return `${first(local)}•••@${first(host)}•••${tld}`;
}
