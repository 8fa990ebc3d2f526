import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../src/shared/locale';

/**
 * The messages as translators write them (messages/<domain>/<locale>.json, compiled by Paraglide
 * JS) and as the renderer reads them (the compiled modules, looked up by message ID).
 */
const root = join(import.meta.dirname, '..', '..', '..');
const messagesDir = join(root, 'messages');
type Catalogue = Record<string, string>;

const domains = readdirSync(messagesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const read = (domain: string, language: string): Catalogue => {
  const { $schema: _schema, ...messages } = JSON.parse(
    readFileSync(join(messagesDir, domain, `${language}.json`), 'utf8'),
  ) as Catalogue;
  return messages;
};
const merged = (language: string): Catalogue => Object.assign({}, ...domains.map((d) => read(d, language)));
const fr = merged('fr');
const TRANSLATIONS = Object.fromEntries(LANGUAGES.filter((l) => l !== 'fr').map((l) => [l, merged(l)]));
const ar = TRANSLATIONS.ar!;

/**
 * Words spelt the same in French and in at least one other language here ("Email", "Version",
 * "Activation"): a message made only of them may read exactly as the French.
 */
const NEUTRAL_WORDS = new Set(
  ['email', 'e-mail', 'version', 'ok', 'captcha', 'code', 'pin', 'spam', 'no-reply', 'internet', 'wi-fi'].concat([
    'activation',
    'confirmation',
    'date',
    'message',
    'question',
    'validation',
    'information',
    'image',
    'menu',
  ]),
);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** True when a translation may read exactly as the French: no words, or only neutral ones. */
function mayEqualFrench(key: string, text: string): boolean {
  if (key === 'brand.name') return true;
  const words = text.replace(/\{\w+\}/g, ' ').match(/[\p{L}][\p{L}\p{M}.@-]*/gu) ?? [];
  // Also neutral: domains and addresses, unit symbols ("s"), and input masks ("MM", "AAAA").
  const neutral = (w: string) =>
    NEUTRAL_WORDS.has(w.toLowerCase()) || /[.@]/.test(w) || w.length === 1 || /^\p{Lu}{2,4}$/u.test(w);
  return words.every(neutral);
}

describe('the message catalogues', () => {
  const keys = Object.keys(fr);

  it('the inlang project compiles every domain folder, and nothing else', () => {
    const settings = JSON.parse(readFileSync(join(root, 'project.inlang', 'settings.json'), 'utf8')) as {
      locales: string[];
      'plugin.inlang.messageFormat': { pathPattern: string[] };
    };
    expect([...settings.locales].sort()).toEqual([...LANGUAGES].sort());
    const compiled = settings['plugin.inlang.messageFormat'].pathPattern.map((p) => /messages\/([^/]+)\//.exec(p)?.[1]);
    expect(domains.every((d) => compiled.includes(d))).toBe(true);
  });

  it('message IDs are unique across domains and name their domain', () => {
    const all = domains.flatMap((d) => Object.keys(read(d, 'fr')));
    expect(all.length).toBe(new Set(all).size);
    expect(all.filter((k) => !k.includes('.'))).toEqual([]);
  });

  it.each(domains.flatMap((d) => LANGUAGES.map((l) => [d, l])))('%s/%s.json has exactly the French keys', (d, l) => {
    expect(Object.keys(read(d, l)).sort()).toEqual(Object.keys(read(d, 'fr')).sort());
  });

  it.each([['fr', fr], ...Object.entries(TRANSLATIONS)])('%s has no empty message', (_lang, messages) => {
    const empty = Object.entries(messages).filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
  });

  it.each(Object.entries(TRANSLATIONS))('%s keeps every {placeholder} of the French', (_lang, messages) => {
    const wrong = keys.filter((k) => placeholders(messages[k] ?? '').join() !== placeholders(fr[k] ?? '').join());
    expect(wrong).toEqual([]);
  });

  it.each(Object.entries(TRANSLATIONS))('%s translates what is not language-neutral', (_lang, messages) => {
    const untranslated = keys.filter((k) => messages[k] === fr[k] && !mayEqualFrench(k, fr[k] ?? ''));
    expect(untranslated).toEqual([]);
  });

  it('Arabic messages are written in Arabic', () => {
    const latinOnly = keys.filter((k) => !mayEqualFrench(k, ar[k] ?? '') && !/\p{Script=Arabic}/u.test(ar[k] ?? ''));
    expect(latinOnly).toEqual([]);
  });

  it('one message per meaning: no French text under two keys, but those that mean different things', () => {
    // A connection / a form being checked; the kiosk's software / the terms' edition; a last name / a kiosk's name.
    const apart = new Set(['Vérification…', 'Version {version}', 'Nom']);
    const byText = new Map<string, string[]>();
    for (const [key, text] of Object.entries(fr)) byText.set(text, [...(byText.get(text) ?? []), key]);
    const repeated = [...byText].filter(([text, keys]) => keys.length > 1 && !apart.has(text));
    expect(repeated).toEqual([]);
  });

  it('the neutral-word rule still catches a forgotten translation', () => {
    expect(mayEqualFrench('x', 'Email')).toBe(true);
    expect(mayEqualFrench('x', 'Version {version}')).toBe(true);
    expect(mayEqualFrench('x', 'gmail.com')).toBe(true);
    expect(mayEqualFrench('x', '{seconds} s')).toBe(true);
    expect(mayEqualFrench('x', 'AAAA')).toBe(true);
    expect(mayEqualFrench('x', 'Votre email')).toBe(false);
    expect(mayEqualFrench('x', 'Terminer')).toBe(false);
  });
});

// The compiled side, loaded by path like every renderer module in these Node tests.
const i18nDir = join(root, 'src', 'renderer', 'src', 'lib', 'i18n');
type Compiled = Record<string, (inputs?: Record<string, unknown>) => string>;
const catalogue = (await import(/* @vite-ignore */ join(i18nDir, 'catalogue.ts'))) as {
  exportName: (key: string) => string;
  loadMessages: (language: string) => Promise<Compiled>;
  render: (messages: Compiled, key: string, params?: Record<string, string | number>) => string;
};

describe('the compiled messages', () => {
  it('the renderer finds each message under the name Paraglide gave it', () => {
    const index = readFileSync(join(i18nDir, 'paraglide', 'messages', '_index.js'), 'utf8');
    const renamed = [...index.matchAll(/export \{ (\w+) as "([^"]+)" \}/g)].map(
      ([, name, key]) => [key!, name!] as const,
    );
    expect(renamed.map(([key]) => key).sort()).toEqual(Object.keys(fr).sort());
    expect(renamed.filter(([key, name]) => catalogue.exportName(key) !== name)).toEqual([]);
  });

  it.each(LANGUAGES.map((l) => [l]))('%s: every message renders, in its own language', async (language) => {
    const messages = await catalogue.loadMessages(language);
    const source = language === 'fr' ? fr : TRANSLATIONS[language]!;
    const params = (k: string) => Object.fromEntries(placeholders(fr[k]!).map((p) => [p, `«${p}»`]));
    const wrong = Object.keys(fr).filter(
      (k) => catalogue.render(messages, k, params(k)) !== source[k]!.replace(/\{(\w+)\}/g, '«$1»'),
    );
    expect(wrong).toEqual([]);
  });

  it('the password lengths are said from the rule itself, no caller passing them', async () => {
    const { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } = await import('../../../src/shared/rules/password-lengths');
    const messages = await catalogue.loadMessages('fr');
    expect(catalogue.render(messages, 'register.rules.min_length')).toBe(`au moins ${PASSWORD_MIN_LENGTH} caractères`);
    expect(catalogue.render(messages, 'journey.error.password_long')).toBe(
      `${PASSWORD_MAX_LENGTH} caractères au plus.`,
    );
    const arabic = await catalogue.loadMessages('ar');
    expect(catalogue.render(arabic, 'register.rules.min_length', {})).toContain(String(PASSWORD_MIN_LENGTH));
  });

  it('an unknown ID shows itself instead of nothing', async () => {
    expect(catalogue.render(await catalogue.loadMessages('fr'), 'no.such.message')).toBe('no.such.message');
  });
});
