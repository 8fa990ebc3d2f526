import type { Locator, Page } from '@playwright/test';
import { expect, openReset, test } from './password-reset-helpers';
import { DEMO_LOGIN } from '../../src/portal/accounts/demo-login';
import { demoTenant, field, fillIdentity, keyboard, openRegistration, START, submit } from './registration-helpers';

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

test('signed in with the keyboard open: it goes with the form, « Terminer » can be tapped', async ({ page }) => {
  await page.getByRole('button', { name: START }).tap();
  await page.getByRole('button', { name: /^Me connecter/ }).tap();
  await field(page, 'Adresse email').tap();
  await page.keyboard.type(DEMO_LOGIN.email);
  await field(page, 'Mot de passe').tap();
  await page.keyboard.type(DEMO_LOGIN.password);
  await expect(keyboard(page)).toBeVisible();
  // Enter sends the form: the field the keyboard typed into leaves with it.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Vous êtes connecté(e)' })).toBeVisible();
  await expect(keyboard(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Terminer' }).tap();
  await expect(page.getByRole('button', { name: START })).toBeVisible();
});

/** Whether a tap at the middle of `target` lands on it (nothing drawn over it). */
const onTop = (target: Locator): Promise<boolean> =>
  target.evaluate((el) => {
    const { x, y, width, height } = el.getBoundingClientRect();
    return el.contains(document.elementFromPoint(x + width / 2, y + height / 2));
  });

test('the keyboard closes when its field is disabled, hidden or removed, and the footer comes back', async ({
  page,
}) => {
  await openRegistration(page);
  const finish = page.getByRole('button', { name: 'Terminer' });
  for (const [label, take] of [
    ['Nom', (input) => void (input.disabled = true)],
    ['Prénom', (input) => void (input.style.display = 'none')],
    ['Numéro du compte client', (input) => input.closest('form')!.remove()],
  ] satisfies [string, (input: HTMLInputElement) => void][]) {
    const input = field(page, label);
    await input.tap();
    await expect(keyboard(page)).toBeVisible();
    expect(await onTop(finish)).toBe(false);
    await input.evaluate(take);
    await expect(keyboard(page)).toHaveCount(0);
    expect(await onTop(finish)).toBe(true);
  }
});
