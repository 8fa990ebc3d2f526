import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const VERSION = (
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }
).version;

const START = "Touchez l'écran pour commencer";
const ENTRIES = ['Créer mon compte', 'Me connecter', 'Mot de passe oublié', 'Aide'];
/** Each entry's screen, by its heading. */
const SCREENS: Record<string, { heading: string }> = {
  'Créer mon compte': { heading: 'Première inscription' },
  'Me connecter': { heading: 'Me connecter' },
  'Mot de passe oublié': { heading: 'Mot de passe oublié' },
  Aide: { heading: 'Aide' },
};

const languageButton = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true });

async function startVisit(page: Page): Promise<void> {
  await page.getByRole('button', { name: START }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Que souhaitez-vous faire ?' })).toBeVisible();
}

test.describe('attract and home screens', () => {
  test('attract → home → each journey and back, calling startVisit on the first touch', async ({ page }) => {
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('heading', { level: 1, name: 'Mon espace locataire' })).toBeVisible();
    const started = page.waitForRequest((r) => r.url().endsWith('/api/call/startVisit') && r.method() === 'POST');
    await startVisit(page);
    await started;

    for (const title of ENTRIES) {
      await page.getByRole('button', { name: new RegExp(`^${title}`) }).click();
      await expect(page.getByRole('heading', { level: 1, name: SCREENS[title]!.heading })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Terminer' })).toBeVisible();
      await page.getByRole('button', { name: "Retour à l'accueil" }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Que souhaitez-vous faire ?' })).toBeVisible();
    }
    // The home screen has no "back to home" of its own.
    await expect(page.getByRole('button', { name: "Retour à l'accueil" })).toHaveCount(0);
  });

  test('the language switch shows each language by its own name and translates the screen', async ({ page }) => {
    await startVisit(page);
    const names = await page.getByRole('navigation').getByRole('button').allTextContents();
    expect(names.map((n) => n.trim())).toEqual(['Français', 'English', 'العربية', 'Português', 'Türkçe']);

    await languageButton(page, 'English').click();
    await expect(page.getByRole('heading', { level: 1, name: 'What would you like to do?' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await expect(languageButton(page, 'English')).toHaveAttribute('aria-current', 'true');

    await languageButton(page, 'العربية').click();
    await expect(page.getByRole('heading', { level: 1, name: 'ماذا تريد أن تفعل؟' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    // Mirrored layout: the card's icon now sits to the right of its title.
    const card = page.getByRole('button', { name: /^إنشاء حسابي/ });
    const icon = await card.locator('svg').boundingBox();
    const title = await card.getByText('إنشاء حسابي', { exact: true }).boundingBox();
    expect(icon!.x).toBeGreaterThan(title!.x + title!.width);

    // The language holds across screens.
    await card.click();
    await expect(page.getByRole('heading', { level: 1, name: 'التسجيل الأول' })).toBeVisible();
    await languageButton(page, 'Türkçe').click();
    await expect(page.getByRole('heading', { level: 1, name: 'İlk kayıt' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  });

  test('a language picked on the attract screen carries into the visit', async ({ page }) => {
    await languageButton(page, 'Português').click();
    await expect(page.getByRole('button', { name: 'Toque no ecrã para começar' })).toBeVisible();
    await page.getByRole('button', { name: 'Toque no ecrã para começar' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'O que pretende fazer?' })).toBeVisible();
  });

  test('« Terminer » ends the visit and returns to the attract screen in French', async ({ page }) => {
    await startVisit(page);
    await languageButton(page, 'العربية').click();
    await page.getByRole('button', { name: /^مساعدة/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'مساعدة' })).toBeVisible();

    const ended = page.waitForRequest((r) => r.url().endsWith('/api/call/endVisit'));
    await page.getByRole('button', { name: 'إنهاء' }).click();
    expect((await ended).postDataJSON()).toEqual({ reason: 'finished' });

    await expect(page.getByRole('button', { name: START })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await expect(languageButton(page, 'Français')).toHaveAttribute('aria-current', 'true');
  });

  test('a refused call is said in words, and the visitor stays on the attract screen', async ({ page, context }) => {
    // Without the launch cookie the bridge answers `forbidden`.
    await context.clearCookies();
    await page.getByRole('button', { name: START }).click();
    await expect(page.getByRole('alert')).toHaveText(
      "Cette borne doit être redémarrée. Demandez de l'aide à l'accueil.",
    );
    await expect(page.getByRole('button', { name: START })).toBeVisible();
    await languageButton(page, 'English').click();
    await page.getByRole('button', { name: 'Touch the screen to start' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      'This kiosk needs to be restarted. Please ask the reception staff for help.',
    );
  });

  test.describe('with an unreachable portal', () => {
    test.use({ kioskArgs: ['--portal-url', 'http://127.0.0.1:9'] });

    test('the status indicator shows the version and « hors ligne » without a portal', async ({ page }) => {
      const status = page.getByRole('status');
      await expect(status).toContainText(/hors ligne/i);
      await expect(status).toContainText(`Version ${VERSION}`);
      await startVisit(page);
      await expect(page.getByRole('status')).toContainText(/hors ligne/i);
      await languageButton(page, 'English').click();
      await expect(page.getByRole('status')).toContainText('Offline');
      await expect(page.getByRole('status')).toContainText(`Version ${VERSION}`);
    });
  });

  test('kiosk hygiene: no context menu, no text selection, large touch targets', async ({ page }) => {
    // A string, because the tests' TypeScript has no DOM library; it runs in the page.
    const prevented = await page.evaluate(
      "!document.body.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true }))",
    );
    expect(prevented).toBe(true);
    await expect(page.locator('body')).toHaveCSS('user-select', 'none');

    await startVisit(page);
    await page.getByRole('button', { name: /^Aide/ }).click();
    for (const button of await page.getByRole('button').all()) {
      const box = await button.boundingBox();
      expect(box!.width, await button.innerText()).toBeGreaterThanOrEqual(48);
      expect(box!.height, await button.innerText()).toBeGreaterThanOrEqual(48);
    }
  });
});

test.describe('layout adapts to the screen', () => {
  const cardBoxes = async (page: Page) =>
    Promise.all(
      ENTRIES.map(async (t) => (await page.getByRole('button', { name: new RegExp(`^${t}`) }).boundingBox())!),
    );

  test('portrait 1080×1920: the four entries in one column', async ({ page }) => {
    await page.setViewportSize({ width: 1080, height: 1920 });
    await startVisit(page);
    const boxes = await cardBoxes(page);
    for (let i = 1; i < boxes.length; i++) {
      expect(boxes[i]!.x).toBeCloseTo(boxes[0]!.x, 0);
      expect(boxes[i]!.y).toBeGreaterThan(boxes[i - 1]!.y + boxes[i - 1]!.height);
    }
  });

  test('landscape 1920×1080: the four entries two by two, all on screen', async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await startVisit(page);
    const [a, b, c, d] = await cardBoxes(page);
    expect(b!.y).toBeCloseTo(a!.y, 0);
    expect(b!.x).toBeGreaterThan(a!.x + a!.width);
    expect(c!.y).toBeGreaterThan(a!.y + a!.height);
    expect(d!.y).toBeCloseTo(c!.y, 0);
    await expect(page.getByRole('button', { name: 'Terminer' })).toBeInViewport();
    expect(d!.y + d!.height).toBeLessThanOrEqual(1080);
  });
});
