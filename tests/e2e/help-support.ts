import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** Words the accessibility, help and layout specs look for, per language (from the catalogues). */
export const WORDS = {
  fr: {
    start: "Touchez l'écran pour commencer",
    home: 'Que souhaitez-vous faire ?',
    help: 'Aide',
    backHome: "Retour à l'accueil",
    finish: 'Terminer',
    staff: "Demander à l'équipe de l'accueil",
    staffTitle: "L'équipe de l'accueil est là pour vous",
    close: "J'ai compris",
    allQuestions: 'Toutes les questions',
    sizes: ['Texte normal', 'Texte plus grand', 'Texte très grand'],
    contrast: 'Contraste élevé',
    listen: 'Écouter',
    topics: [
      'Vous ne trouvez pas votre numéro de compte',
      "Vous n'arrivez pas à créer votre compte",
      "Vous ne recevez pas l'email de confirmation",
      'Vous avez oublié votre mot de passe',
    ],
  },
  ar: {
    start: 'المس الشاشة للبدء',
    home: 'ماذا تريد أن تفعل؟',
    help: 'مساعدة',
    backHome: 'العودة إلى البداية',
    finish: 'إنهاء',
    staff: 'اسأل فريق الاستقبال',
    staffTitle: 'فريق الاستقبال هنا لمساعدتك',
    close: 'فهمت',
    allQuestions: 'كل الأسئلة',
    sizes: ['نص عادي', 'نص أكبر', 'نص كبير جدًا'],
    contrast: 'تباين عالٍ',
    listen: 'استماع',
    topics: ['لا تجد رقم حسابك', 'لا تستطيع إنشاء حسابك', 'لم يصلك بريد التأكيد', 'نسيت كلمة المرور'],
  },
} as const;

export type Lang = keyof typeof WORDS;
export const LANGUAGE_NAMES: Record<Lang, string> = { fr: 'Français', ar: 'العربية' };

export const heading = (page: Page, name: string): Locator =>
  page.getByRole('heading', { level: 1, name, exact: true });

export const languageButton = (page: Page, lang: Lang): Locator =>
  page.getByRole('navigation').getByRole('button', { name: LANGUAGE_NAMES[lang], exact: true });

/** From the attract screen: picks the language there, touches the screen, waits for home. */
export async function startVisit(page: Page, lang: Lang = 'fr'): Promise<void> {
  if (lang !== 'fr') await languageButton(page, lang).click();
  await page.getByRole('button', { name: WORDS[lang].start }).click();
  await expect(heading(page, WORDS[lang].home)).toBeVisible();
}

/** The home screen's entry cards: their accessible names start with their titles. */
export const entryCard = (page: Page, title: string): Locator =>
  page.getByRole('button', { name: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });

export async function openHelp(page: Page, lang: Lang = 'fr'): Promise<void> {
  await entryCard(page, WORDS[lang].help).click();
  await expect(heading(page, WORDS[lang].help)).toBeVisible();
}

/** Opens the i-th question from the help index and waits for its page. */
export async function openTopic(page: Page, lang: Lang, index: number): Promise<void> {
  const title = WORDS[lang].topics[index]!;
  await entryCard(page, title).click();
  await expect(heading(page, title)).toBeVisible();
}

export async function setTextSize(page: Page, lang: Lang, step: 0 | 1 | 2): Promise<void> {
  const button = page.getByRole('button', { name: WORDS[lang].sizes[step], exact: true });
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
}

export async function setContrast(page: Page, lang: Lang, on: boolean): Promise<void> {
  const button = page.getByRole('button', { name: WORDS[lang].contrast });
  if ((await button.getAttribute('aria-pressed')) !== String(on)) await button.click();
  await expect(button).toHaveAttribute('aria-pressed', String(on));
}

/** The root font size in CSS pixels, as the browser computed it. */
export const rootFontSize = async (page: Page): Promise<number> =>
  parseFloat(await page.locator('html').evaluate((html) => getComputedStyle(html).fontSize));
