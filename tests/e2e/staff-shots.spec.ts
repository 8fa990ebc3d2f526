import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { checkScreen, SCREEN_SIZES } from './screen-check';
import { keyboard } from './registration-helpers';

/**
 * Staff mode's screens at the three kiosk sizes, in French and Arabic: pictures to look at
 * (saved when SHOTS_DIR is set), each with an axe scan (WCAG 2.2 AA) and a check
 * that nothing spills past the screen's width.
 */
const SIZES = SCREEN_SIZES;
const LANGS = {
  fr: {
    name: 'Français',
    staff: 'Personnel',
    status: 'État de la borne',
    toggle: 'Borne hors service',
    leave: 'Quitter le mode personnel',
  },
  ar: {
    name: 'العربية',
    staff: 'الموظفون',
    status: 'حالة الجهاز',
    toggle: 'الجهاز خارج الخدمة',
    leave: 'الخروج من وضع الموظفين',
  },
};
const DEMO_PIN = '246810';
/** A PIN check is scrypt at the OWASP cost: slower than the default wait on a busy machine. */
const VERIFY = { timeout: 20_000 };

const shoot = (page: Page, info: TestInfo, name: string) => checkScreen(page, info, 'staff', name);

const padKey = (page: Page, button: string) => keyboard(page).locator(`[data-skbtn="${button}"]`);

async function tapPin(page: Page, pin: string): Promise<void> {
  for (const digit of pin) await padKey(page, digit).tap();
  await padKey(page, '{submit}').tap();
}

for (const [width, height] of SIZES) {
  for (const lang of ['fr', 'ar'] as const) {
    test(`staff screens ${width}×${height} ${lang}`, async ({ page }, info) => {
      const words = LANGS[lang];
      await page.setViewportSize({ width, height });
      if (lang !== 'fr') await page.getByRole('navigation').getByRole('button', { name: words.name }).tap();
      await shoot(page, info, `${lang}-attract`);

      await page.getByRole('button', { name: words.staff, exact: true }).tap();
      await expect(padKey(page, '0')).toBeVisible();
      await padKey(page, '1').tap();
      await padKey(page, '2').tap();
      await shoot(page, info, `${lang}-pin`);
      await tapPin(page, '34');
      await expect(page.locator('#staff-pin')).toHaveValue('', VERIFY);
      await shoot(page, info, `${lang}-pin-wrong`);

      await tapPin(page, DEMO_PIN);
      await expect(page.getByRole('heading', { level: 2, name: words.status })).toBeVisible(VERIFY);
      await expect(keyboard(page)).toHaveCount(0);
      await shoot(page, info, `${lang}-panel`);
      await page.getByRole('switch', { name: words.toggle }).tap();
      await expect(page.getByRole('switch', { name: words.toggle })).toHaveAttribute('aria-checked', 'true');
      await shoot(page, info, `${lang}-panel-out-of-service`);
      await page.getByRole('button', { name: words.leave }).tap();
      // Back in the kiosk's default language (French): the visitor picks theirs there.
      await expect(page.getByRole('button', { name: LANGS.fr.staff, exact: true })).toBeVisible();
      if (lang !== 'fr') await page.getByRole('navigation').getByRole('button', { name: words.name }).tap();
      await expect(page.getByRole('button', { name: words.staff, exact: true })).toBeVisible();
      await shoot(page, info, `${lang}-attract-out-of-service`);
    });
  }
}
