import type { Page, TestInfo } from '@playwright/test';
import { activatedAccount, expect, nthMail, test } from './password-reset-helpers';
import { checkScreen, SCREEN_SIZES } from './screen-check';
import { demoTenant, PASSWORD } from './registration-helpers';

/**
 * Every screen of the forgotten password at the three kiosk sizes, in French and Arabic: pictures
 * to look at (saved when SHOTS_DIR is set), and on each an axe scan (WCAG 2.2 AA)
 * and a check that nothing spills past the screen's width.
 */
const SIZES = SCREEN_SIZES;
const LANGS = {
  fr: { name: 'Français', start: "Touchez l'écran pour commencer", entry: /^Mot de passe oublié/ },
  ar: { name: 'العربية', start: 'المس الشاشة للبدء', entry: /^نسيت كلمة المرور/ },
};

const shoot = (page: Page, info: TestInfo, name: string) => checkScreen(page, info, 'reset', name);

async function begin(page: Page, lang: keyof typeof LANGS): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: LANGS[lang].name }).tap();
  await page.getByRole('button', { name: LANGS[lang].start }).tap();
  await page.getByRole('button', { name: LANGS[lang].entry }).tap();
  await expect(page.locator('#reset-email')).toBeVisible();
}

const submit = (page: Page) => page.locator('form.step-form button[type="submit"]').tap();
const hideKeyboard = async (page: Page) => {
  await page.locator('.keyboard-dock [data-skbtn="{hide}"]').tap();
  await expect(page.locator('.keyboard-dock')).toHaveCount(0);
  await page.locator('main').evaluate((m) => m.scrollTo(0, 0));
};

for (const lang of ['fr', 'ar'] as const) {
  for (const [width, height] of SIZES) {
    test.describe(`${lang} ${width}×${height}`, () => {
      test.use({ viewport: { width, height } });

      test.describe('with the captcha', () => {
        test.use({ kioskEnv: { KIOSK_CAPTCHA: 'true' } });

        test('step 1, its keyboard and its errors', async ({ page }, info) => {
          await begin(page, lang);
          await expect(page.locator('.captcha img')).toBeVisible();
          await shoot(page, info, `${lang}-step1`);
          await page.locator('#reset-email').tap();
          await expect(page.locator('.keyboard-dock .hg-button').first()).toBeVisible();
          await shoot(page, info, `${lang}-step1-keyboard-email`);
          await page.locator('#reset-email').fill('tenant@orange');
          await page.locator('#reset-captcha').fill('12');
          await submit(page);
          await expect(page.locator('#reset-email')).toHaveAttribute('aria-invalid', 'true');
          await hideKeyboard(page);
          await shoot(page, info, `${lang}-step1-errors`);
        });
      });

      test('step 2, its errors, and done', async ({ page, portal, request }, info) => {
        const index = 64 + (lang === 'ar' ? 3 : 0) + SIZES.findIndex(([w, h]) => w === width && h === height);
        const email = `shots.${index}@gmail.com`;
        await activatedAccount(request, portal, demoTenant(index), email, PASSWORD);
        await begin(page, lang);
        await page.locator('#reset-email').fill(email);
        await submit(page);
        await expect(page.locator('#reset-code')).toBeVisible();
        await shoot(page, info, `${lang}-step2`);
        await page.locator('main').evaluate((m) => m.scrollTo(0, m.scrollHeight));
        await shoot(page, info, `${lang}-step2-bottom`);

        await page.locator('#reset-code').tap();
        await expect(page.locator('.keyboard-dock .hg-button').first()).toBeVisible();
        await shoot(page, info, `${lang}-step2-keyboard-digits`);
        await page.locator('#reset-code').fill('000000');
        await page.locator('#reset-password').fill('Tournesol');
        await shoot(page, info, `${lang}-step2-checklist`);
        await page.locator('#reset-password-confirmation').fill('Tournesol');
        await submit(page);
        await expect(page.locator('#reset-password')).toHaveAttribute('aria-invalid', 'true');
        await hideKeyboard(page);
        await shoot(page, info, `${lang}-step2-errors`);

        const mail = await nthMail(request, portal, email, /./, 2);
        await page.locator('#reset-code').fill(mail.codes[0] === '000000' ? '111111' : '000000');
        await page.locator('#reset-password').fill('Nouveau#Chemin-58');
        await page.locator('#reset-password-confirmation').fill('Nouveau#Chemin-58');
        await submit(page);
        await expect(page.locator('#reset-code')).toHaveAttribute('aria-invalid', 'true');
        await hideKeyboard(page);
        await shoot(page, info, `${lang}-step2-wrong-code`);

        await page.locator('#reset-code').fill(mail.codes[0]!);
        await page.locator('#reset-password').fill('Nouveau#Chemin-58');
        await page.locator('#reset-password-confirmation').fill('Nouveau#Chemin-58');
        await submit(page);
        await expect(page.locator('div.done')).toBeVisible();
        await page
          .locator('.keyboard-dock [data-skbtn="{hide}"]')
          .tap({ timeout: 2000 })
          .catch(() => undefined);
        await shoot(page, info, `${lang}-done`);
      });
    });
  }
}
