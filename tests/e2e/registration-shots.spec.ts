import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { checkScreen, SCREEN_SIZES } from './screen-check';
import { demoTenant, lastMail, PASSWORD } from './registration-helpers';

/**
 * Every registration screen, the keyboard and the idle question, at the three kiosk sizes, in
 * French and Arabic: pictures to look at (saved when SHOTS_DIR is set), and on
 * each an axe scan (WCAG 2.2 AA) and a check that nothing spills past the screen's width.
 */
const SIZES = SCREEN_SIZES;
const LANGS = {
  fr: { name: 'Français', start: "Touchez l'écran pour commencer" },
  ar: { name: 'العربية', start: 'المس الشاشة للبدء' },
};

const shoot = (page: Page, info: TestInfo, name: string) => checkScreen(page, info, 'register', name);

async function begin(page: Page, lang: keyof typeof LANGS): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: LANGS[lang].name }).tap();
  await page.getByRole('button', { name: LANGS[lang].start }).tap();
  await page.locator('.cards button').first().tap();
  await expect(page.locator('#reg-account')).toBeVisible();
}

async function identity(page: Page, tenant: ReturnType<typeof demoTenant>): Promise<void> {
  await page.locator('#reg-account').fill(tenant.accountNumber.slice(2));
  await page.locator('#reg-last-name').fill(tenant.lastName);
  await page.locator('#reg-first-name').fill(tenant.firstName);
  const [y, m, d] = tenant.dateOfBirth.split('-') as [string, string, string];
  await page.locator('#reg-birth-day').fill(d);
  await page.locator('#reg-birth-month').fill(m);
  await page.locator('#reg-birth-year').fill(y);
}

const valider = (page: Page) => page.locator('form.step-form button[type="submit"]').tap();

for (const lang of ['fr', 'ar'] as const) {
  for (const [width, height] of SIZES) {
    test.describe(`${lang} ${width}×${height}`, () => {
      test.use({ viewport: { width, height } });

      test('step 1 with the captcha, the keyboards and the errors', async ({ page }, info) => {
        await begin(page, lang);
        await expect(page.locator('.captcha img')).toBeVisible();
        await shoot(page, info, `${lang}-step1`);
        await page.locator('#reg-account').tap();
        await expect(page.locator('.keyboard-dock .hg-button').first()).toBeVisible();
        await shoot(page, info, `${lang}-step1-keyboard-digits`);
        await page.locator('#reg-last-name').tap();
        await page.locator('.keyboard-dock [data-skbtn="{accents}"]').tap();
        await shoot(page, info, `${lang}-step1-keyboard-accents`);
        await page.locator('.keyboard-dock [data-skbtn="{hide}"]').tap();
        await expect(page.locator('.keyboard-dock')).toHaveCount(0);
        await page.locator('#reg-last-name').fill('Dupont2');
        await valider(page);
        await expect(page.locator('#reg-account')).toHaveAttribute('aria-invalid', 'true');
        await page.locator('.keyboard-dock [data-skbtn="{hide}"]').tap();
        await page.locator('main').evaluate((m) => m.scrollTo(0, 0));
        await shoot(page, info, `${lang}-step1-errors`);
      });

      test.describe('without captcha', () => {
        test.use({
          kioskEnv: { KIOSK_CAPTCHA: 'false', KIOSK_IDLE_WARN_SECONDS: '15', KIOSK_IDLE_COUNTDOWN_SECONDS: '5' },
        });

        test('outcomes, step 2, terms, activation, done', async ({ page, kiosk, request }, info) => {
          const index = 20 + (lang === 'ar' ? 2 : 0) + (width > height ? 1 : 0);
          const tenant = demoTenant(index);
          await begin(page, lang);
          await identity(page, { ...tenant, lastName: tenant.firstName, firstName: tenant.lastName });
          await valider(page);
          await expect(page.locator('.outcome')).toBeVisible();
          await shoot(page, info, `${lang}-step1-not-found`);

          await identity(page, tenant);
          await valider(page);
          await expect(page.locator('#reg-email')).toBeVisible();
          const email = `shots.${index}@gmial.com`;
          await page.locator('#reg-email').tap();
          await page.locator('#reg-email').pressSequentially(email);
          await shoot(page, info, `${lang}-step2-keyboard-email`);
          await page.locator('.suggestion button').tap();
          const fixed = email.replace('gmial', 'gmail');
          await page.locator('#reg-email-confirmation').fill(fixed);
          await page.locator('#reg-password').fill('Kiosque2024');
          await page.locator('#reg-password-confirmation').fill('Kiosque');
          await page.locator('.keyboard-dock [data-skbtn="{hide}"]').tap();
          await page.locator('#reg-password').scrollIntoViewIfNeeded();
          await shoot(page, info, `${lang}-step2-checklist`);

          await page.locator('.terms button.link').tap();
          await expect(page.locator('dialog.terms')).toBeVisible();
          await shoot(page, info, `${lang}-terms`);
          await page.locator('dialog.terms button.close').tap();

          await page.locator('#reg-password').fill(PASSWORD);
          await page.locator('#reg-password-confirmation').fill(PASSWORD);
          await page.locator('.terms input[type="checkbox"]').check();
          await valider(page);
          await expect(page.locator('#reg-code')).toBeVisible();
          await page.locator('.keyboard-dock').waitFor({ state: 'detached' });
          await shoot(page, info, `${lang}-activation`);

          await page.locator('#reg-code').tap();
          await page.locator('#reg-code').pressSequentially('000000');
          await page.locator('form.step-form button[type="submit"]').tap();
          await expect(page.locator('#reg-code')).toHaveAttribute('aria-invalid', 'true');
          await shoot(page, info, `${lang}-activation-wrong-code`);

          const mail = await lastMail(request, kiosk, fixed);
          await page.locator('#reg-code').fill(mail.codes[0]!);
          await page.locator('form.step-form button[type="submit"]').tap();
          await expect(page.locator('div.done')).toBeVisible();
          await shoot(page, info, `${lang}-done`);
        });

        test('the idle question over a half-typed form', async ({ page, kiosk }, info) => {
          await page.clock.install();
          await page.goto(kiosk.launchUrl);
          await begin(page, lang);
          await page.locator('#reg-last-name').fill('Martin');
          await page.clock.fastForward('00:16');
          await expect(page.locator('dialog.idle')).toBeVisible();
          await shoot(page, info, `${lang}-idle-question`);
        });
      });
    });
  }
}
