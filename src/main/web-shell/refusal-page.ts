import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { directionOf, LANGUAGES } from '../../shared/locale';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page a used or wrong launch link gets: « this kiosk needs to be restarted », in every
 * language (who opened it is unknown), worded in messages/app like the kiosk's own screens.
 */
export function launchRefusedPage(messagesDir: string): string {
  const said = LANGUAGES.map((language) => {
    const messages = JSON.parse(readFileSync(join(messagesDir, 'app', `${language}.json`), 'utf8')) as Record<
      string,
      string
    >;
    return { language, brand: messages['brand.name'] ?? '', text: messages['error.forbidden'] ?? '' };
  });
  const brand = escapeHtml(said[0]!.brand);
  const paragraphs = said
    .map((s) => `<p lang="${s.language}" dir="${directionOf(s.language)}">${escapeHtml(s.text)}</p>`)
    .join('\n');
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${brand}</title></head>
<body><h1>${brand}</h1>
${paragraphs}
</body></html>`;
}
