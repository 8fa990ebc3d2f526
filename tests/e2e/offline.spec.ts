import type { Page } from '@playwright/test';
import { accountsFor, expect, test } from './offline-helpers';
import { activatedAccount, countMails, RESET_SUBJECT } from './password-reset-helpers';
import {
  demoTenant,
  field,
  keyboard,
  kioskCall,
  openRegistration,
  PASSWORD,
  START,
  submit,
  touchFill,
  touchIdentity,
} from './registration-helpers';

// Demo tenants 80–89 are this spec's (each test has its own portal anyway).
const ACTIVATION_SUBJECT = /^Activez votre espace locataire$/;
const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 2, name });
const status = (page: Page) => page.getByRole('status', { name: 'État de la borne' });

test.describe('the kiosk with the portal out of reach', () => {
  test('registration and a forgotten password by touch while offline; both happen once when the portal is back', async ({
    page,
    portal,
    portalLink: proxy,
    kiosk,
    request,
  }) => {
    const tenant = demoTenant(80);
    const email = 'e2e.horsligne@orange.fr';
    const resetEmail = 'e2e.oubli.horsligne@orange.fr';
    await activatedAccount(request, portal, demoTenant(81), resetEmail, PASSWORD);
    // Enrolled and online first: the portal goes away after the kiosk started.
    await expect(status(page)).toContainText('En ligne');
    await proxy.cut();

    await openRegistration(page);
    await touchIdentity(page, tenant);
    await submit(page);
    await expect(heading(page, /Étape 2/)).toBeVisible();
    await expect(page.getByText(/^Le service ne répond pas pour le moment\. Continuez/)).toBeVisible();
    await touchFill(page, field(page, 'Email'), 'e2e.horsligne');
    await keyboard(page).locator('[data-skbtn="{@orange.fr}"]').tap();
    await touchFill(page, field(page, "Confirmez l'email"), 'e2e.horsligne');
    await keyboard(page).locator('[data-skbtn="{@orange.fr}"]').tap();
    await touchFill(page, field(page, 'Mot de passe'), PASSWORD);
    await touchFill(page, field(page, 'Confirmez le mot de passe'), PASSWORD);
    await page.getByRole('checkbox', { name: /J'ai lu et j'accepte/ }).tap();
    await submit(page);

    await expect(heading(page, 'Votre inscription est enregistrée')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText(/vous recevrez un email à .e2e\.horsligne@orange\.fr./)).toBeVisible();
    await expect(page.getByText(/revenez à la borne ou demandez à l'accueil/)).toBeVisible();
    await expect(status(page)).toContainText('Hors ligne', { timeout: 40_000 });
    expect(await accountsFor(portal, tenant)).toBe(0);
    await page.getByRole('button', { name: 'Terminer' }).first().tap();

    await page.getByRole('button', { name: START }).tap();
    await page.getByRole('button', { name: /^Mot de passe oublié/ }).tap();
    await touchFill(page, field(page, 'Email'), 'e2e.oubli.horsligne');
    await keyboard(page).locator('[data-skbtn="{@orange.fr}"]').tap();
    await expect(field(page, 'Email')).toHaveValue(resetEmail);
    await page.getByRole('button', { name: 'Valider', exact: true }).tap();
    await expect(
      page.getByText(/^Le service ne répond pas pour le moment\. Votre demande est enregistrée/),
    ).toBeVisible({
      timeout: 20_000,
    });
    expect(await countMails(request, portal, resetEmail, RESET_SUBJECT)).toBe(0);

    await proxy.restore();
    await expect.poll(() => accountsFor(portal, tenant), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => countMails(request, portal, email, ACTIVATION_SUBJECT), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => countMails(request, portal, resetEmail, RESET_SUBJECT), { timeout: 60_000 }).toBe(1);
    await expect(status(page)).toContainText('En ligne', { timeout: 40_000 });

    // Nothing is left waiting, and nothing came twice.
    await expect
      .poll(async () => JSON.stringify(await kioskCall(request, kiosk, 'getLinkStatus')), { timeout: 40_000 })
      .toContain('"link":"online"');
    expect(await accountsFor(portal, tenant)).toBe(1);
    expect(await countMails(request, portal, email, ACTIVATION_SUBJECT)).toBe(1);
    expect(await countMails(request, portal, resetEmail, RESET_SUBJECT)).toBe(1);
  });

  test('login offline says the service is unavailable, and what to do', async ({ page, portalLink: proxy }) => {
    await proxy.cut();
    await page.getByRole('button', { name: START }).tap();
    await page.getByRole('button', { name: /^Me connecter/ }).tap();
    await field(page, 'Adresse email').fill('e2e.login@example.org');
    await field(page, 'Mot de passe').fill(PASSWORD);
    await page.locator('form').getByRole('button', { name: 'Se connecter', exact: true }).tap();
    const alert = page.getByRole('alert').filter({ hasText: 'Service momentanément indisponible' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText("demandez de l'aide à l'équipe de l'accueil");
  });
});
