import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { LANGUAGES, type Language } from '../../shared/locale';

const manifestSchema = z.strictObject({
  version: z.string().min(1).max(32),
  fallback: z.enum(LANGUAGES),
  texts: z.partialRecord(z.enum(LANGUAGES), z.strictObject({ title: z.string().min(1), file: z.string().min(1) })),
});

export interface TermsText {
  version: string;
  language: Language;
  title: string;
  text: string;
}

export interface Terms {
  /** The version a tenant accepts; the portal refuses any other (terms_outdated). */
  readonly version: string;
  get(language: Language): TermsText;
}

/**
 * The terms of use shipped in resources/terms (terms.json names the version and one text per
 * language). Read once at start: a missing or malformed file stops the kiosk there, not later in
 * front of a tenant.
 */
export function loadTerms(resourcesDir: string): Terms {
  const dir = join(resourcesDir, 'terms');
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'terms.json'), 'utf8')));
  const texts = new Map<Language, TermsText>();
  for (const [language, entry] of Object.entries(manifest.texts) as [Language, { title: string; file: string }][]) {
    texts.set(language, {
      version: manifest.version,
      language,
      title: entry.title,
      text: readFileSync(join(dir, basename(entry.file)), 'utf8'),
    });
  }
  const fallback = texts.get(manifest.fallback);
  if (!fallback) throw new Error(`terms: no text for the fallback language ${manifest.fallback}`);
  return { version: manifest.version, get: (language) => texts.get(language) ?? fallback };
}
