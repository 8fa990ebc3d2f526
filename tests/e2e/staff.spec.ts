import type { Locator, Page } from '@playwright/test';
import { hashStaffPin } from '../../src/main/core/staff/pin-hash';
import { expect, test } from './fixtures';
import { keyboard } from './registration-helpers';
import { axeViolations as violations } from './screen-check';

/** The README's demo PIN: the web shell's embedded demo portal uses it when none is configured. */
const DEMO_PIN = '246810';
/**
 * A PIN check is scrypt at the OWASP cost (128 MiB) by design: on a busy machine an answer may
 * take more than the default 5 s, so the first expectation after each PIN waits longer.
 */
const VERIFY = { timeout: 20_000 };

const W = {
  fr: {
    start: "Touchez l'écran pour commencer",
    home: 'Que souhaitez-vous faire ?',
    finish: 'Terminer',
    staff: 'Personnel',
    title: 'Mode personnel',
    pin: 'Code du personnel',
    status: 'État de la borne',
    language: 'Langue par défaut',
    toggle: 'Borne hors service',
    leave: 'Quitter le mode personnel',
    outOfService: "Borne momentanément hors service — adressez-vous à l'accueil",
  },
  ar: {
    start: 'المس الشاشة للبدء',
    staff: 'الموظفون',
    title: 'وضع الموظفين',
    pin: 'رمز الموظفين',
    status: 'حالة الجهاز',
    outOfService: 'الجهاز خارج الخدمة مؤقتًا — يرجى التوجه إلى مكتب الاستقبال',
  },
} as const;

const padKey = (page: Page, button: string): Locator => keyboard(page).locator(`[data-skbtn="${button}"]`);
const pinField = (page: Page, name: string = W.fr.pin) => page.getByRole('textbox', { name, exact: true });
const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });
const languageNav = (page: Page) => page.getByRole('navigation');

/** Types a PIN by tapping the PIN pad's keys only, then its OK key. */
async function tapPin(page: Page, pin: string): Promise<void> {
  await expect(padKey(page, '0')).toBeVisible();
  for (const digit of pin) await padKey(page, digit).tap();
  await padKey(page, '{submit}').tap();
}

/** From the attract screen: « Personnel », the PIN on the pad, the panel. */
async function unlock(page: Page, pin = DEMO_PIN): Promise<void> {
  await page.getByRole('button', { name: W.fr.staff, exact: true }).tap();
  await expect(heading(page, W.fr.title)).toBeVisible();
  await tapPin(page, pin);
  await expect(page.getByRole('heading', { level: 2, name: W.fr.status })).toBeVisible(VERIFY);
}

/** What the kiosk core answers the page's own startVisit call. */
const startVisitCall = (page: Page) =>
  page.evaluate(async () => {
    const r = await fetch('/api/call/startVisit', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    return (await r.json()) as unknown;
  });

test.describe('staff mode', () => {
  test('PIN on the pad, English as the default language, leave: every visit then ends in English', async ({ page }) => {
    await page.getByRole('button', { name: W.fr.staff, exact: true }).tap();
    await expect(heading(page, W.fr.title)).toBeVisible();
    // The pad opens on its own, on a masked field: digits, erase and OK, nothing else.
    await expect(pinField(page)).toBeFocused();
    await expect(pinField(page)).toHaveAttribute('type', 'password');
    await expect(padKey(page, '5')).toBeVisible();
    const keys = await keyboard(page)
      .locator('.hg-button')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-skbtn')));
    expect(keys.sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '{bksp}', '{submit}'].sort());
    await expect(padKey(page, '{submit}')).toHaveAccessibleName('OK');
    // Erase works.
    await padKey(page, '9').tap();
    await padKey(page, '{bksp}').tap();
    await expect(pinField(page)).toHaveValue('');
    await tapPin(page, DEMO_PIN);

    await expect(page.getByRole('heading', { level: 2, name: W.fr.status })).toBeVisible(VERIFY);
    // The PIN pad goes with the PIN field.
    await expect(keyboard(page)).toHaveCount(0);
    const row = (term: string) =>
      page.locator('dl > div').filter({ has: page.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }) });
    // An enrolled kiosk is named as the portal knows it (its k_… id), not by its configured name.
    await expect(row('Borne').getByRole('definition')).toHaveText(/^k_[A-Za-z0-9_-]+$/);
    await expect(row('État du service').getByRole('definition')).toHaveText('En service');
    await expect(row("Visites aujourd'hui").getByRole('definition')).toHaveText('0');
    // The embedded portal answers the kiosk's heartbeats: the last sync is a time, not « Pas encore ».
    await expect(row('Dernière synchronisation').getByRole('definition')).toHaveText(/\d\d:\d\d:\d\d/);
    // What waits to be sent, per kind, and « Synchroniser maintenant ».
    const outbox = page.getByRole('region', { name: 'Envois vers le portail' });
    await expect(outbox.getByRole('row')).toHaveCount(7);
    await outbox.getByRole('button', { name: 'Synchroniser maintenant' }).tap();
    await expect(outbox.getByText('Synchronisation faite.')).toBeVisible();
    // Staff mode is not a visit: no « Retour à l'accueil » into the tenant's journeys.
    await expect(page.getByRole('button', { name: "Retour à l'accueil" })).toHaveCount(0);

    const languages = page.getByRole('group', { name: W.fr.language });
    await expect(languages.getByRole('button')).toHaveText(['Français', 'English', 'العربية', 'Português', 'Türkçe']);
    await expect(languages.getByRole('button', { name: 'Français' })).toHaveAttribute('aria-pressed', 'true');
    await languages.getByRole('button', { name: 'English' }).tap();
    await expect(languages.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('status').filter({ hasText: 'Modification enregistrée.' })).toBeVisible();
    // The panel stays in the language staff are reading.
    await expect(heading(page, W.fr.title)).toBeVisible();

    await page.getByRole('button', { name: W.fr.leave }).tap();
    await expect(page.getByRole('button', { name: 'Touch the screen to start' })).toBeVisible();

    // A tenant switches to French, then « Finish »: the kiosk is back in English for the next one.
    await page.getByRole('button', { name: 'Touch the screen to start' }).tap();
    await expect(heading(page, 'What would you like to do?')).toBeVisible();
    await languageNav(page).getByRole('button', { name: 'Français', exact: true }).tap();
    await expect(heading(page, W.fr.home)).toBeVisible();
    await page.getByRole('button', { name: W.fr.finish }).tap();
    await expect(page.getByRole('button', { name: 'Touch the screen to start' })).toBeVisible();
    // A fresh start of the screen too.
    await page.reload();
    await expect(page.getByRole('button', { name: 'Touch the screen to start' })).toBeVisible();
  });

  test('out of service: the attract screen says so in every language and starts no visit', async ({ page }) => {
    await unlock(page);
    const toggle = page.getByRole('switch', { name: W.fr.toggle });
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await toggle.tap();
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    await expect(page.locator('dl')).toContainText('Hors service');
    await page.getByRole('button', { name: W.fr.leave }).tap();

    await expect(page.getByText(W.fr.outOfService)).toBeVisible();
    await expect(page.getByRole('button', { name: W.fr.start })).toHaveCount(0);
    await page.touchscreen.tap(540, 700);
    await expect(heading(page, W.fr.home)).toHaveCount(0);
    expect(await startVisitCall(page)).toEqual({ ok: false, error: { code: 'out_of_service' } });
    await languageNav(page).getByRole('button', { name: 'العربية', exact: true }).tap();
    await expect(page.getByText(W.ar.outOfService)).toBeVisible();
    await languageNav(page).getByRole('button', { name: 'Français', exact: true }).tap();

    // Staff can still come in, and put it back in service.
    await unlock(page);
    await page.getByRole('switch', { name: W.fr.toggle }).tap();
    await expect(page.getByRole('switch', { name: W.fr.toggle })).toHaveAttribute('aria-checked', 'false');
    await page.getByRole('button', { name: W.fr.leave }).tap();
    await page.getByRole('button', { name: W.fr.start }).tap();
    await expect(heading(page, W.fr.home)).toBeVisible();
  });

  test('a wrong PIN is said, emptied, and five lock the entry; a physical keyboard works too', async ({ page }) => {
    await page.getByRole('button', { name: W.fr.staff, exact: true }).tap();
    await tapPin(page, '1357');
    await expect(page.getByText('Code incorrect. Vérifiez-le et réessayez.')).toBeVisible(VERIFY);
    await expect(pinField(page)).toHaveValue('');
    await expect(heading(page, W.fr.title)).toBeVisible();
    // Too short: said without asking the core.
    await pinField(page).tap();
    await tapPin(page, '12');
    await expect(page.getByText('Le code comporte de 4 à 8 chiffres.')).toBeVisible();
    await expect(pinField(page)).toHaveValue('');

    // The physical keyboard: letters are dropped, Enter sends.
    await pinField(page).focus();
    await page.keyboard.type('24a68b10');
    await expect(pinField(page)).toHaveValue(DEMO_PIN);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: W.fr.status })).toBeVisible(VERIFY);

    // « Terminer » ends the staff session: the PIN is asked again.
    await page.getByRole('button', { name: W.fr.finish }).tap();
    await page.getByRole('button', { name: W.fr.staff, exact: true }).tap();
    await expect(pinField(page)).toBeVisible();
    for (let i = 0; i < 5; i++) {
      await pinField(page).tap();
      await tapPin(page, '0000');
      await expect(pinField(page)).toHaveValue('', VERIFY);
    }
    await expect(page.getByText('Trop de codes incorrects. Réessayez dans 5 min.')).toBeVisible();
    await pinField(page).tap();
    // Even the right PIN is refused until the wait is over (the answer empties the field).
    await tapPin(page, DEMO_PIN);
    await expect(pinField(page)).toHaveValue('', VERIFY);
    await expect(page.getByText('Trop de codes incorrects. Réessayez dans 5 min.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: W.fr.status })).toHaveCount(0);
  });

  for (const lang of ['fr', 'ar'] as const) {
    test(`axe: the PIN screen and the panel (${lang})`, async ({ page }) => {
      if (lang === 'ar') await languageNav(page).getByRole('button', { name: 'العربية', exact: true }).tap();
      await page.getByRole('button', { name: W[lang].staff, exact: true }).tap();
      await expect(heading(page, W[lang].title)).toBeVisible();
      await expect(padKey(page, '0')).toBeVisible();
      const found = await violations(page, 'pin');
      await padKey(page, '1').tap();
      await padKey(page, '{submit}').tap();
      await expect(pinField(page, W[lang].pin)).toHaveAttribute('aria-invalid', 'true');
      found.push(...(await violations(page, 'pin error')));
      await tapPin(page, DEMO_PIN);
      await expect(page.getByRole('heading', { level: 2, name: W[lang].status })).toBeVisible(VERIFY);
      found.push(...(await violations(page, 'panel')));
      await page.getByRole('switch').tap();
      await expect(page.getByRole('switch')).toHaveAttribute('aria-checked', 'true');
      found.push(...(await violations(page, 'panel, out of service')));
      expect(found).toEqual([]);
    });
  }
});

/** A kiosk configured with its own PIN (a hash made as `npm run staff-pin` makes it, at the lowest cost). */
const CONFIGURED_PIN = '97531';
const withConfiguredPin = test.extend({
  kioskEnv: async ({ kioskArgs: _args }, use) => {
    await use({ KIOSK_STAFF_PIN_HASH: await hashStaffPin(CONFIGURED_PIN, { logN: 14, r: 8, p: 1 }) });
  },
});

withConfiguredPin('a configured PIN opens staff mode; the demo PIN then does not', async ({ page }) => {
  await page.getByRole('button', { name: W.fr.staff, exact: true }).tap();
  await expect(pinField(page)).toBeVisible();
  await expect(page.getByText(/Borne de démonstration/)).toHaveCount(0);
  await tapPin(page, DEMO_PIN);
  await expect(page.getByText('Code incorrect. Vérifiez-le et réessayez.')).toBeVisible(VERIFY);
  await pinField(page).tap();
  await tapPin(page, CONFIGURED_PIN);
  await expect(page.getByRole('heading', { level: 2, name: W.fr.status })).toBeVisible(VERIFY);
  await expect(page.getByText(/code de démonstration/)).toHaveCount(0);
});

test.describe('staff mode with a real portal and no PIN hash', () => {
  test.use({ kioskArgs: ['--portal-url', 'http://127.0.0.1:9'] });

  test('is off, and the entry says so', async ({ page }) => {
    await page.getByRole('button', { name: W.fr.staff, exact: true }).tap();
    await expect(
      page.getByText("Le mode personnel n'est pas configuré sur cette borne. Contactez le service informatique."),
    ).toBeVisible();
    await expect(pinField(page)).toHaveCount(0);
    await page.getByRole('button', { name: 'Annuler' }).tap();
    await expect(page.getByRole('button', { name: W.fr.start })).toBeVisible();
  });
});
