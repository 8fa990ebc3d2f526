import type { Snippet } from 'svelte';
import type { MessageKey, MessageParams } from '../i18n/catalogue';
import type { KeyboardKind } from '../keyboard/kinds';

/** What every kiosk field takes: its label, value, help line and error (a message ID, never words). */
export interface FieldProps {
  id: string;
  label: string;
  value?: string;
  required?: boolean;
  hint?: string | null;
  error?: MessageKey | null;
  errorParams?: MessageParams;
  maxlength?: number;
  /** Shown under the field, after the error line (a suggestion, a checklist…). */
  after?: Snippet;
}

/**
 * The attributes every kiosk input carries: no system keyboard (`inputmode="none"`, ours opens on
 * `data-keyboard`), no browser memory of what was typed, and its state for screen readers.
 */
export const controlAttrs = (
  id: string,
  describedBy: string,
  required: boolean,
  invalid: boolean,
  keyboard: KeyboardKind,
) => ({
  id,
  required,
  'aria-required': required,
  'aria-invalid': invalid ? ('true' as const) : undefined,
  'aria-describedby': describedBy,
  inputmode: 'none' as const,
  autocomplete: 'off' as const,
  autocapitalize: 'off' as const,
  spellcheck: 'false' as const,
  'data-keyboard': keyboard,
});
export type ControlAttrs = ReturnType<typeof controlAttrs>;

/**
 * The digits of what is in `input`, at most `length`, put back in it: spaces of a number copied
 * from paper or a stray letter from a physical keyboard are dropped as they come.
 */
export function keepDigits(input: HTMLInputElement, length: number): string {
  const clean = input.value.replace(/\D/g, '').slice(0, length);
  if (clean !== input.value) input.value = clean;
  return clean;
}
