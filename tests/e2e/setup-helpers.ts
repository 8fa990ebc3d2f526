import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { startDemoPortal, type DemoPortal } from '../../src/portal/demo';
import { expect, startKiosk, stopKiosk, test as base } from './fixtures';
import { keyboard } from './registration-helpers';

/**
 * The set-up screen needs a kiosk with no credential and no enrolment code, pointed at a real
 * portal: the demo portal runs in the test process (so tests can issue codes and revoke), the web
 * shell is given its URL with `--portal-url` and KIOSK_ENROLMENT_CODE empty.
 */
export const test = base.extend<{ portal: { url: string; demo: DemoPortal } }>({
  portal: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'setup-portal-'));
    const demo = await startDemoPortal({ dataDir, logLevel: 'silent', enrolment: 'code' });
    await use({ url: demo.url, demo });
    await demo.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
  kiosk: async ({ portal, kioskEnv }, use, info) => {
    const kiosk = await startKiosk({
      args: ['--portal-url', portal.url],
      env: { KIOSK_ENROLMENT_CODE: '', KIOSK_CAPTCHA: 'false', ...kioskEnv },
    });
    await use(kiosk);
    await stopKiosk(kiosk, info);
  },
});
export { expect };

export const SETUP_PIN = '86420';
/** A PIN check is scrypt at the OWASP cost: slower than the default wait on a busy machine. */
export const VERIFY = { timeout: 30_000 };

export const W = {
  fr: {
    title: 'Mise en service de la borne',
    reenrol: 'Ré-enrôler cette borne',
    portal: 'Adresse du portail',
    code: "Code d'enrôlement",
    label: 'Nom de la borne',
    pin: 'Code du personnel',
    pinAgain: 'Code du personnel, une seconde fois',
    submit: 'Enrôler la borne',
    done: 'Borne enrôlée',
    finish: 'Terminer',
    revoked: 'Borne désactivée',
    newCode: 'Saisir un nouveau code',
    unlock: 'Continuer',
    wrongCode: "Ce code d'enrôlement est inconnu. Vérifiez-le caractère par caractère.",
    start: "Touchez l'écran pour commencer",
  },
  ar: { title: 'إعداد الجهاز', done: 'تم تسجيل الجهاز', revoked: 'الجهاز معطّل', language: 'العربية' },
} as const;

export const field = (page: Page, name: string): Locator => page.getByRole('textbox', { name, exact: true });
export const padKey = (page: Page, button: string): Locator => keyboard(page).locator(`[data-skbtn="${button}"]`);

/** Taps the digits on the PIN pad (not its OK key, which submits the form). */
export async function tapDigits(page: Page, pin: string): Promise<void> {
  await expect(padKey(page, '0')).toBeVisible();
  for (const digit of pin) await padKey(page, digit).tap();
}

/** A fresh one-time code from the test's portal. */
export async function newCode(portal: { demo: DemoPortal }, label: string) {
  return portal.demo.portal.createKiosk(portal.demo.agencyCode, label);
}

/** A kiosk call through the web shell's bridge, with the page's cookie (as the renderer makes it). */
export async function bridgeCall(page: Page, name: string, input: unknown = {}): Promise<unknown> {
  return page.evaluate(
    async ([n, i]) =>
      (
        await fetch(`/api/call/${n}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(i),
        })
      ).json() as Promise<unknown>,
    [name, input] as const,
  );
}
