import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  entryCard,
  heading,
  languageButton,
  openHelp,
  openTopic,
  rootFontSize,
  setContrast,
  setTextSize,
  startVisit,
  WORDS,
  type Lang,
} from './help-support';
import { axeViolations as violations } from './screen-check';

/** Every screen a visitor can reach from home without typing, scanned one by one. */
async function scanVisit(page: Page, lang: Lang, size: 0 | 2, contrast: boolean): Promise<string[]> {
  const words = WORDS[lang];
  const found: string[] = [];
  await startVisit(page, lang);
  await setTextSize(page, lang, size);
  await setContrast(page, lang, contrast);
  found.push(...(await violations(page, 'home')));

  // The journeys' first screens: each entry card but help, then back home.
  const titles = await page.locator('main li button .title').allTextContents();
  for (const title of titles.filter((t) => t !== words.help)) {
    await entryCard(page, title).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    found.push(...(await violations(page, title)));
    await page.getByRole('button', { name: words.backHome }).click();
    await expect(heading(page, words.home)).toBeVisible();
  }

  await openHelp(page, lang);
  found.push(...(await violations(page, 'help')));
  for (let i = 0; i < words.topics.length; i++) {
    await openTopic(page, lang, i);
    // The drawing is an image: let it arrive before judging the page.
    await page.waitForFunction(() => [...document.images].every((img) => img.complete));
    found.push(...(await violations(page, `help topic ${i}`)));
    await page.getByRole('button', { name: words.allQuestions }).click();
  }
  await page.getByRole('button', { name: words.staff }).click();
  await expect(page.getByRole('dialog', { name: words.staffTitle })).toBeVisible();
  found.push(...(await violations(page, 'staff dialog')));
  return found;
}

/**
 * Language × text size × contrast, two values each: these four runs hold every pair of values
 * (an orthogonal array), which is where their interactions show, at half the time of all eight.
 */
const VARIANTS = [
  ['fr', 0, false],
  ['fr', 2, true],
  ['ar', 0, true],
  ['ar', 2, false],
] as const;

test.describe('axe: WCAG 2.2 AA on every screen', () => {
  for (const lang of ['fr', 'ar'] as const) {
    test(`attract screen (${lang})`, async ({ page }) => {
      if (lang !== 'fr') await languageButton(page, lang).click();
      await expect(page.getByRole('button', { name: WORDS[lang].start })).toBeVisible();
      expect(await violations(page, 'attract')).toEqual([]);
    });
  }

  for (const [lang, size, contrast] of VARIANTS) {
    const mode = `${size === 2 ? 'largest text' : 'normal text'}, contrast ${contrast ? 'high' : 'normal'}`;
    test(`every screen of a visit (${lang}, ${mode})`, async ({ page }) => {
      expect(await scanVisit(page, lang, size, contrast)).toEqual([]);
    });
  }
});

test.describe('reading comfort', () => {
  test('the text size changes the computed font size, in three steps, and resets at the end of the visit', async ({
    page,
  }) => {
    await startVisit(page);
    const base = await rootFontSize(page);
    const title = heading(page, WORDS.fr.home);
    const baseHeight = (await title.boundingBox())!.height;
    await expect(page.getByRole('button', { name: 'Texte normal' })).toHaveAttribute('aria-pressed', 'true');

    await setTextSize(page, 'fr', 1);
    expect(await rootFontSize(page)).toBeCloseTo(base * 1.25, 1);
    await setTextSize(page, 'fr', 2);
    expect(await rootFontSize(page)).toBeCloseTo(base * 1.5, 1);
    expect((await title.boundingBox())!.height).toBeGreaterThan(baseHeight * 1.4);
    await expect(page.getByRole('button', { name: 'Texte normal' })).toHaveAttribute('aria-pressed', 'false');

    // The setting holds across screens of the same visit…
    await openHelp(page);
    expect(await rootFontSize(page)).toBeCloseTo(base * 1.5, 1);

    // …and is gone for the next person.
    await page.getByRole('button', { name: WORDS.fr.finish }).click();
    await expect(page.getByRole('button', { name: WORDS.fr.start })).toBeVisible();
    expect(await rootFontSize(page)).toBeCloseTo(base, 1);
    await startVisit(page);
    await expect(page.getByRole('button', { name: 'Texte normal' })).toHaveAttribute('aria-pressed', 'true');
    expect(await rootFontSize(page)).toBeCloseTo(base, 1);
  });

  test('the high-contrast theme applies and resets at the end of the visit', async ({ page }) => {
    await startVisit(page);
    const html = page.locator('html');
    const background = () => html.evaluate((el) => getComputedStyle(el).backgroundColor);
    const defaultBackground = await background();

    await setContrast(page, 'fr', true);
    await expect(html).toHaveAttribute('data-contrast', 'high');
    await expect(heading(page, WORDS.fr.home)).toHaveCSS('color', 'rgb(0, 0, 0)');
    await expect(page.getByRole('button', { name: WORDS.fr.finish })).toHaveCSS('background-color', 'rgb(0, 0, 0)');
    expect(await background()).toBe('rgb(255, 255, 255)');
    expect(defaultBackground).not.toBe('rgb(255, 255, 255)');

    await setContrast(page, 'fr', false);
    await expect(html).not.toHaveAttribute('data-contrast', /.*/);
    await setContrast(page, 'fr', true);

    await page.getByRole('button', { name: WORDS.fr.finish }).click();
    await expect(page.getByRole('button', { name: WORDS.fr.start })).toBeVisible();
    await expect(html).not.toHaveAttribute('data-contrast', /.*/);
    await startVisit(page);
    await expect(page.getByRole('button', { name: 'Contraste élevé' })).toHaveAttribute('aria-pressed', 'false');
    expect(await background()).toBe(defaultBackground);
  });

  test('the settings live in memory only: nothing in web storage', async ({ page }) => {
    await startVisit(page);
    await setTextSize(page, 'fr', 2);
    await setContrast(page, 'fr', true);
    await openHelp(page);
    const stored = await page.evaluate(() => [localStorage.length, sessionStorage.length]);
    expect(stored).toEqual([0, 0]);
  });

  test('focus is visible on every control, in both themes', async ({ page }) => {
    await startVisit(page);
    await openHelp(page);
    for (const contrast of [false, true]) {
      await setContrast(page, 'fr', contrast);
      await heading(page, WORDS.fr.help).focus();
      const seen = new Set<string>();
      for (let i = 0; i < 20; i++) {
        await page.keyboard.press('Tab');
        const focus = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          // Between the last control and the first, focus leaves the page for a moment.
          if (el === document.body) return null;
          const style = getComputedStyle(el);
          return {
            name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim(),
            outline: style.outlineStyle,
            width: parseFloat(style.outlineWidth),
          };
        });
        if (!focus) continue;
        seen.add(focus.name);
        expect(focus.outline, focus.name).not.toBe('none');
        expect(focus.width, focus.name).toBeGreaterThanOrEqual(2);
      }
      // The tour went through the reading controls, the questions, the staff and the frame.
      expect([...seen]).toEqual(expect.arrayContaining(['Texte très grand', WORDS.fr.staff, WORDS.fr.finish]));
    }
  });

  test('every control is at least 48 × 48 CSS pixels at each text size', async ({ page }) => {
    await startVisit(page);
    await openHelp(page);
    await openTopic(page, 'fr', 0);
    for (const size of [0, 1, 2] as const) {
      await setTextSize(page, 'fr', size);
      for (const button of await page.getByRole('button').all()) {
        const box = (await button.boundingBox())!;
        const name = (await button.getAttribute('aria-label')) ?? (await button.innerText());
        expect(box.width, name).toBeGreaterThanOrEqual(48);
        expect(box.height, name).toBeGreaterThanOrEqual(48);
      }
    }
  });
});

/** A stand-in for the platform's speech synthesis: records what would be said, with which voice. */
function fakeSpeech(voices: { name: string; lang: string }[]): void {
  const spoken: { text: string; lang: string; voice: string | undefined }[] = [];
  let cancelled = 0;
  class Utterance {
    lang = '';
    rate = 1;
    voice: { name: string } | null = null;
    constructor(public text: string) {}
  }
  const synth = {
    getVoices: () => voices.map((v) => ({ ...v, localService: true, default: false, voiceURI: v.name })),
    speak: (u: Utterance) => spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.name }),
    cancel: () => void cancelled++,
    addEventListener: () => undefined,
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
  Object.defineProperty(window, '__speech', { value: { spoken, cancelled: () => cancelled } });
}

type SpeechLog = { spoken: { text: string; lang: string; voice: string }[]; cancelled: () => number };
const spoken = (page: Page) => page.evaluate(() => (window as unknown as { __speech: SpeechLog }).__speech.spoken);

test.describe('instructions read aloud', () => {
  test('« Écouter » reads the screen’s instruction in the language on screen, with a voice of it', async ({ page }) => {
    await page.addInitScript(fakeSpeech, [
      { name: 'Voix française', lang: 'fr-FR' },
      { name: 'Arabic voice', lang: 'ar-SA' },
    ]);
    await page.reload();
    await startVisit(page);
    await openHelp(page);
    await page.getByRole('button', { name: WORDS.fr.listen }).click();
    expect(await spoken(page)).toEqual([
      { text: 'Aide. Touchez votre question pour voir la réponse.', lang: 'fr-FR', voice: 'Voix française' },
    ]);

    await openTopic(page, 'fr', 1);
    await languageButton(page, 'ar').click();
    await page.getByRole('button', { name: WORDS.ar.listen }).click();
    expect((await spoken(page))[1]).toEqual({
      text: 'لا تستطيع إنشاء حسابك. انتبه: الموقّعون على عقد الإيجار وحدهم يمكنهم الحصول على حساب.',
      lang: 'ar-SA',
      voice: 'Arabic voice',
    });

    // Whatever is being said stops when the visit ends.
    const before = await page.evaluate(() => (window as unknown as { __speech: SpeechLog }).__speech.cancelled());
    await page.getByRole('button', { name: WORDS.ar.finish }).click();
    await expect(page.getByRole('button', { name: WORDS.fr.start })).toBeVisible();
    expect(
      await page.evaluate(() => (window as unknown as { __speech: SpeechLog }).__speech.cancelled()),
    ).toBeGreaterThan(before);
  });

  test('no « Écouter » where there is no voice for the language, or no speech at all', async ({ page }) => {
    await page.addInitScript(fakeSpeech, [{ name: 'Voix française', lang: 'fr-FR' }]);
    await page.reload();
    await startVisit(page);
    await expect(page.getByRole('button', { name: WORDS.fr.listen })).toBeVisible();
    await page.getByRole('navigation').getByRole('button', { name: 'Türkçe', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ne yapmak istersiniz?' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Dinle' })).toHaveCount(0);

    await page.addInitScript(() => {
      Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
    });
    await page.reload();
    await startVisit(page);
    await expect(page.getByRole('button', { name: WORDS.fr.contrast })).toBeVisible();
    await expect(page.getByRole('button', { name: WORDS.fr.listen })).toHaveCount(0);
  });
});
