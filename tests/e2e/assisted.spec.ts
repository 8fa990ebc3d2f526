import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { demoTenant, field, keyboard, START, submit, touchIdentity } from './registration-helpers';
import { checkScreen } from './screen-check';

/**
 * Assisted journeys (issue #12): staff unlock, open a tenant's journey for them; the visit is
 * marked, has no captcha (the kiosk's captcha is on here, its default), and ends at the PIN.
 */
const DEMO_PIN = '246810';
/** A PIN check is scrypt at the OWASP cost: slower than the default wait on a busy machine. */
const VERIFY = { timeout: 20_000 };
const CAPTCHA = "Entrez les six chiffres figurant dans l'image";
const W = {
  fr: {
    name: 'Français',
    staff: 'Personnel',
    status: 'État de la borne',
    register: 'Créer mon compte',
    band: "Accompagné par l'accueil",
    title: 'Première inscription',
  },
  ar: { name: 'العربية', staff: 'الموظفون', status: 'حالة الجهاز', band: 'بمساعدة موظفي الاستقبال' },
} as const;

const padKey = (page: Page, button: string) => keyboard(page).locator(`[data-skbtn="${button}"]`);
const band = (page: Page) => page.getByTestId('assisted-band');

/** « Personnel », the demo PIN on the pad, the panel. */
async function unlock(page: Page, words: { staff: string; status: string } = W.fr): Promise<void> {
  await page.getByRole('button', { name: words.staff, exact: true }).tap();
  await expect(padKey(page, '0')).toBeVisible();
  for (const digit of DEMO_PIN) await padKey(page, digit).tap();
  await padKey(page, '{submit}').tap();
  await expect(page.getByRole('heading', { level: 2, name: words.status })).toBeVisible(VERIFY);
}

/** From the panel: the tenant's registration, assisted. */
async function assistRegistration(page: Page): Promise<void> {
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/call/staffStartAssisted'));
  await page.locator('#staff-assisted-title').locator('..').getByRole('button').first().tap();
  expect(await (await answered).json()).toMatchObject({ ok: true, value: { journey: 'registration' } });
}

test('assisted registration: marked, no captcha, step 1 by touch; « Terminer » brings the PIN back', async ({
  page,
}) => {
  await unlock(page);
  const group = page.getByRole('group', { name: 'Accompagner un locataire' });
  await expect(group.getByRole('button')).toHaveText([W.fr.register, 'Me connecter', 'Mot de passe oublié']);
  await assistRegistration(page);

  await expect(page.getByRole('heading', { level: 1, name: W.fr.title })).toBeVisible();
  await expect(band(page)).toHaveText(W.fr.band);
  await expect(page.getByRole('button', { name: 'Nouvelle image' })).toHaveCount(0);
  await expect(field(page, CAPTCHA)).toHaveCount(0);

  await touchIdentity(page, demoTenant(9));
  const step1 = page.waitForResponse((r) => r.url().endsWith('/api/call/submitIdentity'));
  await submit(page);
  expect(await (await step1).json()).toMatchObject({ ok: true, value: { step: 'login-details' } });
  await expect(page.getByRole('heading', { level: 2, name: /Étape 2/ })).toBeVisible();
  // Still marked on the next step, still no picture; the password stays masked for staff.
  await expect(band(page)).toHaveText(W.fr.band);
  await expect(field(page, CAPTCHA)).toHaveCount(0);
  await expect(field(page, 'Mot de passe')).toHaveAttribute('type', 'password');
  // Home within the visit is still the assisted visit.
  await page.getByRole('button', { name: "Retour à l'accueil" }).tap();
  await expect(band(page)).toHaveText(W.fr.band);

  await page.getByRole('button', { name: 'Terminer' }).tap();
  // Back at the staff PIN, not the attract screen: the staff session ended with the visit.
  await expect(page.locator('#staff-pin')).toBeVisible();
  await expect(page.locator('#staff-pin')).toHaveValue('');
  await expect(band(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: W.fr.status })).toHaveCount(0);

  // « Annuler », then an ordinary visit: the captcha is back, no band.
  await page.getByRole('button', { name: 'Annuler' }).tap();
  await page.getByRole('button', { name: START }).tap();
  await page.getByRole('button', { name: new RegExp(`^${W.fr.register}`) }).tap();
  await expect(page.getByRole('heading', { level: 1, name: W.fr.title })).toBeVisible();
  await expect(field(page, CAPTCHA)).toBeVisible();
  await expect(band(page)).toHaveCount(0);
});

test('a tenant cannot start an assisted visit: the core refuses without a staff session', async ({ page }) => {
  const answer = await page.evaluate(async () => {
    const r = await fetch('/api/call/staffStartAssisted', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ journey: 'registration' }),
    });
    return (await r.json()) as unknown;
  });
  expect(answer).toEqual({ ok: false, error: { code: 'staff_locked' } });
});

for (const [width, height] of [
  [1080, 1920],
  [1920, 1080],
] as const) {
  for (const lang of ['fr', 'ar'] as const) {
    test(`assisted screen ${width}×${height} ${lang}`, async ({ page }, info) => {
      const words = W[lang];
      await page.setViewportSize({ width, height });
      if (lang !== 'fr') await page.getByRole('navigation').getByRole('button', { name: words.name }).tap();
      await unlock(page, words);
      await checkScreen(page, info, 'assisted', `${lang}-panel`);
      await assistRegistration(page);
      await expect(band(page)).toHaveText(words.band);
      await checkScreen(page, info, 'assisted', `${lang}-registration`);
    });
  }
}

test.describe('assisted idle time', () => {
  // The shortest idle times the kiosk accepts; the page's clock is then moved on by hand.
  test.use({ kioskEnv: { KIOSK_IDLE_WARN_SECONDS: '15', KIOSK_IDLE_COUNTDOWN_SECONDS: '5' } });
  test.beforeEach(async ({ page, kiosk }) => {
    await page.clock.install();
    await page.goto(kiosk.launchUrl);
  });

  test('twice the quiet time before « Êtes-vous toujours là ? », then the visit ends at the staff PIN', async ({
    page,
  }) => {
    const question = page.getByRole('dialog', { name: 'Êtes-vous toujours là ?' });
    await unlock(page);
    await assistRegistration(page);
    await expect(band(page)).toBeVisible();
    await page.clock.fastForward('00:20');
    await expect(question).toHaveCount(0);
    await page.clock.fastForward('00:11');
    await expect(question).toBeVisible();
    await page.clock.fastForward('00:06');
    await expect(page.locator('#staff-pin')).toBeVisible();
    await expect(band(page)).toHaveCount(0);
  });
});
