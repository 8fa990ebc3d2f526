/** Which keys a field wants; a field names it in its `data-keyboard` attribute. */
export const KEYBOARD_KINDS = ['text', 'email', 'digits', 'pin'] as const;
export type KeyboardKind = (typeof KEYBOARD_KINDS)[number];

export const isKeyboardKind = (v: unknown): v is KeyboardKind =>
  typeof v === 'string' && (KEYBOARD_KINDS as readonly string[]).includes(v);
