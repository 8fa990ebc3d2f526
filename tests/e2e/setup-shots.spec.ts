import type { Page, TestInfo } from '@playwright/test';
import { revokeKiosk } from '../../src/portal/kiosks/service';
import { checkScreen } from './screen-check';
import { bridgeCall, expect, field, newCode, SETUP_PIN, test, VERIFY, W } from './setup-helpers';

/**
 * The set-up screen, its summary and « borne désactivée » in portrait and landscape, in French
 * and Arabic (right to left): pictures to look at (SHOTS_DIR), axe, nothing past the width.
 */
const SIZES = [
  [1080, 1920],
  [1920, 1080],
] as const;

async function atEverySize(page: Page, info: TestInfo, name: string): Promise<void> {
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await checkScreen(page, info, 'setup', name);
  }
}

for (const lang of ['fr', 'ar'] as const) {
  test(`set-up, summary and « borne désactivée » screens (${lang})`, async ({ page, portal }, info) => {
    test.slow();
    const heading = (name: string) => page.getByRole('heading', { level: 1, name, exact: true });
    await expect(heading(W.fr.title)).toBeVisible();
    if (lang === 'ar') {
      await page.getByTestId('setup-gate').getByRole('button', { name: W.ar.language, exact: true }).click();
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    }
    const t = lang === 'ar' ? W.ar : W.fr;
    await expect(heading(t.title)).toBeVisible();
    // A refused code shows its words next to the field.
    await field(page, lang === 'ar' ? 'رمز التسجيل' : W.fr.code).fill('ZZZZ-ZZZZ');
    await field(page, lang === 'ar' ? 'رمز الموظفين' : W.fr.pin).fill(SETUP_PIN);
    await field(page, lang === 'ar' ? 'رمز الموظفين مرة ثانية' : W.fr.pinAgain).fill(SETUP_PIN);
    await page.locator('form.setup-form button[type="submit"]').click();
    await expect(page.locator('#setup-code-error')).not.toBeEmpty(VERIFY);
    await atEverySize(page, info, `form-${lang}`);

    const { enrolmentCode, kioskId } = await newCode(portal, `Photos ${lang}`);
    await field(page, lang === 'ar' ? 'رمز التسجيل' : W.fr.code).fill(enrolmentCode);
    await field(page, lang === 'ar' ? 'رمز الموظفين' : W.fr.pin).fill(SETUP_PIN);
    await field(page, lang === 'ar' ? 'رمز الموظفين مرة ثانية' : W.fr.pinAgain).fill(SETUP_PIN);
    await page.locator('form.setup-form button[type="submit"]').click();
    await expect(heading(t.done)).toBeVisible(VERIFY);
    await atEverySize(page, info, `summary-${lang}`);
    await page.locator('.summary .finish').click();

    expect(await revokeKiosk(portal.demo.portal.db, kioskId, new Date())).toBe(true);
    await bridgeCall(page, 'staffUnlock', { pin: SETUP_PIN });
    await bridgeCall(page, 'staffLeave');
    // « Terminer » ended the visit: the kiosk is back in its default language.
    await expect(heading(W.fr.revoked)).toBeVisible(VERIFY);
    if (lang === 'ar')
      await page.getByTestId('setup-gate').getByRole('button', { name: W.ar.language, exact: true }).click();
    await expect(heading(t.revoked)).toBeVisible();
    await atEverySize(page, info, `revoked-${lang}`);
  });
}
