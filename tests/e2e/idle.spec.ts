import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  PASSWORD,
  START,
  demoTenant,
  field,
  fillIdentity,
  keyboard,
  kioskCall,
  openRegistration,
  submit,
} from './registration-helpers';

// The shortest idle times the kiosk accepts; the page's clock is then moved on by hand.
test.use({
  kioskEnv: { KIOSK_IDLE_WARN_SECONDS: '15', KIOSK_IDLE_COUNTDOWN_SECONDS: '5', KIOSK_CAPTCHA: 'false' },
});

test.beforeEach(async ({ page, kiosk }) => {
  await page.clock.install();
  await page.goto(kiosk.launchUrl);
});

const question = (page: Page) => page.getByRole('dialog', { name: 'Êtes-vous toujours là ?' });

test('the attract screen is never timed out; a visit is, after the configured quiet time', async ({ page }) => {
  await page.clock.fastForward('05:00');
  await expect(question(page)).toHaveCount(0);
  await openRegistration(page);
  await page.clock.fastForward('00:10');
  await expect(question(page)).toHaveCount(0);
  // A touch starts the quiet time again.
  await field(page, 'Nom').tap();
  await page.clock.fastForward('00:10');
  await expect(question(page)).toHaveCount(0);
  await page.clock.fastForward('00:06');
  await expect(question(page)).toBeVisible();
});

test('« Êtes-vous toujours là ? » counts down, and « Oui, je continue » gives the full time again', async ({
  page,
}) => {
  await openRegistration(page);
  await field(page, 'Nom').fill('Chevalier');
  await page.clock.fastForward('00:16');
  const dialog = question(page);
  await expect(dialog).toBeVisible();
  const timer = dialog.getByRole('timer');
  await expect(timer).toHaveText('5 s');
  await page.clock.fastForward('00:02');
  await expect(timer).toHaveText('3 s');
  // The question sits above everything, the keyboard included, and holds the focus.
  await expect(dialog.getByRole('button', { name: 'Oui, je continue' })).toBeFocused();

  await dialog.getByRole('button', { name: 'Oui, je continue' }).tap();
  await expect(question(page)).toHaveCount(0);
  await expect(field(page, 'Nom')).toHaveValue('Chevalier');
  await page.clock.fastForward('00:14');
  await expect(question(page)).toHaveCount(0);
  await page.clock.fastForward('00:02');
  await expect(question(page)).toBeVisible();
});

test('no answer: every trace of the visit is wiped, on screen, in storage and in the kiosk core', async ({
  page,
  kiosk,
  request,
}) => {
  const ended: unknown[] = [];
  page.on('request', (r) => r.url().endsWith('/api/call/endVisit') && ended.push(r.postDataJSON()));
  const tenant = demoTenant(7);
  await openRegistration(page);
  await fillIdentity(page, tenant);
  await submit(page);
  await expect(page.getByRole('heading', { level: 2, name: /Étape 2/ })).toBeVisible();
  await field(page, 'Email').fill('e2e.idle@wanadoo.fr');
  await field(page, 'Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Afficher' }).first().tap();
  // Copy, cut and paste are refused in the kiosk's fields.
  const copied = await field(page, 'Email').evaluate(
    (input) => !input.dispatchEvent(new ClipboardEvent('copy', { bubbles: true, cancelable: true })),
  );
  expect(copied).toBe(true);
  await page.getByRole('navigation').getByRole('button', { name: 'العربية' }).tap();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  expect(await kioskCall(request, kiosk, 'getRegistration')).toMatchObject({
    ok: true,
    value: { step: 'login-details' },
  });

  await page.clock.fastForward('00:16');
  await expect(page.getByRole('dialog', { name: 'هل ما زلت هنا؟' })).toBeVisible();
  await page.clock.fastForward('00:06');

  await expect(page.getByRole('button', { name: START })).toBeVisible();
  expect(ended).toEqual([{ reason: 'idle' }]);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  const html = await page.content();
  for (const trace of [tenant.lastName, tenant.firstName, 'e2e.idle', PASSWORD, tenant.accountNumber.slice(2)]) {
    expect(html).not.toContain(trace);
  }
  await expect(page.locator('input')).toHaveCount(0);
  const storage = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length }));
  expect(storage).toEqual({ local: 0, session: 0 });
  // The kiosk core forgot the flow: a later look finds none.
  expect(await kioskCall(request, kiosk, 'getRegistration')).toMatchObject({
    ok: true,
    value: { step: 'none', maskedEmail: null },
  });

  // The next person starts from nothing.
  await openRegistration(page);
  for (const label of ['Numéro du compte client', 'Nom', 'Prénom', 'Jour', 'Mois', 'Année']) {
    await expect(field(page, label)).toHaveValue('');
  }
});

test('« Terminer maintenant » from the question wipes at once', async ({ page }) => {
  await openRegistration(page);
  await field(page, 'Prénom').fill('Zoé');
  await page.clock.fastForward('00:16');
  const ended = page.waitForRequest((r) => r.url().endsWith('/api/call/endVisit'));
  await question(page).getByRole('button', { name: 'Terminer maintenant' }).tap();
  expect((await ended).postDataJSON()).toEqual({ reason: 'finished' });
  await expect(page.getByRole('button', { name: START })).toBeVisible();
  await expect(page.getByText('Zoé')).toHaveCount(0);
});

test('« Terminer » wipes the same way: the next visit finds empty forms and the core without a flow', async ({
  page,
  kiosk,
  request,
}) => {
  await openRegistration(page);
  await fillIdentity(page, demoTenant(10));
  await submit(page);
  await expect(page.getByRole('heading', { level: 2, name: /Étape 2/ })).toBeVisible();
  await field(page, 'Mot de passe').fill(PASSWORD);
  // The open keyboard covers the footer (issue #11): the tenant puts it away to reach « Terminer ».
  await keyboard(page).locator('[data-skbtn="{hide}"]').first().tap();
  await expect(keyboard(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Terminer' }).tap();
  await expect(page.getByRole('button', { name: START })).toBeVisible();
  expect(await kioskCall(request, kiosk, 'getRegistration')).toMatchObject({ ok: true, value: { step: 'none' } });
  await openRegistration(page);
  await expect(field(page, 'Nom')).toHaveValue('');
  await expect(field(page, 'Numéro du compte client')).toHaveValue('');
});
