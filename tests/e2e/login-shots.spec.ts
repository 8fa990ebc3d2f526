import type { Page, TestInfo } from '@playwright/test';
import { DEMO_LOGIN } from '../../src/portal/accounts/demo-login';
import { expect, test } from './fixtures';
import { checkScreen, SCREEN_SIZES } from './screen-check';
import { demoTenant, fillIdentity, fillLoginDetails, openRegistration, PASSWORD, submit } from './registration-helpers';

/**
 * The login screens at the kiosk's three screen sizes, in French and Arabic: pictures to look at
 * (saved when SHOTS_DIR is set), and on each an axe scan (WCAG 2.2 AA) and a check
 * that nothing spills past the screen's width.
 */
const SIZES = SCREEN_SIZES;
const LANGS = {
  fr: { name: 'Français', start: "Touchez l'écran pour commencer", finish: 'Terminer' },
  ar: { name: 'العربية', start: 'المس الشاشة للبدء', finish: 'إنهاء' },
};

const shoot = (page: Page, info: TestInfo, name: string) => checkScreen(page, info, 'login', name);

async function openLogin(page: Page, lang: keyof typeof LANGS): Promise<void> {
  // The page may be served before the kiosk core is up: tap the language again until it shows.
  await expect(async () => {
    await page.getByRole('navigation').getByRole('button', { name: LANGS[lang].name }).tap();
    await expect(page.getByRole('button', { name: LANGS[lang].start })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await page.getByRole('button', { name: LANGS[lang].start }).tap();
  await page.locator('.cards button').nth(1).tap();
  await expect(page.locator('#login-email')).toBeVisible();
}

async function attempt(page: Page, email: string, password: string): Promise<void> {
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(password);
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/call/login'));
  await page.locator('form.login-form button[type="submit"]').tap();
  await answered;
}

const hideKeyboard = async (page: Page) => {
  const hide = page.locator('.keyboard-dock [data-skbtn="{hide}"]');
  if (await hide.count()) await hide.first().tap();
  await expect(page.locator('.keyboard-dock')).toHaveCount(0);
};

// The registration made for the "not activated" picture has no captcha to read.
test.use({ kioskEnv: { KIOSK_CAPTCHA: 'false' } });

for (const lang of ['fr', 'ar'] as const) {
  for (const [index, [width, height]] of SIZES.entries()) {
    test.describe(`${lang} ${width}×${height}`, () => {
      test.use({ viewport: { width, height } });

      test('form, keyboard, refusals, slow-down, connected', async ({ page }, info) => {
        await openLogin(page, lang);
        await shoot(page, info, `${lang}-form`);
        await page.locator('#login-email').tap();
        await shoot(page, info, `${lang}-form-keyboard`);
        await hideKeyboard(page);

        await attempt(page, DEMO_LOGIN.email, 'Pas-Le-Bon-1!');
        await expect(page.getByRole('alert')).toBeVisible();
        await shoot(page, info, `${lang}-refused`);
        await attempt(page, 'autre@exemple.invalid', 'Pas-Le-Bon-2!');
        await attempt(page, 'encore@exemple.invalid', 'Pas-Le-Bon-3!');
        await expect(page.locator('form.login-form button[type="submit"]')).toBeDisabled();
        await shoot(page, info, `${lang}-wait`);
        await expect(page.locator('form.login-form button[type="submit"]')).toBeEnabled({ timeout: 15_000 });

        await attempt(page, DEMO_LOGIN.email, DEMO_LOGIN.password);
        await expect(page.locator('.signed-in')).toBeVisible();
        await shoot(page, info, `${lang}-connected`);
      });

      test('an account still waiting for its activation', async ({ page }, info) => {
        // A registration (in French) left at the activation step, then the visit ends.
        const email = `shots.login.${lang}.${index}@exemple.invalid`;
        await openRegistration(page);
        await fillIdentity(page, demoTenant(40 + index + (lang === 'ar' ? 3 : 0)));
        await submit(page);
        await fillLoginDetails(page, email);
        await submit(page);
        await expect(page.getByRole('heading', { level: 2, name: /Étape 3/ })).toBeVisible();
        await page.getByRole('button', { name: 'Terminer' }).tap();

        await openLogin(page, lang);
        await attempt(page, email, PASSWORD);
        await expect(page.locator('.pending')).toBeVisible();
        await shoot(page, info, `${lang}-not-activated`);
      });
    });
  }
}
