import type { Locator, Page } from '@playwright/test';
import { expect, openReset, test } from './password-reset-helpers';
import { demoTenant, field, fillIdentity, keyboard, openRegistration, submit } from './registration-helpers';

/**
 * Portrait (1080×1920) with the on-screen keyboard open: the keyboard covers the footer rather
 * than pushing it up, so the form keeps the screen above the keyboard, and the focused field and
 * the form's main button are both in view without scrolling by hand.
 */
test.use({ viewport: { width: 1080, height: 1920 } });

async function inViewAboveKeyboard(page: Page, target: Locator): Promise<void> {
  await expect(keyboard(page)).toBeVisible();
  await expect(async () => {
    const box = (await target.boundingBox())!;
    const top = (await keyboard(page).boundingBox())!.y;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(top);
  }).toPass();
}

test('registration step 2: the last password field typed on the keyboard, « Valider » in view', async ({ page }) => {
  await openRegistration(page);
  await fillIdentity(page, demoTenant(7));
  await submit(page);
  await expect(page.getByRole('heading', { level: 2, name: /Étape 2/ })).toBeVisible();
  const confirmation = field(page, 'Confirmez le mot de passe');
  await confirmation.tap();
  await inViewAboveKeyboard(page, confirmation);
  await inViewAboveKeyboard(page, page.getByRole('button', { name: 'Valider', exact: true }));
  // The footer is under the keyboard, not above it.
  const footer = (await page.locator('footer').boundingBox())!;
  expect(footer.y).toBeGreaterThanOrEqual((await keyboard(page).boundingBox())!.y - 1);
});

test('forgotten password step 2: the new password typed, « Changer mon mot de passe » in view', async ({ page }) => {
  await openReset(page);
  await field(page, 'Email').fill('e2e.clavier@orange.fr');
  await page.getByRole('button', { name: 'Valider', exact: true }).tap();
  await expect(page.getByRole('heading', { level: 2, name: /^Étape 2/ })).toBeVisible();
  const password = field(page, 'Confirmez le nouveau mot de passe');
  await password.tap();
  await inViewAboveKeyboard(page, password);
  await inViewAboveKeyboard(page, page.getByRole('button', { name: 'Changer mon mot de passe' }));
});
