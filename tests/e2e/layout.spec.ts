import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  heading,
  languageButton,
  openHelp,
  openTopic,
  setContrast,
  setTextSize,
  startVisit,
  WORDS,
  type Lang,
} from './help-support';

const SIZES = [
  { width: 1080, height: 1920 },
  { width: 1920, height: 1080 },
  { width: 1280, height: 1024 },
] as const;
/** Pictures to look at, saved only when asked for. */
const SHOTS = process.env.SHOTS_DIR;

/**
 * Nothing may be cut off: every visible element lies inside the window, except content of a
 * scrolling area (the screen's main part, a dialog), which may run below its fold but never past
 * its sides.
 */
async function offScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const scroller = (el: Element): Element | null => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        if (['auto', 'scroll'].includes(getComputedStyle(p).overflowY)) return p;
      }
      return null;
    };
    const bad: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      // Visually hidden text (1px, clipped) is for screen readers only.
      if (rect.width <= 1 && rect.height <= 1) continue;
      const area = scroller(el)?.getBoundingClientRect() ?? null;
      const left = area ? area.left : 0;
      const right = area ? area.right : window.innerWidth;
      const outside =
        rect.left < left - 0.5 ||
        rect.right > right + 0.5 ||
        (!area && (rect.top < -0.5 || rect.bottom > window.innerHeight + 0.5));
      if (outside) {
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
        bad.push(`${el.tagName.toLowerCase()}.${el.className} «${name}» ${JSON.stringify(rect.toJSON())}`);
      }
    }
    return bad;
  });
}

async function check(page: Page, name: string, shot: string | null): Promise<void> {
  // Let fonts and the lazily loaded help settle before measuring.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  expect(await offScreen(page), `${name}: elements off screen`).toEqual([]);
  if (shot && SHOTS) await page.screenshot({ path: `${SHOTS}/${shot}.png` });
}

/** Walks every screen this part of the UI shows, checking each; screenshots when `tag` is given. */
async function walk(page: Page, lang: Lang, tag: string | null, large = false): Promise<void> {
  const words = WORDS[lang];
  const shot = (screen: string) => (tag ? `${tag}-${screen}` : null);
  if (!large) await check(page, 'attract', shot('attract'));
  await startVisit(page, lang);
  if (large) {
    // High contrast changes no size; it rides along so that the screenshots show it too.
    await setTextSize(page, lang, 2);
    await setContrast(page, lang, true);
  }
  await check(page, 'home', shot('home'));
  await expect(page.getByRole('button', { name: words.finish })).toBeInViewport();

  await openHelp(page, lang);
  await check(page, 'help', shot('help'));
  for (let i = 0; i < words.topics.length; i++) {
    await openTopic(page, lang, i);
    await check(page, `help topic ${i}`, shot(`help-${i}`));
    await expect(page.getByRole('button', { name: words.finish })).toBeInViewport();
    if (i === 0) {
      await page.getByRole('button', { name: words.staff }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await check(page, 'staff dialog', shot('help-staff'));
      await page.getByRole('button', { name: words.close }).click();
    }
    await page.getByRole('button', { name: words.allQuestions }).click();
    await expect(heading(page, words.help)).toBeVisible();
  }
}

test.describe('layout at the three kiosk sizes', () => {
  test.beforeAll(() => void (SHOTS && mkdirSync(SHOTS, { recursive: true })));

  for (const size of SIZES) {
    for (const lang of ['fr', 'ar'] as const) {
      test(`${size.width}×${size.height} ${lang}: every screen fits, « Terminer » in view`, async ({ page }) => {
        await page.setViewportSize(size);
        await walk(page, lang, `${size.width}x${size.height}-${lang}`);
      });
    }
    test(`${size.width}×${size.height} with the largest text: still nothing off screen`, async ({ page }) => {
      await page.setViewportSize(size);
      await walk(page, 'fr', `${size.width}x${size.height}-fr-large-contrast`, true);
    });
  }
});

test.describe('a kiosk, not a document', () => {
  test('no pinch or double-tap zoom, no Ctrl + wheel zoom, no text selection', async ({ page }) => {
    await startVisit(page);
    // Touch pinch and double-tap zoom are browser gestures that only "auto"/"manipulation" allow.
    await expect(page.locator('body')).toHaveCSS('touch-action', 'pan-x pan-y');
    await expect(page.locator('body')).toHaveCSS('user-select', 'none');
    // A touchpad pinch arrives as Ctrl + wheel: the kiosk swallows it; a plain wheel still scrolls.
    const prevented = (ctrlKey: boolean) =>
      page.evaluate(
        (ctrl) =>
          !document
            .querySelector('main')!
            .dispatchEvent(new WheelEvent('wheel', { deltaY: -100, ctrlKey: ctrl, bubbles: true, cancelable: true })),
        ctrlKey,
      );
    expect(await prevented(true)).toBe(true);
    expect(await prevented(false)).toBe(false);
    const selected = await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('h1')!);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      return getComputedStyle(document.querySelector('h1')!).userSelect;
    });
    expect(selected).toBe('none');
  });
});

test.describe('Arabic script', () => {
  test('the kiosk brings its own Arabic font, fetched only when Arabic is on screen', async ({ page }) => {
    const fontRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('.woff2')) fontRequests.push(new URL(request.url()).pathname);
    });
    await startVisit(page);
    await page.evaluate(() => document.fonts.ready);
    expect(fontRequests).toEqual([]);

    await languageButton(page, 'ar').click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.evaluate(() => document.fonts.ready);
    expect(fontRequests.some((path) => path.includes('noto-sans-arabic-arabic'))).toBe(true);
    const loaded = await page.evaluate(() =>
      [...document.fonts].some((f) => f.family.includes('Noto Sans Arabic') && f.status === 'loaded'),
    );
    expect(loaded).toBe(true);
  });
});
