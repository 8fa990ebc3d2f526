import type { Locator, Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { DEMO_STAFF_PIN, DEMO_STAFF_PIN_HASH } from '../../src/main/core/staff/demo-pin';
import { kioskEvents } from '../../src/portal/db/schema';
import {
  activatedAccount,
  countMails,
  expect,
  nthMail,
  openReset,
  test,
  type ResetPortal,
} from './password-reset-helpers';
import {
  demoTenant,
  endedLeaseTenant,
  fillIdentity,
  fillLoginDetails,
  field,
  keyboard,
  kioskCall,
  PASSWORD,
  START,
  submit,
  touchFill,
} from './registration-helpers';
import { checkScreen } from './screen-check';

/**
 * Staff tools for a tenant standing there (issue #12 item 3), against a real portal (in this
 * process, with a short email interval) over HTTP, its mail catcher, and the kiosk in Chromium.
 */
const INTERVAL = 4;
// Whole journeys with axe on each picture: longer than the default minute on 2 busy cores.
test.describe.configure({ timeout: 240_000 });
test.use({
  kioskEnv: { KIOSK_STAFF_PIN_HASH: DEMO_STAFF_PIN_HASH },
  portalLimits: { resendCooldownSeconds: INTERVAL },
});

const VERIFY = { timeout: 20_000 };

async function unlock(page: Page, words = { staff: 'Personnel', status: 'État de la borne' }): Promise<void> {
  await page.getByRole('button', { name: words.staff, exact: true }).tap();
  const pad = (k: string) => keyboard(page).locator(`[data-skbtn="${k}"]`);
  await expect(pad('0')).toBeVisible();
  for (const digit of DEMO_STAFF_PIN) await pad(digit).tap();
  await pad('{submit}').tap();
  await expect(page.getByRole('heading', { level: 2, name: words.status })).toBeVisible(VERIFY);
}

async function assistRegistration(page: Page): Promise<void> {
  await page.locator('#staff-assisted-title').locator('..').getByRole('button').first().tap();
  await expect(page.getByTestId('assisted-band')).toBeVisible();
}

/** The piece at `anchor`, in portrait and landscape, in the language on screen (SHOTS_DIR keeps the pictures). */
async function pictures(page: Page, anchor: Locator, name: string): Promise<void> {
  for (const [width, height] of [
    [1080, 1920],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await anchor.scrollIntoViewIfNeeded();
    await checkScreen(page, test.info(), 'staff-tools', name);
  }
}

/** The same piece in French, then in Arabic (right to left). */
async function picturesFrAr(page: Page, anchor: Locator, name: string): Promise<void> {
  await pictures(page, anchor, `fr-${name}`);
  await page.getByRole('button', { name: 'العربية' }).first().tap();
  await pictures(page, anchor, `ar-${name}`);
  await page.getByRole('button', { name: 'Français' }).first().tap();
}

/** A pending account, registered over the portal's API as another kiosk would (no activation). */
async function pendingAccount(portal: ResetPortal, index: number, email: string): Promise<void> {
  const t = demoTenant(index);
  const r = await fetch(`${portal.url}/v1/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${portal.credential}` },
    body: JSON.stringify({
      identity: {
        accountNumber: t.accountNumber,
        lastName: t.lastName,
        firstName: t.firstName,
        dateOfBirth: t.dateOfBirth,
      },
      email,
      password: PASSWORD,
      acceptedTermsVersion: portal.demo.portal.config.termsVersion,
    }),
  });
  expect(r.status).toBe(201);
}

/** What the portal received from kiosks, as stored (the canaries must not be in it). */
const storedEvents = (portal: ResetPortal) => portal.demo.portal.db.select().from(kioskEvents);

async function loginNotActivated(page: Page, email: string): Promise<void> {
  await page.getByRole('button', { name: START }).tap();
  await page.getByRole('button', { name: /^Me connecter/ }).tap();
  await field(page, 'Adresse email').fill(email);
  await field(page, 'Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).tap();
  await expect(page.getByRole('heading', { name: "Votre compte n'est pas encore activé" })).toBeVisible();
}

test('login after not_activated: « Renvoyer l’email d’activation » sends one email, then counts down', async ({
  page,
  portal,
  request,
  kiosk,
}) => {
  const email = 'e2e.renvoi.connexion@free.fr';
  await pendingAccount(portal, 40, email);
  await nthMail(request, portal, email, /./, 1);
  // Before any not_activated in this visit, the kiosk has no address to send to.
  expect(await kioskCall(request, kiosk, 'loginResendActivation', {})).toEqual({
    ok: false,
    error: { code: 'no_address' },
  });

  await loginNotActivated(page, email);
  const button = page.getByRole('button', { name: "Renvoyer l'email d'activation" });
  const sent = page.getByText("C'est fait : un nouvel email d'activation part vers l'adresse saisie.", {
    exact: false,
  });
  // The registration's own email started the portal's interval: wait for the button to work.
  await expect(async () => {
    if (await button.isVisible()) await button.tap();
    await expect(sent).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByText(/Vous pourrez demander un nouvel email dans 0:0\d/)).toBeVisible();
  await expect(button).toHaveCount(0);
  await nthMail(request, portal, email, /./, 2);
  await portal.demo.portal.settle();
  expect(await countMails(request, portal, email, /./)).toBe(2);
  // Once the interval has passed the button is back (waited for, not slept).
  await expect(button).toBeVisible({ timeout: 15_000 });
  await pictures(page, page.getByTestId('login-resend'), 'fr-login-resend');
});

test('staff panel: resend for a pending address emails it once; an unknown address gets the same words and nothing', async ({
  page,
  portal,
  request,
}) => {
  const email = 'e2e.renvoi.accueil@free.fr';
  const unknown = 'e2e.personne.inconnue@free.fr';
  await pendingAccount(portal, 41, email);
  await nthMail(request, portal, email, /./, 1);
  await unlock(page);
  const card = page.getByTestId('staff-resend');
  const send = async (address: string) => {
    await card.getByRole('textbox').fill(address);
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/call/staffResendActivation'));
    await card.getByRole('button', { name: "Renvoyer l'email" }).tap();
    return (await (await answered).json()) as { ok: boolean; error?: { code: string } };
  };
  let answer = await send(email);
  // The registration's email started the interval: asked again once it has passed.
  await expect(async () => {
    if (!answer.ok) answer = await send(email);
    expect(answer.ok).toBe(true);
  }).toPass({ timeout: 20_000 });
  const done =
    'Demande transmise. Si un compte attend son activation à cette adresse, un nouvel email part maintenant.';
  await expect(card.getByRole('status')).toHaveText(done);
  await nthMail(request, portal, email, /./, 2);

  expect(await send(unknown)).toEqual({ ok: true, value: { accepted: true, queued: false } });
  await expect(card.getByRole('status')).toHaveText(done);
  await portal.demo.portal.settle();
  expect(await countMails(request, portal, unknown, /./)).toBe(0);
  expect(await countMails(request, portal, email, /./)).toBe(2);

  // The staff audit reaches the portal: codes only, no address.
  await expect
    .poll(async () => (await storedEvents(portal)).filter((e) => e.event === 'resend_activation').length)
    .toBeGreaterThanOrEqual(2);
  const stored = JSON.stringify(await storedEvents(portal));
  for (const canary of [email, unknown, 'e2e.renvoi', '@free.fr']) expect(stored).not.toContain(canary);

  await picturesFrAr(page, card, 'staff-resend');
});

test('assisted registration end to end with « pourquoi ? »: the kind of this attempt only, nothing personal', async ({
  page,
  portal,
  request,
  kiosk,
}) => {
  const ended = endedLeaseTenant();
  const tenant = demoTenant(42);
  const email = 'e2e.accompagne@free.fr';
  await unlock(page);
  await assistRegistration(page);

  const ask = async () => {
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/call/assistedWhy'));
    await page.getByRole('button', { name: 'Pourquoi ? (accueil)' }).tap();
    return (await answered).json();
  };
  const panel = page.getByTestId('why-panel');

  // An ended lease: the tenant reads the usual « not found » words; staff learn the kind.
  await fillIdentity(page, ended);
  await submit(page);
  await expect(page.getByRole('heading', { level: 2, name: /Nous ne trouvons pas/ })).toBeVisible();
  expect(await ask()).toEqual({ ok: true, value: { kind: 'lease_ended' } });
  await expect(panel.getByRole('status')).toHaveText(/bail terminé/);
  const panelText = (await panel.textContent()) ?? '';
  for (const canary of [ended.lastName, ended.firstName, ended.accountNumber.slice(2), ended.dateOfBirth.slice(0, 4)])
    expect(panelText).not.toContain(canary);
  // Asked once: a second ask (the button is gone, so straight to the core) is refused.
  expect(await kioskCall(request, kiosk, 'assistedWhy', {})).toEqual({ ok: false, error: { code: 'why_no_attempt' } });

  // A typo in the date: a new attempt, its own kind.
  await fillIdentity(page, { ...tenant, dateOfBirth: '1931-01-01' });
  await submit(page);
  await expect(panel.getByRole('button')).toBeVisible();
  await pictures(page, panel, 'fr-why');
  expect(await ask()).toEqual({ ok: true, value: { kind: 'not_found' } });
  await picturesFrAr(page, panel, 'why-answer');

  // The right identity goes on; a later ask has no refused attempt to explain.
  await fillIdentity(page, tenant);
  await submit(page);
  await expect(page.getByRole('heading', { level: 2, name: /Étape 2/ })).toBeVisible();
  expect(await kioskCall(request, kiosk, 'assistedWhy', {})).toEqual({ ok: false, error: { code: 'why_no_attempt' } });
  await fillLoginDetails(page, email);
  await submit(page);
  await expect(page.getByRole('heading', { level: 2, name: /Étape 3/ })).toBeVisible();
  const mail = await nthMail(request, portal, email, /./);
  await touchFill(page, field(page, 'Code à 6 chiffres reçu par email'), mail.codes[0]!);
  await page.getByRole('button', { name: 'Activer mon compte' }).tap();
  await expect(page.getByRole('heading', { level: 2, name: 'Votre compte est activé' })).toBeVisible();

  // The portal kept each ask and the journey's outcomes, without the kind or anything personal.
  await expect
    .poll(async () => (await storedEvents(portal)).filter((e) => e.event === 'registration_why').length)
    .toBeGreaterThanOrEqual(2);
  const rows = await portal.demo.portal.db.select().from(kioskEvents).where(eq(kioskEvents.event, 'registration_why'));
  expect(rows.every((r) => r.assisted)).toBe(true);
  const stored = JSON.stringify(await storedEvents(portal));
  for (const canary of [
    ended.lastName,
    tenant.lastName,
    tenant.accountNumber,
    tenant.dateOfBirth,
    email,
    'lease_ended',
  ])
    expect(stored).not.toContain(canary);
});

test('an unassisted visit shows no « pourquoi ? » and the core refuses it', async ({ page, kiosk, request }) => {
  await page.getByRole('button', { name: START }).tap();
  await page.getByRole('button', { name: /^Créer mon compte/ }).tap();
  await fillIdentity(page, { ...demoTenant(43), dateOfBirth: '1931-01-01' });
  await submit(page);
  await expect(page.getByRole('heading', { level: 2, name: /Nous ne trouvons pas/ })).toBeVisible();
  await expect(page.getByTestId('why-panel')).toHaveCount(0);
  expect(await kioskCall(request, kiosk, 'assistedWhy', {})).toEqual({
    ok: false,
    error: { code: 'why_not_assisted' },
  });
});

test('forgotten password: the portal’s interval is counted down; « recevoir un nouvel email » only after it', async ({
  page,
  portal,
  request,
}) => {
  const email = 'e2e.intervalle@free.fr';
  await activatedAccount(request, portal, demoTenant(44), email, PASSWORD);
  await openReset(page);
  await page.locator('#reset-email').fill(email);
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/call/requestReset'));
  await submit(page);
  const answer = (await (await answered).json()) as { value: { resendAvailableInSeconds: number } };
  expect(answer.value.resendAvailableInSeconds).toBeGreaterThan(0);
  expect(answer.value.resendAvailableInSeconds).toBeLessThanOrEqual(INTERVAL);
  const again = page.getByRole('button', { name: "Corriger l'adresse ou recevoir un nouvel email" });
  await expect(page.getByTestId('reset-again-wait')).toHaveText(/Vous pourrez demander un nouvel email dans 0:0\d/);
  await expect(again).toHaveCount(0);
  await expect(page.getByRole('button', { name: "Corriger l'adresse", exact: true })).toBeVisible();
  // The condition, not a time: the button comes back once the interval has passed.
  await expect(again).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('reset-again-wait')).toHaveCount(0);
});

test.describe('pictures in fr and ar (a long interval, so the countdown stays on screen)', () => {
  test.use({ portalLimits: { resendCooldownSeconds: 600 } });

  test('reset countdown and login resend, fr and ar', async ({ page, portal, request }) => {
    const email = 'e2e.images@free.fr';
    await activatedAccount(request, portal, demoTenant(45), email, PASSWORD);
    await openReset(page);
    await page.locator('#reset-email').fill(email);
    await submit(page);
    await expect(page.getByTestId('reset-again-wait')).toBeVisible();
    await picturesFrAr(page, page.getByTestId('reset-again-wait'), 'reset-wait');
    await page.getByRole('button', { name: 'Terminer' }).tap();

    const pending = 'e2e.images.attente@free.fr';
    await pendingAccount(portal, 46, pending);
    await loginNotActivated(page, pending);
    // The registration's email started the (long) interval: the resend is refused and counted down.
    await page.getByRole('button', { name: "Renvoyer l'email d'activation" }).tap();
    await expect(page.getByText(/Vous pourrez demander un nouvel email dans \d+:\d\d/)).toBeVisible();
    await picturesFrAr(page, page.getByTestId('login-resend'), 'login-resend-wait');
  });
});
