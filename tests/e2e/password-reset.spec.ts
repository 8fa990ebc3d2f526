import type { Page } from '@playwright/test';
import {
  activatedAccount,
  CHANGED_SUBJECT,
  countMails,
  expect,
  nthMail,
  openReset,
  portalLogin,
  RESET_SUBJECT,
  test,
} from './password-reset-helpers';
import { holdCall } from './fixtures';
import { demoTenant, field, keyboard, kioskCall, PASSWORD, START, touchFill } from './registration-helpers';

// Demo tenants 60–63 are this spec's, 64–69 password-reset-shots' (each test has its own portal anyway).
const NEW_PASSWORD = 'Nouveau#Chemin-58';
const step1 = (page: Page) => expect(page.getByRole('heading', { level: 2, name: /^Étape 1/ })).toBeVisible();
const step2 = (page: Page) => expect(page.getByRole('heading', { level: 2, name: /^Étape 2/ })).toBeVisible();
const valider = (page: Page) => page.getByRole('button', { name: 'Valider', exact: true }).tap();
const errorOf = (page: Page, id: string) => page.locator(`#${id}-error`);

test.describe('forgotten password', () => {
  test('the whole journey by touch only: address, code from the email, new password, then the login', async ({
    page,
    portal,
    kiosk,
    request,
  }) => {
    const email = 'e2e.oubli@orange.fr';
    await activatedAccount(request, portal, demoTenant(60), email, PASSWORD);

    await page.getByRole('button', { name: START }).tap();
    await page.getByRole('button', { name: /^Mot de passe oublié/ }).tap();
    await expect(page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' })).toBeVisible();
    await step1(page);
    await expect(page.getByText('Étape 1 sur 3')).toBeVisible();
    await touchFill(page, field(page, 'Email'), 'e2e.oubli');
    await keyboard(page).locator('[data-skbtn="{@orange.fr}"]').tap();
    await expect(field(page, 'Email')).toHaveValue(email);
    await valider(page);

    await step2(page);
    await expect(page.getByRole('listitem').filter({ hasText: 'Votre email' })).toContainText('terminée');
    await expect(
      // The address whole, as typed: a typo can be seen (the visit's wipe forgets it).
      page.getByText(`Si un compte existe pour l'adresse \u2068${email}\u2069, un email vient de lui être envoyé.`),
    ).toBeVisible();
    await expect(page.getByText('Rien reçu ? Pensez à vérifier vos courriers indésirables (spam).')).toBeVisible();

    const mail = await nthMail(request, portal, email, RESET_SUBJECT);
    expect(mail.links.some((l) => l.includes('/reinitialisation-mot-de-passe?data='))).toBe(true);
    // The code on the numeric pad.
    await field(page, 'Code à 6 chiffres reçu par email').tap();
    await expect(keyboard(page).locator('[data-skbtn="{space}"]')).toHaveCount(0);
    await touchFill(page, field(page, 'Code à 6 chiffres reçu par email'), mail.codes[0]!);
    await touchFill(page, field(page, 'Nouveau mot de passe'), NEW_PASSWORD);
    await expect(field(page, 'Nouveau mot de passe')).toHaveAttribute('type', 'password');
    const rules = page.locator('#reset-password-rules li');
    await expect(rules.filter({ hasText: 'respecté' })).toHaveCount(6);
    await touchFill(page, field(page, 'Confirmez le nouveau mot de passe'), NEW_PASSWORD);
    await expect(page.getByText('Les deux sont identiques')).toBeVisible();
    await page.getByRole('button', { name: 'Changer mon mot de passe' }).tap();

    await expect(page.getByRole('heading', { level: 2, name: 'Votre mot de passe a été changé' })).toBeVisible();
    await expect(page.getByText(/^Un email de confirmation vous a été envoyé\./)).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: 'terminée' })).toHaveCount(2);
    await expect(page.getByText('Étape 3 sur 3')).toBeVisible();
    await nthMail(request, portal, email, CHANGED_SUBJECT);
    expect(await portalLogin(request, portal, email, PASSWORD)).toBe(401);
    expect(await portalLogin(request, portal, email, NEW_PASSWORD)).toBe(201);

    await page.getByRole('button', { name: 'Me connecter' }).tap();
    await expect(page.getByRole('heading', { level: 1, name: 'Me connecter' })).toBeVisible();
    // Nothing of the reset is kept for the rest of the visit.
    expect(await kioskCall(request, kiosk, 'getReset')).toMatchObject({ ok: true, value: { step: 'none' } });
  });

  // Seen in CI: Valider tapped while the screen was still asking the kiosk where the journey
  // stands did nothing at all (the screen still thought a captcha was asked, and had none).
  test('Valider tapped before the screen has heard from the kiosk is kept: it is sent once the answer comes', async ({
    page,
    portal,
    request,
  }) => {
    const email = 'e2e.presse@orange.fr';
    await activatedAccount(request, portal, demoTenant(63), email, PASSWORD);
    const release = await holdCall(page, 'getReset');
    await page.getByRole('button', { name: START }).tap();
    await page.getByRole('button', { name: /^Mot de passe oublié/ }).tap();
    await page.locator('#reset-email').fill(email);
    await valider(page);
    // Taken: the button says so while the screen waits.
    await expect(page.locator('form.step-form button[type="submit"]')).toHaveAttribute('aria-busy', 'true');
    release();
    await step2(page);
    await expect.poll(() => countMails(request, portal, email, RESET_SUBJECT)).toBe(1);
  });

  test('an address without an account gets exactly the same answer, and no email', async ({
    page,
    portal,
    request,
  }) => {
    // Two demands and an account made through the portal (password hashing): slow on a loaded machine.
    test.slow();
    // Each answer shows the address as typed: compared with it taken out, they are the same.
    const known = 'nadia.oubli@free.fr';
    const unknown = 'nobody.oubli@free.fr';
    await activatedAccount(request, portal, demoTenant(61), known, PASSWORD);
    await openReset(page);

    const answer = async (email: string) => {
      await field(page, 'Email').fill(email);
      const response = page.waitForResponse((r) => r.url().endsWith('/api/call/requestReset'));
      await valider(page);
      const body: unknown = await (await response).json();
      await step2(page);
      const text = (await page.locator('main section').innerText()).replace(email, '<address>');
      return { body, text };
    };
    const first = await answer(unknown);
    await page.getByRole('button', { name: "Corriger l'adresse ou recevoir un nouvel email" }).tap();
    await step1(page);
    await expect(field(page, 'Email')).toHaveValue(unknown);
    const second = await answer(known);
    expect(second).toEqual(first);
    expect(first.text).toContain('Si un compte existe');

    await nthMail(request, portal, known, RESET_SUBJECT);
    expect(await countMails(request, portal, unknown, /./)).toBe(0);
  });

  test('a wrong code, a weak password, an expired demand: said plainly, the code cleared, a refused password too', async ({
    page,
    portal,
    kiosk,
    request,
  }) => {
    const email = 'e2e.erreurs@laposte.net';
    await activatedAccount(request, portal, demoTenant(62), email, PASSWORD);
    await openReset(page);
    await field(page, 'Email').fill('e2e.erreurs@laposte');
    await valider(page);
    await expect(errorOf(page, 'reset-email')).toHaveText(
      "Cette adresse email n'est pas valide. Exemple : nom@exemple.fr",
    );
    await field(page, 'Email').fill(email);
    await valider(page);
    await step2(page);
    const code = (await nthMail(request, portal, email, RESET_SUBJECT)).codes[0]!;

    // A weak password is refused at the kiosk, before the portal (no code attempt spent).
    const calls: string[] = [];
    page.on('request', (r) => r.url().includes('/api/call/confirmReset') && calls.push(r.url()));
    await field(page, 'Code à 6 chiffres reçu par email').fill(code);
    await field(page, 'Nouveau mot de passe').fill('motdepasse');
    await field(page, 'Confirmez le nouveau mot de passe').fill('motdepasse');
    await page.getByRole('button', { name: 'Changer mon mot de passe' }).tap();
    await expect(errorOf(page, 'reset-password')).toHaveText(
      'Le mot de passe ne respecte pas toutes les règles : retapez-le en suivant la liste.',
    );
    await expect(field(page, 'Nouveau mot de passe')).toBeFocused();
    expect(calls).toEqual([]);
    for (const label of [
      'Code à 6 chiffres reçu par email',
      'Nouveau mot de passe',
      'Confirmez le nouveau mot de passe',
    ])
      await expect(field(page, label)).toHaveValue('');

    // A wrong code: the portal says so, the kiosk words it under the code.
    const wrong = code === '000000' ? '111111' : '000000';
    await field(page, 'Code à 6 chiffres reçu par email').fill(wrong);
    await field(page, 'Nouveau mot de passe').fill(NEW_PASSWORD);
    await field(page, 'Confirmez le nouveau mot de passe').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Changer mon mot de passe' }).tap();
    await expect(errorOf(page, 'reset-code')).toHaveText(/Ce code ne convient pas/);
    await expect(field(page, 'Code à 6 chiffres reçu par email')).toBeFocused();
    // The new password was not what was refused: it stays as typed.
    await expect(field(page, 'Code à 6 chiffres reçu par email')).toHaveValue('');
    await expect(field(page, 'Nouveau mot de passe')).toHaveValue(NEW_PASSWORD);
    await expect(field(page, 'Confirmez le nouveau mot de passe')).toHaveValue(NEW_PASSWORD);
    await expect(
      page.getByText(`Si un compte existe pour l'adresse \u2068${email}\u2069`, { exact: false }),
    ).toBeVisible();
    expect(calls).toHaveLength(1);

    // The demand expires in the core (as after 20 untouched minutes): step 1 again, address kept.
    await kioskCall(request, kiosk, 'cancelReset');
    await field(page, 'Code à 6 chiffres reçu par email').fill(code);
    await field(page, 'Nouveau mot de passe').fill(NEW_PASSWORD);
    await field(page, 'Confirmez le nouveau mot de passe').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Changer mon mot de passe' }).tap();
    await step1(page);
    await expect(page.getByRole('alert')).toHaveText(
      'Votre demande a expiré. Recommencez : vérifiez votre adresse email et validez à nouveau.',
    );
    await expect(field(page, 'Email')).toHaveValue(email);
    expect(await portalLogin(request, portal, email, PASSWORD)).toBe(201);
  });

  test('the portal out of reach: the request is saved, with the same words for any address', async ({
    page,
    portal,
  }) => {
    // Enrolled and online first (its sealing key fetched): the portal goes away after the kiosk started.
    await expect(page.getByRole('status', { name: 'État de la borne' })).toContainText('En ligne');
    await openReset(page);
    await field(page, 'Email').fill('e2e.panne@sfr.fr');
    await portal.close();
    await valider(page);
    // The screen waits a few seconds for the portal's answer before it says the request is saved.
    await expect(page.getByRole('heading', { level: 2, name: /^Étape 2/ })).toBeVisible({ timeout: 20_000 });
    await expect(
      page.getByText(
        /^Le service ne répond pas pour le moment\. Votre demande est enregistrée : si un compte existe pour l'adresse .e2e\.panne@sfr\.fr., un email lui sera envoyé/,
      ),
    ).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText(/^Vous pouvez partir et utiliser le lien de l'email plus tard\./)).toBeVisible();
  });

  test("« J'utiliserai le lien plus tard » and « Terminer » end the visit and forget the address", async ({
    page,
    kiosk,
    request,
  }) => {
    await openReset(page);
    await field(page, 'Email').fill('e2e.plus-tard@gmail.com');
    await valider(page);
    await step2(page);
    await field(page, 'Code à 6 chiffres reçu par email').fill('123');
    await page.getByRole('button', { name: "J'utiliserai le lien de l'email plus tard" }).tap();
    await expect(page.getByRole('button', { name: START })).toBeVisible();
    expect(await kioskCall(request, kiosk, 'getReset')).toMatchObject({ ok: true, value: { step: 'none' } });

    await openReset(page);
    await step1(page);
    await expect(field(page, 'Email')).toHaveValue('');
    await field(page, 'Email').fill('e2e.terminer@gmail.com');
    await valider(page);
    await step2(page);
    await page.getByRole('button', { name: 'Terminer' }).tap();
    await expect(page.getByRole('button', { name: START })).toBeVisible();
    expect(await kioskCall(request, kiosk, 'getReset')).toMatchObject({ ok: true, value: { step: 'none' } });
    await openReset(page);
    await expect(field(page, 'Email')).toHaveValue('');
    await expect(page.getByText(/Si un compte existe/)).toHaveCount(0);
  });

  test('in Arabic, right to left, from the address to the new password', async ({ page, portal, request }) => {
    const email = 'e2e.arabe@hotmail.fr';
    await activatedAccount(request, portal, demoTenant(63), email, PASSWORD);
    await page.getByRole('navigation').getByRole('button', { name: 'العربية' }).tap();
    await openReset(page, { start: 'المس الشاشة للبدء', entry: /^نسيت كلمة المرور/ });
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('heading', { level: 1, name: 'نسيت كلمة المرور' })).toBeVisible();
    await touchFill(page, page.locator('#reset-email'), 'e2e.arabe');
    await keyboard(page).locator('[data-skbtn="{@hotmail.fr}"]').tap();
    await page.getByRole('button', { name: 'تأكيد', exact: true }).tap();
    await expect(page.getByRole('heading', { level: 2, name: 'الخطوة 2: اختر كلمة مرور جديدة' })).toBeVisible();
    // The address keeps its own direction inside the Arabic sentence.
    await expect(
      page.getByText(`إذا كان هناك حساب للعنوان \u2068${email}\u2069، فقد أُرسلت إليه رسالة بريد إلكتروني الآن.`),
    ).toBeVisible();

    const mail = await nthMail(request, portal, email, /./, 2);
    await touchFill(page, page.locator('#reset-code'), mail.codes[0]!);
    await touchFill(page, page.locator('#reset-password'), NEW_PASSWORD);
    await touchFill(page, page.locator('#reset-password-confirmation'), NEW_PASSWORD);
    await page.getByRole('button', { name: 'تغيير كلمة المرور' }).tap();
    await expect(page.getByRole('heading', { level: 2, name: 'تم تغيير كلمة المرور' })).toBeVisible();
    expect(await portalLogin(request, portal, email, NEW_PASSWORD)).toBe(201);
  });
});

test.describe('with the captcha on (the kiosk default)', () => {
  test.use({ kioskEnv: { KIOSK_CAPTCHA: 'true' } });
  const CAPTCHA = "Entrez les six chiffres figurant dans l'image";

  test('a new image on touch; a wrong answer draws another, the address kept', async ({ page }) => {
    await openReset(page);
    const picture = page.getByRole('button', { name: 'Nouvelle image' }).locator('img');
    await expect(picture).toHaveAttribute('src', /^data:image\//);
    const first = await picture.getAttribute('src');
    await page.getByRole('button', { name: 'Nouvelle image' }).tap();
    await expect(picture).not.toHaveAttribute('src', first!);

    await field(page, 'Email').fill('e2e.captcha@free.fr');
    await touchFill(page, field(page, CAPTCHA), '000000');
    const shown = await picture.getAttribute('src');
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/call/requestReset'));
    await valider(page);
    expect(await (await answered).json()).toEqual({ ok: false, error: { code: 'captcha_wrong' } });
    await expect(errorOf(page, 'reset-captcha')).toHaveText(
      'Ce ne sont pas les bons chiffres. Voici une nouvelle image : recopiez ses six chiffres.',
    );
    await expect(picture).not.toHaveAttribute('src', shown!);
    await expect(field(page, CAPTCHA)).toHaveValue('');
    await expect(field(page, CAPTCHA)).toBeFocused();
    await expect(field(page, 'Email')).toHaveValue('e2e.captcha@free.fr');
    await step1(page);
  });
});
