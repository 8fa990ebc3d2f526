import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  demoTenant,
  field,
  fillIdentity,
  keyboard,
  openRegistration,
  submit,
  touchFill,
  touchType,
} from './registration-helpers';

// The captcha cannot be read by a test; staff-attended kiosks may turn it off, and so do these.
test.use({ kioskEnv: { KIOSK_CAPTCHA: 'false' } });

const key = (page: Page, button: string) => keyboard(page).locator(`[data-skbtn="${button}"]`).first();

test.describe('on-screen keyboard', () => {
  test('digits get the numeric pad, names the AZERTY with accents, shift and caps lock', async ({ page }) => {
    await openRegistration(page);
    await expect(keyboard(page)).toHaveCount(0);

    const account = field(page, 'Numéro du compte client');
    await touchFill(page, account, '12345678901');
    await expect(account).toHaveValue('12345678901');
    await expect(key(page, '5')).toBeVisible();
    await expect(keyboard(page).locator('[data-skbtn="a"]')).toHaveCount(0);
    // The keys never took the focus away from the field.
    await expect(account).toBeFocused();
    await key(page, '{bksp}').tap();
    await expect(account).toHaveValue('1234567890');

    const lastName = field(page, 'Nom');
    await touchFill(page, lastName, "Lefèvre-D'Ô");
    await expect(lastName).toHaveValue("Lefèvre-D'Ô");
    await expect(key(page, '{accents}')).toBeVisible();

    // Shift is for one letter; caps lock stays until touched again.
    const firstName = field(page, 'Prénom');
    await firstName.tap();
    await key(page, '{shift}').tap();
    await expect(key(page, '{shift}')).toHaveAttribute('aria-pressed', 'true');
    await key(page, 'J').tap();
    await key(page, 'o').tap();
    await key(page, '{lock}').tap();
    await key(page, 'E').tap();
    await key(page, 'L').tap();
    await key(page, '{lock}').tap();
    await key(page, 'a').tap();
    await expect(firstName).toHaveValue('JoELa');
    await expect(firstName).toBeFocused();
  });

  test('« Suivant » goes to the next field, the last one closes the keyboard', async ({ page }) => {
    await openRegistration(page);
    await field(page, 'Nom').tap();
    await expect(key(page, '{next}')).toHaveAccessibleName('Suivant');
    await key(page, '{next}').tap();
    await expect(field(page, 'Prénom')).toBeFocused();
    // The date moves on by itself once a part is full.
    await field(page, 'Jour').tap();
    await expect(key(page, '5')).toBeVisible();
    await touchType(page, '0703');
    await expect(field(page, 'Année')).toBeFocused();
    await expect(field(page, 'Jour')).toHaveValue('07');
    await expect(field(page, 'Mois')).toHaveValue('03');
    await expect(key(page, '{next}')).toHaveAccessibleName('OK');
    await key(page, '{next}').tap();
    await expect(keyboard(page)).toHaveCount(0);
    await expect(field(page, 'Année')).not.toBeFocused();

    await field(page, 'Nom').tap();
    await key(page, '{hide}').tap();
    await expect(keyboard(page)).toHaveCount(0);
  });

  for (const [width, height] of [
    [1080, 1920],
    [1920, 1080],
  ] as const) {
    test(`${width}×${height}: the keyboard docks at the bottom, never over the field, keys ≥ 48 px`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height });
      await openRegistration(page);
      for (const label of ['Numéro du compte client', 'Prénom', 'Année']) {
        const input = field(page, label);
        await input.tap();
        await expect(keyboard(page).locator('.hg-button').first()).toBeVisible();
        await expect(input).toBeInViewport();
        const board = (await keyboard(page).boundingBox())!;
        const box = (await input.boundingBox())!;
        expect(board.y + board.height).toBeCloseTo(height, 0);
        expect(box.y + box.height, label).toBeLessThanOrEqual(board.y);
        // The keyboard covers the footer (« Terminer » under it) so the form keeps the room above it;
        // closing the keyboard brings the footer back (issue #11).
        const finish = (await page.getByRole('button', { name: 'Terminer' }).boundingBox())!;
        expect(finish.y).toBeGreaterThanOrEqual(board.y - 1);
        for (const button of await keyboard(page).locator('.hg-button:not([data-skbtn="{//}"])').all()) {
          const k = (await button.boundingBox())!;
          expect(Math.min(k.width, k.height), (await button.getAttribute('data-skbtn')) ?? '').toBeGreaterThanOrEqual(
            48,
          );
        }
      }
    });
  }

  test('a physical keyboard still works, and digit fields drop what is not a digit', async ({ page }) => {
    await openRegistration(page);
    await field(page, 'Nom').tap();
    await page.keyboard.type('Du Pré');
    await expect(field(page, 'Nom')).toHaveValue('Du Pré');
    await field(page, 'Numéro du compte client').tap();
    await page.keyboard.type('02 999 0000 0001x');
    await expect(field(page, 'Numéro du compte client')).toHaveValue('0299900000001');
    // 13 digits starting with 02 are accepted too: the fixed prefix is then shown as typed.
    await expect(page.locator('.prefix.typed')).toHaveText('02');
  });

  test('the email keyboard: @, dot and one-touch domains; passwords get symbols and show/hide', async ({ page }) => {
    await openRegistration(page);
    await fillIdentity(page, demoTenant(0));
    await submit(page);
    await expect(page.getByRole('heading', { level: 2, name: /Étape 2/ })).toBeVisible();

    const email = field(page, 'Email');
    await touchFill(page, email, 'zoe.martin');
    await key(page, '{@orange.fr}').tap();
    await expect(email).toHaveValue('zoe.martin@orange.fr');
    // Another domain replaces the first rather than adding to it.
    await key(page, '{@gmail.com}').tap();
    await expect(email).toHaveValue('zoe.martin@gmail.com');
    await expect(key(page, '@')).toBeVisible();
    await expect(key(page, '_')).toBeVisible();
    await expect(key(page, '{space}')).toHaveCount(0);

    const password = field(page, 'Mot de passe');
    await touchFill(page, password, 'Écru#42x');
    await expect(password).toHaveAttribute('type', 'password');
    await expect(password).toHaveValue('Écru#42x');
    const toggle = page.getByRole('button', { name: 'Afficher' }).first();
    await toggle.tap();
    await expect(password).toHaveAttribute('type', 'text');
    await expect(password).toBeFocused();
    await expect(keyboard(page)).toBeVisible();
    await page.getByRole('button', { name: 'Masquer' }).first().tap();
    await expect(password).toHaveAttribute('type', 'password');
  });
});
