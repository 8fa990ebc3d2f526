import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Every language, every screen reachable without typing: nothing French may be left on screen
 * (a hard-coded word, a lazy screen that missed the switch, a message missing from a language).
 */
type Catalogue = Record<string, string>;
const messagesDir = join(import.meta.dirname, '..', '..', 'messages');
const domains = readdirSync(messagesDir, { withFileTypes: true }).filter((d) => d.isDirectory());
const catalogue = (language: string): Catalogue =>
  Object.assign(
    {},
    ...domains.map((d) => JSON.parse(readFileSync(join(messagesDir, d.name, `${language}.json`), 'utf8')) as Catalogue),
  );
const fr = catalogue('fr');
const OWN_NAMES = { en: 'English', ar: 'العربية', pt: 'Português', tr: 'Türkçe' } as const;

/** The words on screen: text nodes, and what is said of controls and images. */
const wordsOnScreen = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      if (text) out.push(text);
    }
    for (const el of document.body.querySelectorAll('[aria-label],[title],[alt],[placeholder]')) {
      for (const name of ['aria-label', 'title', 'alt', 'placeholder']) {
        const value = el.getAttribute(name)?.trim();
        if (value) out.push(value);
      }
    }
    return out;
  });

for (const [language, ownName] of Object.entries(OWN_NAMES)) {
  const words = catalogue(language);
  // French messages this language words differently, without placeholders (compared whole).
  const french = new Map(
    Object.entries(fr)
      .filter(([key, text]) => key !== '$schema' && !text.includes('{') && words[key] !== text)
      .map(([key, text]) => [text, key]),
  );
  const leaks = async (page: Page, where: string): Promise<string[]> =>
    (await wordsOnScreen(page)).filter((w) => french.has(w)).map((w) => `${where}: ${french.get(w)} "${w}"`);

  test(`${language}: no French left on any screen reachable by touch`, async ({ page }) => {
    await page.getByRole('navigation').getByRole('button', { name: ownName, exact: true }).click();
    await page.getByRole('button', { name: words['attract.prompt'] }).click();
    const home = page.getByRole('heading', { level: 1, name: words['home.title'], exact: true });
    await expect(home).toBeVisible();
    const found = await leaks(page, 'home');

    const entries = await page.locator('main li button .title').allTextContents();
    expect(entries.length).toBeGreaterThanOrEqual(4);
    for (const title of entries) {
      await page.locator('main li button', { hasText: title }).click();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(home).toBeHidden();
      found.push(...(await leaks(page, title)));
      if (title === words['home.help.title']) {
        const topics = page.locator('main li button');
        for (let i = 0; i < (await topics.count()); i++) {
          await topics.nth(i).click();
          found.push(...(await leaks(page, `${title} ${i}`)));
          await page.getByRole('button', { name: words['help.all'], exact: true }).click();
        }
      }
      await page.getByRole('button', { name: words['action.home'] }).click();
      await expect(home).toBeVisible();
    }
    expect(found).toEqual([]);
  });
}
