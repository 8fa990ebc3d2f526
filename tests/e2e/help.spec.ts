import { expect, test } from './fixtures';
import { entryCard, heading, languageButton, openHelp, openTopic, startVisit, WORDS } from './help-support';

const ANSWERS = [
  "Il est écrit en haut à gauche de votre avis d'échéance.",
  'Attention : seuls les signataires du contrat de location peuvent avoir un compte.',
  'Regardez dans les « courriers indésirables » (spam) de votre messagerie.',
  'Vous pouvez en choisir un nouveau ici, en quelques étapes.',
];

test.describe('help pages', () => {
  test('the help loads only when asked for: not in the first bundle', async ({ page, kiosk }) => {
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(kiosk.launchUrl);
    await startVisit(page);
    expect(scripts.some((s) => s.includes('help-view'))).toBe(false);
    await openHelp(page);
    expect(scripts.some((s) => s.includes('help-view'))).toBe(true);
  });

  test('each of the seed’s questions has its page, with its answer and « ask the staff » in view', async ({ page }) => {
    await startVisit(page);
    await openHelp(page);
    const cards = page.locator('main li button');
    await expect(cards).toHaveCount(4);
    for (let i = 0; i < 4; i++) {
      await expect(cards.nth(i)).toContainText(WORDS.fr.topics[i]!);
      await expect(cards.nth(i)).toContainText(ANSWERS[i]!);
    }
    await expect(page.getByRole('button', { name: WORDS.fr.staff })).toBeInViewport();

    for (let i = 0; i < 4; i++) {
      await openTopic(page, 'fr', i);
      await expect(page.locator('main')).toContainText(ANSWERS[i]!);
      // One touch away, without scrolling, on every page.
      await expect(page.getByRole('button', { name: WORDS.fr.staff })).toBeInViewport();
      await expect(page.getByRole('button', { name: WORDS.fr.finish })).toBeInViewport();
      await page.getByRole('button', { name: WORDS.fr.allQuestions }).click();
      await expect(heading(page, WORDS.fr.help)).toBeVisible();
    }
  });

  test('« ask the staff » sends the visitor to the front desk, and closes back where it was', async ({ page }) => {
    await startVisit(page);
    await openHelp(page);
    await openTopic(page, 'fr', 2);
    const staff = page.getByRole('button', { name: WORDS.fr.staff });
    await staff.click();
    const dialog = page.getByRole('dialog', { name: WORDS.fr.staffTitle });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("Rendez-vous au guichet d'accueil de l'agence");
    await expect(dialog).toContainText('touchez « Terminer »');
    // Modal: a touch on « Terminer » behind it lands on the dialog's backdrop, not on the button.
    const finish = (await page.getByRole('button', { name: WORDS.fr.finish }).boundingBox())!;
    const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('button, dialog')?.tagName, {
      x: finish.x + finish.width / 2,
      y: finish.y + finish.height / 2,
    });
    expect(hit).toBe('DIALOG');
    await page.getByRole('button', { name: WORDS.fr.close }).click();
    await expect(dialog).toBeHidden();
    await expect(staff).toBeFocused();

    await staff.click();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: WORDS.fr.finish })).toBeVisible();
  });

  test('the account number page shows the rent notice drawing and what to type', async ({ page }) => {
    await startVisit(page);
    await openHelp(page);
    await openTopic(page, 'fr', 0);
    const drawing = page.getByRole('img', { name: /Dessin d'un avis d'échéance/ });
    await expect(drawing).toBeVisible();
    expect(await drawing.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    // Readable at kiosk size: the drawing is shown at least 600 CSS pixels wide in portrait.
    expect((await drawing.boundingBox())!.width).toBeGreaterThanOrEqual(600);
    await expect(page.getByText('Le numéro encadré, en haut à gauche, est votre numéro de compte.')).toBeVisible();
    const typed = page.locator('main .field');
    await expect(typed).toHaveText('0212345678901');
    await expect(typed.locator('.prefix')).toHaveText('02');
    await expect(typed.locator('.digits')).toHaveText(/^\d{11}$/);
  });

  test('in Arabic the words turn right-to-left, the French document does not', async ({ page }) => {
    await startVisit(page, 'ar');
    await openHelp(page, 'ar');
    await openTopic(page, 'ar', 0);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    const drawing = page.locator('main .drawing');
    await expect(drawing).toHaveAttribute('dir', 'ltr');
    await expect(drawing.locator('img')).toHaveCSS('transform', 'none');
    await expect(page.locator('main .field')).toHaveText('0212345678901');
    // The heading's words start at the right.
    const main = (await page.locator('main').boundingBox())!;
    const title = (await heading(page, WORDS.ar.topics[0]).boundingBox())!;
    expect(title.x + title.width).toBeGreaterThan(main.x + main.width * 0.6);
  });

  test('no French left on the Arabic help pages', async ({ page }) => {
    await startVisit(page, 'ar');
    await openHelp(page, 'ar');
    // Latin words allowed: the mail folder and sender names the visitor will see in their mailbox.
    const allowed = new Set(['spam', 'no-reply']);
    const latinWords = async () =>
      ((await page.locator('main').innerText()).match(/[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'-]+/g) ?? []).filter(
        (w) => !allowed.has(w),
      );
    expect(await latinWords()).toEqual([]);
    for (let i = 0; i < 4; i++) {
      await openTopic(page, 'ar', i);
      expect(await latinWords(), WORDS.ar.topics[i]).toEqual([]);
      await page.getByRole('button', { name: WORDS.ar.allQuestions }).click();
    }
  });

  test('a page’s « go and do it » button opens the journey', async ({ page }) => {
    const leftHelp = async () => {
      await expect(page.getByRole('button', { name: WORDS.fr.allQuestions })).toHaveCount(0);
      await expect(page.getByRole('button', { name: WORDS.fr.staff })).toHaveCount(0);
    };
    await startVisit(page);
    await openHelp(page);
    await openTopic(page, 'fr', 3);
    await page.getByRole('button', { name: 'Choisir un nouveau mot de passe' }).click();
    await leftHelp();
    await expect(page.getByRole('heading', { level: 1, name: /mot de passe/i })).toBeVisible();

    await page.getByRole('button', { name: WORDS.fr.backHome }).click();
    await openHelp(page);
    await openTopic(page, 'fr', 1);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await leftHelp();
    await expect(page.getByRole('heading', { level: 1, name: /inscription|créer mon compte/i })).toBeVisible();
  });

  test('opened from the registration, the account number page leads back to it', async ({ page }) => {
    await startVisit(page);
    await entryCard(page, 'Créer mon compte').click();
    const journey = await page.getByRole('heading', { level: 1 }).innerText();
    await page
      .locator('main')
      .getByRole('button', { name: /numéro/i })
      .first()
      .click();
    await expect(heading(page, WORDS.fr.topics[0])).toBeVisible();
    await page.getByRole('button', { name: 'Revenir à ma démarche' }).click();
    await expect(heading(page, journey)).toBeVisible();

    // Reached from home instead, there is nothing to go back to.
    await page.getByRole('button', { name: WORDS.fr.backHome }).click();
    await openHelp(page);
    await openTopic(page, 'fr', 0);
    await expect(page.getByRole('button', { name: 'Revenir à ma démarche' })).toHaveCount(0);
  });

  test('the help follows a language change and is left behind at the end of the visit', async ({ page }) => {
    await startVisit(page);
    await openHelp(page);
    await openTopic(page, 'fr', 2);
    await languageButton(page, 'ar').click();
    await expect(heading(page, WORDS.ar.topics[2])).toBeVisible();
    await page.getByRole('button', { name: WORDS.ar.finish }).click();
    await expect(page.getByRole('button', { name: WORDS.fr.start })).toBeVisible();
    await startVisit(page);
    await expect(heading(page, WORDS.fr.home)).toBeVisible();
    await expect(entryCard(page, WORDS.fr.help)).toBeVisible();
  });
});
