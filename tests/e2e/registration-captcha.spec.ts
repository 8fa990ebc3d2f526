import { expect, test } from './fixtures';
import { demoTenant, field, fillIdentity, openRegistration, submit, touchFill } from './registration-helpers';

// The kiosk's default: the captcha is on. A test cannot read it, so it only ever answers wrong.
const CAPTCHA = "Entrez les six chiffres figurant dans l'image";

test('the captcha: a new image on touch; a wrong answer draws another, cleared, nothing else lost', async ({
  page,
}) => {
  const tenant = demoTenant(8);
  await openRegistration(page);
  const picture = page.getByRole('button', { name: 'Nouvelle image' }).locator('img');
  await expect(picture).toHaveAttribute('src', /^data:image\//);
  await expect(picture).toHaveAttribute('alt', 'Image de six chiffres à recopier');
  const first = await picture.getAttribute('src');
  await page.getByRole('button', { name: 'Nouvelle image' }).tap();
  await expect(picture).not.toHaveAttribute('src', first!);

  await fillIdentity(page, tenant);
  // The answer goes on the numeric pad, six digits at most.
  await touchFill(page, field(page, CAPTCHA), '0000001');
  await expect(field(page, CAPTCHA)).toHaveValue('000000');
  const shown = await picture.getAttribute('src');
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/call/submitIdentity'));
  await submit(page);
  expect(await (await answered).json()).toMatchObject({ ok: false, error: { code: 'captcha_wrong' } });

  const error = page.locator('#reg-captcha-error');
  await expect(error).toHaveText(
    'Ce ne sont pas les bons chiffres. Voici une nouvelle image : recopiez ses six chiffres.',
  );
  await expect(picture).not.toHaveAttribute('src', shown!);
  await expect(field(page, CAPTCHA)).toHaveValue('');
  await expect(field(page, CAPTCHA)).toBeFocused();
  await expect(field(page, 'Nom')).toHaveValue(tenant.lastName);
  await expect(field(page, 'Numéro du compte client')).toHaveValue(tenant.accountNumber.slice(2));
  // The answer never reached the page: only the picture did.
  expect(await page.content()).not.toMatch(/captchaAnswer|"answer"/);
});

test('without six digits typed, the kiosk says so before asking anyone', async ({ page }) => {
  await openRegistration(page);
  await fillIdentity(page, demoTenant(9));
  await field(page, CAPTCHA).fill('123');
  const calls: string[] = [];
  page.on('request', (r) => r.url().includes('/api/call/submitIdentity') && calls.push(r.url()));
  await submit(page);
  await expect(page.locator('#reg-captcha-error')).toHaveText("Tapez les six chiffres de l'image.");
  expect(calls).toEqual([]);
});
