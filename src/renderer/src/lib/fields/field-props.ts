import type { Snippet } from 'svelte';
import type { MessageKey, MessageParams } from '../i18n/catalogue';

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
