/** Languages the kiosk offers. French is the landlord's language and the default. */
export const LANGUAGES = ['fr', 'en', 'ar', 'pt', 'tr'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'fr';

const RTL: ReadonlySet<Language> = new Set(['ar']);
export const directionOf = (language: Language): 'ltr' | 'rtl' => (RTL.has(language) ? 'rtl' : 'ltr');
