import type { Locator, Page } from '@playwright/test';
import { expect, holdCall, test } from './fixtures';
import {
  coSignatories,
  demoTenant,
  endedLeaseTenant,
  field,
  fillIdentity,
  fillLoginDetails,
  keyboard,
  lastMail,
  mailCount,
  openRegistration,
  PASSWORD,
  START,
  submit,
  touchFill,
  touchIdentity,
  touchType,
} from './registration-helpers';

// The captcha cannot be read by a test: these run on a kiosk with it turned off (a per-kiosk
// setting for staff-attended desks). registration-captcha.spec.ts runs with it on.
test.use({ kioskEnv: { KIOSK_CAPTCHA: 'false' } });

const step2 = (page: Page) => expect(page.getByRole('heading', { level: 2, name: /Étape 2/ })).toBeVisible();
const step3 = (page: Page) => expect(page.getByRole('heading', { level: 2, name: /Étape 3/ })).toBeVisible();
/** The error line a field names in aria-describedby (its words are checked with retries). */
async function errorLine(page: Page, label: string): Promise<Locator> {
  const ids = ((await field(page, label).getAttribute('aria-describedby')) ?? '').split(' ');
  return page.locator(`[id="${ids.find((id) => id.endsWith('-error'))!}"]`);
}

test.describe('first registration', () => {
  test('the whole journey by touch only: identity, login details, code from the email, success', async ({
    page,
    kiosk,
    request,
  }) => {
    const tenant = demoTenant(1);
    await openRegistration(page);
    await touchIdentity(page, tenant);
    await expect(field(page, 'Année')).toHaveValue(tenant.dateOfBirth.slice(0, 4));
    await submit(page);
    await step2(page);
    await expect(page.getByRole('listitem').filter({ hasText: 'Identité' })).toContainText('terminée');

    const email = 'e2e.parcours@orange.fr';
    await touchFill(page, field(page, 'Email'), 'e2e.parcours');
    await keyboard(page).locator('[data-skbtn="{@orange.fr}"]').tap();
    await expect(field(page, 'Email')).toHaveValue(email);
    await touchFill(page, field(page, "Confirmez l'email"), 'e2e.parcours');
    await expect(page.getByText('Les deux sont identiques')).toHaveCount(0);
    await keyboard(page).locator('[data-skbtn="{@orange.fr}"]').tap();
    await expect(page.getByText('Les deux sont identiques').first()).toBeVisible();

    await touchFill(page, field(page, 'Mot de passe'), PASSWORD);
    const rules = page.locator('#reg-password-rules li');
    await expect(rules).toHaveCount(6);
    await expect(rules.filter({ hasText: 'respecté' })).toHaveCount(6);
    await touchFill(page, field(page, 'Confirmez le mot de passe'), PASSWORD);
    await expect(page.getByText('Les deux sont identiques')).toHaveCount(2);

    // The terms can be read in full before ticking.
    await page.getByRole('button', { name: "Lire les conditions générales d'utilisation" }).tap();
    const terms = page.getByRole('dialog');
    await expect(terms.getByRole('heading')).toBeVisible();
    await expect(terms).toContainText(/Version/);
    expect(((await terms.textContent()) ?? '').length).toBeGreaterThan(500);
    await terms.getByRole('button', { name: 'Fermer' }).tap();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await page.getByRole('checkbox', { name: /J'ai lu et j'accepte/ }).tap();

    await submit(page);
    await step3(page);
    // The address whole, as typed: a typo can be seen (the visit's wipe forgets it).
    await expect(page.getByText(`Un email a été envoyé à \u2068${email}\u2069.`, { exact: true })).toBeVisible();
    await expect(page.getByText('Pensez à vérifier vos courriers indésirables (spam).')).toBeVisible();
    await expect(page.getByRole('button', { name: /Renvoyer l'email \(possible dans \d:\d\d\)/ })).toBeDisabled();

    const mail = await lastMail(request, kiosk, email);
    await touchFill(page, field(page, 'Code à 6 chiffres reçu par email'), mail.codes[0]!);
    await page.getByRole('button', { name: 'Activer mon compte' }).tap();
    await expect(page.getByRole('heading', { level: 2, name: 'Votre compte est activé' })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: 'terminée' })).toHaveCount(3);
    await page.getByRole('button', { name: 'Me connecter' }).tap();
    await expect(page.getByRole('heading', { level: 1, name: 'Me connecter' })).toBeVisible();
  });

  test('activation by the link, opened in another page: the kiosk shows success', async ({
    page,
    kiosk,
    request,
    context,
  }) => {
    const tenant = demoTenant(2);
    const email = 'e2e.lien@free.fr';
    await openRegistration(page);
    await fillIdentity(page, tenant);
    await submit(page);
    await step2(page);
    await fillLoginDetails(page, email);
    await submit(page);
    await step3(page);

    const mail = await lastMail(request, kiosk, email);
    const link = mail.links.find((l) => l.includes('inscription-locataire'))!;
    expect(link).toMatch(/\/inscription-locataire\?target=link&data=/);
    const phone = await context.newPage();
    await phone.goto(link);
    // Opening the link only shows a button (mail scanners must not spend the token).
    await phone.getByRole('button', { name: 'Activer mon compte' }).click();
    await expect(phone.getByRole('heading', { name: 'Votre compte est activé' })).toBeVisible();
    await phone.close();
    await expect(page.getByRole('heading', { level: 2, name: 'Votre compte est activé' })).toBeVisible({
      timeout: 15_000,
    });
  });

  test('step 1: each bad input is said next to its field, and nothing typed is lost', async ({ page }) => {
    await openRegistration(page);
    await submit(page);
    for (const label of ['Numéro du compte client', 'Nom', 'Prénom']) {
      await expect(await errorLine(page, label)).toHaveText('Ce champ est obligatoire.');
      await expect(field(page, label)).toHaveAttribute('aria-invalid', 'true');
    }
    await expect(page.locator('#reg-birth-error')).toHaveText('Ce champ est obligatoire.');
    // The first field in error takes the focus, its keyboard open.
    await expect(field(page, 'Numéro du compte client')).toBeFocused();

    await field(page, 'Numéro du compte client').fill('12345');
    await field(page, 'Nom').fill('Dupont2');
    await field(page, 'Prénom').fill("--'");
    await field(page, 'Jour').fill('31');
    await field(page, 'Mois').fill('02');
    await field(page, 'Année').fill('1990');
    await submit(page);
    await expect(await errorLine(page, 'Numéro du compte client')).toHaveText(/11 chiffres/);
    await expect(await errorLine(page, 'Nom')).toHaveText(
      'Seulement des lettres, des espaces, des tirets et des apostrophes.',
    );
    await expect(await errorLine(page, 'Prénom')).toHaveText(
      'Seulement des lettres, des espaces, des tirets et des apostrophes.',
    );
    await expect(page.locator('#reg-birth-error')).toHaveText(/Cette date n'existe pas/);
    await expect(field(page, 'Nom')).toHaveValue('Dupont2');
    await expect(field(page, 'Jour')).toHaveValue('31');

    await field(page, 'Année').fill(String(new Date().getFullYear() + 1));
    await field(page, 'Jour').fill('01');
    await submit(page);
    await expect(page.locator('#reg-birth-error')).toHaveText('La date de naissance ne peut pas être dans le futur.');
    await field(page, 'Année').fill('1850');
    await submit(page);
    await expect(page.locator('#reg-birth-error')).toHaveText("Vérifiez l'année de naissance.");
  });

  test('not found, swapped names, ended lease, and names typed differently from the notice', async ({ page }) => {
    const tenant = demoTenant(3, (r) => r.lastName !== r.firstName);
    await openRegistration(page);
    await fillIdentity(page, { ...tenant, dateOfBirth: '1999-12-31' });
    await submit(page);
    const outcome = page.getByRole('region', {
      name: 'Nous ne trouvons pas de compte locataire avec ces informations',
    });
    await expect(outcome).toBeVisible();
    await expect(outcome).toContainText('Seuls les signataires du contrat de location peuvent avoir un compte.');
    await expect(outcome).not.toContainText('semblent inversés');
    await expect(field(page, 'Nom')).toHaveValue(tenant.lastName);

    await fillIdentity(page, { ...tenant, lastName: tenant.firstName, firstName: tenant.lastName });
    await submit(page);
    await expect(outcome).toContainText('Le nom et le prénom semblent inversés');
    await outcome.getByRole('button', { name: 'Où trouver mon numéro ?' }).tap();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Vous ne trouvez pas votre numéro de compte' }),
    ).toBeVisible();
    // Back to the registration as it was left.
    await page.getByRole('button', { name: 'Revenir à ma démarche' }).tap();
    await expect(field(page, 'Nom')).toHaveValue(tenant.firstName);

    const ended = endedLeaseTenant();
    await fillIdentity(page, ended);
    await submit(page);
    await expect(outcome).toBeVisible();

    // Other case, no accents, spaces for hyphens: the same person.
    const plain = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').replace(/-/g, ' ');
    await fillIdentity(page, {
      ...tenant,
      lastName: plain(tenant.lastName).toUpperCase(),
      firstName: plain(tenant.firstName).toLowerCase(),
    });
    await submit(page);
    await step2(page);
  });

  test('step 2: live checks, typo suggestion, and refusals that keep the emails but not the passwords', async ({
    page,
  }) => {
    await openRegistration(page);
    await fillIdentity(page, demoTenant(4));
    await submit(page);
    await step2(page);

    await field(page, 'Email').fill('jean.test@gmial.com');
    await expect(page.getByText(/^Vouliez-vous dire .jean\.test@gmail\.com. \?$/)).toBeVisible();
    await page.getByRole('button', { name: 'Oui, corriger' }).tap();
    await expect(field(page, 'Email')).toHaveValue('jean.test@gmail.com');
    await field(page, "Confirmez l'email").fill('jean.tost');
    await expect(page.getByText('Les deux sont différents')).toBeVisible();

    await field(page, 'Mot de passe').fill('azerty');
    // Only the lower-case letter is there; "azerty" is also among the most common passwords.
    await expect(page.locator('#reg-password-rules li').filter({ hasText: 'respecté' })).toHaveText([
      /une lettre minuscule/,
    ]);
    await field(page, 'Confirmez le mot de passe').fill('azerty');
    await submit(page);
    await expect(await errorLine(page, "Confirmez l'email")).toHaveText(
      'Les deux adresses email ne sont pas identiques.',
    );
    await expect(await errorLine(page, 'Mot de passe')).toHaveText(/ne respecte pas toutes les règles/);
    await expect(page.locator('#reg-terms-error')).toHaveText(/Cochez la case/);
    await expect(field(page, 'Email')).toHaveValue('jean.test@gmail.com');
    await expect(field(page, "Confirmez l'email")).toHaveValue('jean.tost');
    await expect(field(page, 'Mot de passe')).toHaveValue('');
    await expect(field(page, 'Confirmez le mot de passe')).toHaveValue('');

    await field(page, "Confirmez l'email").fill('jean.test@gmail.com');
    await field(page, 'Mot de passe').fill('Azerty123!');
    await field(page, 'Confirmez le mot de passe').fill('Azerty123!');
    await page.getByRole('checkbox', { name: /J'ai lu et j'accepte/ }).check();
    await submit(page);
    await expect(await errorLine(page, 'Mot de passe')).toHaveText(
      'Ce mot de passe est trop courant : choisissez-en un autre.',
    );

    await field(page, 'Mot de passe').fill(PASSWORD);
    await field(page, 'Confirmez le mot de passe').fill(`${PASSWORD}x`);
    await submit(page);
    await expect(await errorLine(page, 'Confirmez le mot de passe')).toHaveText(
      'Les deux mots de passe ne sont pas identiques.',
    );
    await expect(field(page, 'Email')).toHaveValue('jean.test@gmail.com');

    // Back to step 1 to correct it: what was typed there is still there.
    await page.getByRole('button', { name: 'Modifier mes informations' }).tap();
    await expect(field(page, 'Nom')).toHaveValue(demoTenant(4).lastName);
  });

  test('step 2: a refusal about anything but the passwords keeps both passwords as typed', async ({ page }) => {
    await openRegistration(page);
    await fillIdentity(page, demoTenant(5));
    await submit(page);
    await step2(page);
    await fillLoginDetails(page, 'e2e.garde@orange.fr');
    // The terms box left unticked.
    await page.getByRole('checkbox', { name: /J'ai lu et j'accepte/ }).uncheck();
    await submit(page);
    await expect(page.locator('#reg-terms-error')).toHaveText(/Cochez la case/);
    await expect(field(page, 'Mot de passe')).toHaveValue(PASSWORD);
    await expect(field(page, 'Confirmez le mot de passe')).toHaveValue(PASSWORD);
    await expect(page.getByText('Ce champ est obligatoire')).toHaveCount(0);

    // The two emails differ: the passwords still stay.
    await page.getByRole('checkbox', { name: /J'ai lu et j'accepte/ }).check();
    await field(page, "Confirmez l'email").fill('e2e.garde@orange.com');
    await submit(page);
    await expect(await errorLine(page, "Confirmez l'email")).toHaveText(
      'Les deux adresses email ne sont pas identiques.',
    );
    await expect(field(page, 'Mot de passe')).toHaveValue(PASSWORD);
    await expect(field(page, 'Confirmez le mot de passe')).toHaveValue(PASSWORD);
  });

  test('step 2: « Les deux sont différents » is in the error colour, « identiques » in the success one', async ({
    page,
  }) => {
    await openRegistration(page);
    await fillIdentity(page, demoTenant(6));
    await submit(page);
    await step2(page);
    const colourOf = (text: string) => page.getByText(text).evaluate((el) => getComputedStyle(el.closest('p')!).color);
    const colourOfVar = (name: string) =>
      page.evaluate((v) => {
        const probe = document.body.appendChild(document.createElement('span'));
        probe.style.color = `var(${v})`;
        const colour = getComputedStyle(probe).color;
        probe.remove();
        return colour;
      }, name);
    await field(page, 'Email').fill('e2e.couleur@orange.fr');
    await field(page, "Confirmez l'email").fill('e2e.couleur@free.fr');
    await expect(page.getByText('Les deux sont différents')).toBeVisible();
    expect(await colourOf('Les deux sont différents')).toBe(await colourOfVar('--color-danger'));
    await field(page, "Confirmez l'email").fill('e2e.couleur@orange.fr');
    await expect(page.getByText('Les deux sont identiques')).toBeVisible();
    expect(await colourOf('Les deux sont identiques')).toBe(await colourOfVar('--color-online'));
  });

  test('already registered → login or forgotten password; an email in use is said at the email', async ({
    page,
    kiosk,
    request,
  }) => {
    const [first, second] = coSignatories();
    const email = 'e2e.cosign@laposte.net';
    await openRegistration(page);
    await fillIdentity(page, first);
    await submit(page);
    await step2(page);
    await fillLoginDetails(page, email);
    await submit(page);
    await step3(page);
    await lastMail(request, kiosk, email);
    await page.getByRole('button', { name: 'Terminer' }).tap();

    // The co-signatory of the same lease registers on their own, but not with the same email.
    await openRegistration(page);
    await fillIdentity(page, second);
    await submit(page);
    await step2(page);
    await fillLoginDetails(page, email);
    await submit(page);
    await expect(await errorLine(page, 'Email')).toHaveText(/Un compte utilise déjà cette adresse/);
    await fillLoginDetails(page, 'e2e.cosign2@laposte.net');
    await submit(page);
    await step3(page);
    await page.getByRole('button', { name: 'Terminer' }).tap();

    await openRegistration(page);
    await fillIdentity(page, first);
    await submit(page);
    const outcome = page.getByRole('region', { name: 'Vous avez déjà un compte' });
    await expect(outcome).toBeVisible();
    await expect(outcome.getByRole('button', { name: 'Mot de passe oublié' })).toBeVisible();
    await outcome.getByRole('button', { name: 'Me connecter' }).tap();
    await expect(page.getByRole('heading', { level: 1, name: 'Me connecter' })).toBeVisible();
  });

  test('repeated failures: the cool-down is said plainly and Valider waits', async ({ page }) => {
    const tenant = demoTenant(5);
    await openRegistration(page);
    const cooldown = page.getByText(/Trop d'essais\. Pour votre sécurité, vous pourrez réessayer dans \d+:\d\d\./);
    // Wrong dates until the portal's budget for the account number is spent (25 a day).
    for (let i = 0; i < 30 && !(await cooldown.isVisible()); i++) {
      await fillIdentity(page, { ...tenant, dateOfBirth: `1990-01-${String(i + 1).padStart(2, '0')}` });
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/call/submitIdentity'));
      await submit(page);
      await answered;
      // The answer is in, but the screen shows it a moment later: the loop's test waits for that.
      await expect(page.locator('form.step-form button[type="submit"]')).toHaveAttribute('aria-busy', 'false');
    }
    await expect(cooldown).toBeVisible();
    await expect(page.getByRole('button', { name: 'Valider' })).toBeDisabled();
  });

  test('a double tap on Valider sends once and creates one account', async ({ page, kiosk, request }) => {
    const email = 'e2e.double@sfr.fr';
    await openRegistration(page);
    await fillIdentity(page, demoTenant(6));
    await submit(page);
    await step2(page);
    await fillLoginDetails(page, email);
    const sent: string[] = [];
    page.on('request', (r) => r.url().endsWith('/api/call/submitLoginDetails') && sent.push(r.url()));
    await page.locator('body').evaluate((b) => (b.ownerDocument.activeElement as HTMLElement | null)?.blur());
    const box = (await page.getByRole('button', { name: 'Valider' }).boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.touchscreen.tap(x, y);
    await page.touchscreen.tap(x, y);
    await step3(page);
    expect(sent).toHaveLength(1);
    await lastMail(request, kiosk, email);
    expect(await mailCount(request, kiosk, email)).toBe(1);
  });

  // As the forgotten password's: a tap in the screen's first moment did nothing (a captcha was
  // still thought to be asked) and left the tenant in front of a form that seemed dead.
  test('Valider tapped before the screen has heard from the kiosk is sent once the answer comes', async ({ page }) => {
    const release = await holdCall(page, 'getRegistration');
    await page.getByRole('button', { name: START }).tap();
    await page.getByRole('button', { name: /^Créer mon compte/ }).tap();
    await fillIdentity(page, demoTenant(7));
    await submit(page);
    await expect(page.locator('form.step-form button[type="submit"]')).toHaveAttribute('aria-busy', 'true');
    release();
    await step2(page);
  });
});

test('the first touch, then the keyboard types the names with accents, hyphens and apostrophes', async ({ page }) => {
  await page.getByRole('button', { name: START }).tap();
  await page.getByRole('button', { name: /^Créer mon compte/ }).tap();
  await touchFill(page, field(page, 'Nom'), "D'Almeida-Lévy");
  await touchType(page, ' Œ');
  await expect(field(page, 'Nom')).toHaveValue("D'Almeida-Lévy Œ");
});
