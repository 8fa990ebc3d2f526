import type { PasswordRule } from '../../../../shared/rules/password-policy';
import { PASSWORD_RULES } from '../../../../shared/rules/password-policy';
import type { MessageKey } from '../i18n/catalogue';

/** Every journey's form: an error per field, worded. */
export type FieldErrors<F extends string> = Partial<Record<F, MessageKey>>;

/** `<field>:<reason>` for every reason a contract's `*FIELD_REASONS` table lists. */
export type ReasonOf<R> = {
  [F in keyof R & string]: R[F] extends readonly (infer X extends string)[] ? `${F}:${X}` : never;
}[keyof R & string];

/**
 * How a journey words its fields' refusals. `reasons` is total over the contract's reasons, so a
 * new reason fails the typecheck until it has words; `byField` says a field's shape was refused
 * (`invalid_input`).
 */
export interface FieldWords<R, F extends string> {
  reasons: Record<ReasonOf<R>, MessageKey>;
  byField: Partial<Record<F | 'captchaId', MessageKey>>;
}

/**
 * A refusal's `fields` → an error per field of the form. Entries for other fields are dropped; the
 * first reason given for a field wins; captchaId counts as the captcha's field. Several password
 * rules broken at once: the checklist says which, the field says it generally (`byField`).
 */
export function fieldErrors<R, F extends string>(
  words: FieldWords<R, string>,
  fields: readonly string[] | undefined,
  known: readonly F[],
): FieldErrors<F> {
  const errors: FieldErrors<F> = {};
  const reasons = words.reasons as Record<string, MessageKey>;
  const byField = words.byField as Record<string, MessageKey>;
  for (const entry of fields ?? []) {
    const [name = '', reason] = entry.split(':');
    const field = (name === 'captchaId' ? 'captchaAnswer' : name) as F;
    if (!known.includes(field) || errors[field]) continue;
    const only = (fields ?? []).filter((f) => f.startsWith(`${name}:`)).length === 1;
    const rule = PASSWORD_RULES.includes(reason as PasswordRule);
    const key = (reason && (!rule || only || reason === 'max_length') && reasons[entry]) || byField[name];
    if (key) errors[field] = key;
  }
  return errors;
}

/** A captcha answer, an email's code: six digits, the one pattern of every journey. */
export const SIX_DIGITS = /^\d{6}$/;

/** The refusals of an email's six-digit code, each said next to its field. */
const CODE_REFUSALS: readonly string[] = ['code_wrong', 'code_expired', 'code_locked'];
export const isCodeRefusal = (code: string): code is 'code_wrong' | 'code_expired' | 'code_locked' =>
  CODE_REFUSALS.includes(code);

/** A captcha as drawn for a form (newCaptcha). */
export type Captcha = { id: string; image: string; width: number; height: number };

/** The seed's rules in the order of the live checklist (the length cap is said only when broken). */
export type ChecklistRule = Exclude<PasswordRule, 'max_length'>;
export const CHECKLIST: readonly ChecklistRule[] = PASSWORD_RULES.filter((r): r is ChecklistRule => r !== 'max_length');

export type Match = 'match' | 'mismatch' | null;

/** "Same" once the second entry is as long as the first; "different" as soon as it strays. */
export function matchOf(first: string, second: string): Match {
  if (!second) return null;
  if (first === second) return 'match';
  return first.startsWith(second) ? null : 'mismatch';
}

/** Keeps an address or a number in its own direction inside a sentence of either direction. */
export const isolate = (text: string): string => `\u2068${text}\u2069`;

/** Seconds → "m:ss", a countdown read the same way in every language. */
export const clockTime = (seconds: number): string => {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};
