import type { Language } from '../../../../shared/locale';
import { fr, type MessageKey, type Messages } from './fr';

export type { MessageKey, Messages };

/** Each language in its own words: a flag names a country, not a language. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  fr: 'Français',
  en: 'English',
  ar: 'العربية',
  pt: 'Português',
  tr: 'Türkçe',
};

// Only French ships in the first bundle; the others arrive when someone picks them.
const loaders: Record<Exclude<Language, 'fr'>, () => Promise<{ default: Messages }>> = {
  en: () => import('./en'),
  ar: () => import('./ar'),
  pt: () => import('./pt'),
  tr: () => import('./tr'),
};

const loaded = new Map<Language, Messages>([['fr', fr]]);

export async function loadMessages(language: Language): Promise<Messages> {
  const cached = loaded.get(language);
  if (cached) return cached;
  const messages = (await loaders[language as Exclude<Language, 'fr'>]()).default;
  loaded.set(language, messages);
  return messages;
}

export type MessageParams = Record<string, string | number>;

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export const format = (template: string, params?: MessageParams): string =>
  params ? template.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole)) : template;
