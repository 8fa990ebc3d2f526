import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IDLE } from '../../src/shared/idle';
import { LANGUAGES } from '../../src/shared/locale';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../src/shared/rules/password-policy';

const root = join(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const DOCS = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** Repository paths a text cites: `src/…`, `docs/…`, `messages/<domain>/fr.json` (a `<name>` is any name). */
const CITED = /(?<![\w/.-])((?:src|tests|docs|messages|resources|bench|\.ci|project\.inlang)\/[\w.<>/-]*[\w>/])/g;

/** Whether `parts` name something below `dir`; a part with `<…>` matches any entry. */
function exists(dir: string, parts: string[]): boolean {
  const [head, ...rest] = parts;
  if (head === undefined || head === '') return true;
  if (!head.includes('<')) return existsSync(join(dir, head)) && exists(join(dir, head), rest);
  const escaped = head.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/<[^>]+>/g, '.+');
  const pattern = new RegExp(`^${escaped}$`);
  const entries = existsSync(dir) ? readdirSync(dir) : [];
  return entries.some((entry) => pattern.test(entry) && exists(join(dir, entry), rest));
}

describe('README.md and docs/ cite what exists', () => {
  it.each(DOCS)('%s: every repository path', (doc) => {
    const cited = [...read(doc).matchAll(CITED)].map((m) => m[1]!);
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.filter((path) => !exists(root, path.split('/')))).toEqual([]);
  });

  it.each(DOCS)('%s: every `npm run` script', (doc) => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    const cited = [...read(doc).matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1]!);
    expect(cited.filter((name) => !(name in scripts))).toEqual([]);
  });
});

// « Where to change what » sends a newcomer to one file per default; the text must say its values.
describe('the defaults the README states are the code’s', () => {
  it('idle: the configuration table gives src/shared/idle.ts’s values', () => {
    const readme = read('README.md');
    expect(readme).toMatch(new RegExp(`\\| \`idle\\.warnAfterSeconds\` .*\\| ${DEFAULT_IDLE.warnAfterSeconds} +\\|`));
    expect(readme).toMatch(new RegExp(`\\| \`idle\\.countdownSeconds\` .*\\| ${DEFAULT_IDLE.countdownSeconds} +\\|`));
  });

  it('password: the checklist’s words take the lengths from the rule, in every language (none writes them)', () => {
    for (const locale of LANGUAGES) {
      const registration = JSON.parse(read(`messages/registration/${locale}.json`)) as Record<string, string>;
      const journey = JSON.parse(read(`messages/journey/${locale}.json`)) as Record<string, string>;
      expect(registration['register.rules.min_length'], locale).toContain('{passwordMin}');
      expect(journey['journey.error.password_long'], locale).toContain('{passwordMax}');
      for (const text of [registration['register.rules.min_length'], journey['journey.error.password_long']])
        expect(text, locale).not.toMatch(new RegExp(`\\b(${PASSWORD_MIN_LENGTH}|${PASSWORD_MAX_LENGTH})\\b`));
    }
  });
});
