import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { demoLoginSignatory } from '../../src/portal/accounts/demo-login';
import { demoSignatories } from '../../src/portal/signatories/demo-data';
import type { SignatoryRow } from '../../src/portal/signatories/store';
import { expect, type RunningKiosk } from './fixtures';

/** The embedded demo portal loads this many fictional tenants (its default). */
const DEMO_TENANTS = 500;
const directory = demoSignatories(DEMO_TENANTS);
/** Already has an account in the demo portal (the login demo): never one to register. */
export const demoLoginTenant = demoLoginSignatory(directory)!;

/** Demo tenants on current leases, by index; different tests take different ones. */
export function demoTenant(index: number, where: (row: SignatoryRow) => boolean = () => true): SignatoryRow {
  const rows = directory.filter((r) => r.leaseStatus === 'current' && r !== demoLoginTenant && where(r));
  const row = rows[index];
  if (!row) throw new Error(`no demo tenant #${index}`);
  return row;
}
export const endedLeaseTenant = (): SignatoryRow => directory.find((r) => r.leaseStatus === 'ended')!;
/** Two co-signatories of one current lease. */
export function coSignatories(): [SignatoryRow, SignatoryRow] {
  for (let i = 0; i + 1 < directory.length; i++) {
    const [a, b] = [directory[i]!, directory[i + 1]!];
    if (a.leaseId === b.leaseId && a.leaseStatus === 'current') return [a, b];
  }
  throw new Error('no co-signatories in the demo data');
}

export const START = "Touchez l'écran pour commencer";
export const PASSWORD = 'Kiosque!2024b';

// ── The on-screen keyboard, by touch only ────────────────────────────────────────────────────

export const keyboard = (page: Page): Locator => page.locator('.keyboard-dock');
const key = (page: Page, button: string): Locator =>
  keyboard(page).locator(`[data-skbtn="${button.replace(/["\\]/g, '\\$&')}"]`);

async function tapKey(page: Page, button: string): Promise<void> {
  await key(page, button).first().tap();
}

async function hasKey(page: Page, button: string): Promise<boolean> {
  return (await key(page, button).count()) > 0;
}

/**
 * Types `text` by tapping the on-screen keys only: shift for capitals, the accents and symbols
 * layers for the rest, then back to letters. Fails when a character has no key.
 */
export async function touchType(page: Page, text: string): Promise<void> {
  await expect(keyboard(page).locator('.hg-button').first()).toBeVisible();
  for (const char of text) {
    const button = char === ' ' ? '{space}' : char;
    if (await hasKey(page, button)) {
      await tapKey(page, button);
      continue;
    }
    const lower = char.toLocaleLowerCase('fr');
    if (lower !== char && (await hasKey(page, '{shift}'))) {
      // The capital of an accented letter: accents layer, then shift.
      if (!(await hasKey(page, lower)) && (await hasKey(page, '{accents}'))) await tapKey(page, '{accents}');
      await tapKey(page, '{shift}');
      await expect(key(page, char).first()).toBeVisible();
      await tapKey(page, char);
      if (await hasKey(page, '{abc}')) await tapKey(page, '{abc}');
      continue;
    }
    let typed = false;
    for (const layer of ['{accents}', '{symbols}']) {
      if (!(await hasKey(page, layer))) continue;
      await tapKey(page, layer);
      if (await hasKey(page, button)) {
        await tapKey(page, button);
        typed = true;
      }
      await tapKey(page, '{abc}');
      if (typed) break;
    }
    if (!typed) throw new Error(`no on-screen key for ${JSON.stringify(char)}`);
  }
}

/** Taps a field (the keyboard opens on it) and types into it by touch. */
export async function touchFill(page: Page, field: Locator, text: string): Promise<void> {
  await field.tap();
  await expect(field).toBeFocused();
  await touchType(page, text);
}

// ── The journey ──────────────────────────────────────────────────────────────────────────────

export async function openRegistration(page: Page): Promise<void> {
  await page.getByRole('button', { name: START }).tap();
  await page.getByRole('button', { name: /^Créer mon compte/ }).tap();
  await expect(page.getByRole('heading', { level: 1, name: 'Première inscription' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /Étape 1/ })).toBeVisible();
}

/** A field by its label (the required mark is hidden from the name); password fields are textboxes too. */
export const field = (page: Page, label: string): Locator => page.getByRole('textbox', { name: label, exact: true });

/** Step 1 by touch: the 11 digits after "02", names, day / month / year (captcha off). */
export async function touchIdentity(page: Page, tenant: SignatoryRow): Promise<void> {
  await touchFill(page, field(page, 'Numéro du compte client'), tenant.accountNumber.slice(2));
  await touchFill(page, field(page, 'Nom'), tenant.lastName);
  await touchFill(page, field(page, 'Prénom'), tenant.firstName);
  const [year, month, day] = tenant.dateOfBirth.split('-') as [string, string, string];
  // Day, then month and year: the fields move on by themselves once full.
  await field(page, 'Jour').tap();
  await touchType(page, day + month + year);
}

/** Step 1 the quick way, for tests about later steps (a physical keyboard works too). */
export async function fillIdentity(page: Page, tenant: SignatoryRow): Promise<void> {
  await field(page, 'Numéro du compte client').fill(tenant.accountNumber.slice(2));
  await field(page, 'Nom').fill(tenant.lastName);
  await field(page, 'Prénom').fill(tenant.firstName);
  const [year, month, day] = tenant.dateOfBirth.split('-') as [string, string, string];
  await field(page, 'Jour').fill(day);
  await field(page, 'Mois').fill(month);
  await field(page, 'Année').fill(year);
}

export async function fillLoginDetails(page: Page, email: string, password = PASSWORD): Promise<void> {
  await field(page, 'Email').fill(email);
  await field(page, "Confirmez l'email").fill(email);
  await field(page, 'Mot de passe').fill(password);
  await field(page, 'Confirmez le mot de passe').fill(password);
  await page.getByRole('checkbox', { name: /J'ai lu et j'accepte/ }).check();
}

export const submit = (page: Page, name = 'Valider'): Promise<void> =>
  page.getByRole('button', { name, exact: true }).tap();

// ── The demo portal's mailbox ────────────────────────────────────────────────────────────────

export interface Mail {
  to: string[];
  subject: string;
  links: string[];
  codes: string[];
}

/**
 * The emails to `email` a demo portal's mail catcher holds now, oldest first. `mailboxUrl`: the
 * embedded portal's (kiosk.mailboxUrl) or that of a portal the test runs itself.
 */
export async function mailsTo(request: APIRequestContext, mailboxUrl: string, email: string): Promise<Mail[]> {
  const response = await request.get(`${mailboxUrl}.json`);
  const { messages } = (await response.json()) as { messages: Mail[] };
  return messages.filter((m) => m.to.includes(email));
}

/** The last activation email to `email`, as the demo portal's mail catcher caught it. */
export async function lastMail(request: APIRequestContext, kiosk: RunningKiosk, email: string): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(async () => {
      found = (await mailsTo(request, kiosk.mailboxUrl!, email)).at(-1);
      return found?.codes.length ?? 0;
    })
    .toBeGreaterThan(0);
  return found!;
}

export const mailCount = async (request: APIRequestContext, kiosk: RunningKiosk, email: string): Promise<number> =>
  (await mailsTo(request, kiosk.mailboxUrl!, email)).length;

/** Calls the kiosk API as the page would (with this launch's secret), to look at main-side state. */
export async function kioskCall(
  request: APIRequestContext,
  kiosk: RunningKiosk,
  name: string,
  input: unknown = {},
): Promise<unknown> {
  const response = await request.post(`${kiosk.baseUrl}/api/call/${name}`, {
    data: input,
    headers: { 'x-kiosk-secret': kiosk.secret },
  });
  return response.json();
}
