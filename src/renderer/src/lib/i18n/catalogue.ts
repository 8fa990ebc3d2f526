import type { Language } from '../../../../shared/locale';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../../shared/rules/password-lengths';
// Compiled by Paraglide JS from messages/<domain>/<locale>.json (`npm run i18n`), one module per
// language. French ships in the first bundle; the others arrive when someone picks them.
import * as fr from './paraglide/messages/fr.js';
import type * as compiled from './paraglide/messages/_index.js';

/** Every message ID, as written in messages/**.json; a missing one fails the typecheck. */
export type MessageKey = Extract<keyof typeof compiled, `${string}.${string}`>;
export type MessageParams = Record<string, string | number>;
/** One language's compiled messages; each locale module must have exactly French's exports. */
export type Messages = typeof fr;
type Message = (inputs?: MessageParams) => string;

/** Each language in its own words: a flag names a country, not a language. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  fr: 'Français',
  en: 'English',
  ar: 'العربية',
  pt: 'Português',
  tr: 'Türkçe',
};

const loaders: Record<Exclude<Language, 'fr'>, () => Promise<Messages>> = {
  en: () => import('./paraglide/messages/en.js'),
  ar: () => import('./paraglide/messages/ar.js'),
  pt: () => import('./paraglide/messages/pt.js'),
  tr: () => import('./paraglide/messages/tr.js'),
};

const loaded = new Map<Language, Messages>([['fr', fr]]);

export async function loadMessages(language: Language): Promise<Messages> {
  const cached = loaded.get(language);
  if (cached) return cached;
  const messages = await loaders[language as Exclude<Language, 'fr'>]();
  loaded.set(language, messages);
  return messages;
}

export const frenchMessages: Messages = fr;

/**
 * The export name Paraglide gives a message ID in a locale module (its `toSafeModuleId`): lower
 * case, `_` for anything else, one digit per capital. tests/unit/renderer/i18n-catalogue.test.ts
 * checks it against the compiled index for every ID, so a compiler change cannot slip by.
 */
export function exportName(key: string): string {
  const safe = key.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  if (/^[0-9]/.test(safe)) return `_${safe}`;
  const capitals = key.replace(/[^A-Z]/g, '').length;
  return capitals > 0 ? `${safe}${capitals}` : safe;
}

const names = new Map<string, string>();

/** Values any message may say, from the rule that sets them, so no catalogue repeats them. */
const RULE_VALUES: MessageParams = { passwordMin: PASSWORD_MIN_LENGTH, passwordMax: PASSWORD_MAX_LENGTH };

/** The message in `messages`' language; an ID missing there shows itself rather than nothing. */
export function render(messages: Messages, key: MessageKey, params?: MessageParams): string {
  let name = names.get(key);
  if (name === undefined) names.set(key, (name = exportName(key)));
  const message = (messages as unknown as Record<string, Message | undefined>)[name];
  return message ? message(params ? { ...RULE_VALUES, ...params } : RULE_VALUES) : key;
}
