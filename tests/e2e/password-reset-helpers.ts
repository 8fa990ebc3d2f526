import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import type { PortalConfigInput } from '../../src/portal/config';
import { startDemoPortal, type DemoPortal } from '../../src/portal/demo';
import type { SignatoryRow } from '../../src/portal/signatories/store';
import { expect, startKiosk, stopKiosk, test as base, type RunningKiosk } from './fixtures';
import { mailsTo, START, type Mail } from './registration-helpers';

/**
 * The forgotten password needs what the embedded portal keeps to itself: an activated account to
 * begin with, and a way to check afterwards that the new password logs in. So these tests run the
 * same demo portal (demo tenants, mail catcher) in the test process, point the kiosk at it with
 * `--portal-url` and a one-time enrolment code, and keep a second kiosk credential for the checks
 * they make over the portal's HTTP API.
 */
export interface ResetPortal {
  url: string;
  mailboxUrl: string;
  /** A credential of another kiosk of the same portal, for the checks (POST /v1/sessions…). */
  credential: string;
  demo: DemoPortal;
  close(): Promise<void>;
}

async function startResetPortal(limits?: PortalConfigInput['limits']): Promise<ResetPortal> {
  const dataDir = mkdtempSync(join(tmpdir(), 'reset-portal-'));
  const demo = await startDemoPortal({ dataDir, logLevel: 'silent', enrolment: 'code', ...(limits ? { limits } : {}) });
  const { enrolmentCode } = await demo.portal.createKiosk(demo.agencyCode, 'Contrôles e2e');
  const enrolled = await fetch(`${demo.url}/v1/kiosks/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enrolmentCode }),
  });
  const { value } = (await enrolled.json()) as { value: { credential: string } };
  let closed = false;
  return {
    url: demo.url,
    mailboxUrl: demo.mailboxUrl,
    credential: value.credential,
    demo,
    async close() {
      if (!closed) await demo.close();
      closed = true;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * `portal`: the demo portal of the test; `kiosk`: the web shell on it, captcha off unless
 * `kioskEnv` turns it on (a test cannot read the captcha).
 */
export const test = base.extend<{ portal: ResetPortal; portalLimits: PortalConfigInput['limits'] | undefined }>({
  portalLimits: [undefined, { option: true }],
  portal: async ({ portalLimits }, use) => {
    const portal = await startResetPortal(portalLimits);
    await use(portal);
    await portal.close();
  },
  kiosk: async ({ portal, kioskEnv }, use, info) => {
    const kiosk = await startKiosk({
      args: ['--portal-url', portal.url],
      env: { KIOSK_ENROLMENT_CODE: portal.demo.enrolmentCode!, KIOSK_CAPTCHA: 'false', ...kioskEnv },
    });
    await use(kiosk);
    await stopKiosk(kiosk, info);
  },
});

export { expect };

/** The number of emails to `email` whose subject matches, now. */
export const countMails = async (request: APIRequestContext, portal: ResetPortal, email: string, subject: RegExp) =>
  (await mailsTo(request, portal.mailboxUrl, email)).filter((m) => subject.test(m.subject)).length;

/** Waits for the `nth` (1-based) email to `email` whose subject matches, and returns it. */
export async function nthMail(
  request: APIRequestContext,
  portal: ResetPortal,
  email: string,
  subject: RegExp,
  nth = 1,
): Promise<Mail> {
  let found: Mail[] = [];
  await expect
    .poll(
      async () =>
        (found = (await mailsTo(request, portal.mailboxUrl, email)).filter((m) => subject.test(m.subject))).length,
    )
    .toBeGreaterThanOrEqual(nth);
  return found[nth - 1]!;
}

/** Subjects of the portal's emails in French (the language of the request). */
export const RESET_SUBJECT = /^Réinitialisation de votre mot de passe$/;
export const CHANGED_SUBJECT = /^Votre mot de passe a été modifié$/;

async function portalCall(request: APIRequestContext, portal: ResetPortal, path: string, body: unknown) {
  const response = await request.post(`${portal.url}${path}`, {
    data: body,
    headers: { authorization: `Bearer ${portal.credential}` },
  });
  return { status: response.status(), body: (await response.json()) as { error?: { code: string } } };
}

/** A registered and activated account, made over the portal's API as another kiosk would. */
export async function activatedAccount(
  request: APIRequestContext,
  portal: ResetPortal,
  tenant: SignatoryRow,
  email: string,
  password: string,
): Promise<void> {
  const identity = {
    accountNumber: tenant.accountNumber,
    lastName: tenant.lastName,
    firstName: tenant.firstName,
    dateOfBirth: tenant.dateOfBirth,
  };
  const registered = await portalCall(request, portal, '/v1/registrations', {
    identity,
    email,
    password,
    acceptedTermsVersion: portal.demo.portal.config.termsVersion,
  });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  const mail = await nthMail(request, portal, email, /./);
  const activated = await portalCall(request, portal, '/v1/activation/code', { email, code: mail.codes[0] });
  expect(activated.status, JSON.stringify(activated.body)).toBe(200);
}

/** What POST /v1/sessions answers for this email and password: 201 when it logs in. */
export const portalLogin = async (request: APIRequestContext, portal: ResetPortal, email: string, password: string) =>
  (await portalCall(request, portal, '/v1/sessions', { email, password })).status;

/** From the attract screen to step 1 of « Mot de passe oublié », by touch. */
export async function openReset(page: Page, words = { start: START, entry: /^Mot de passe oublié/ }): Promise<void> {
  await page.getByRole('button', { name: words.start }).tap();
  await page.getByRole('button', { name: words.entry }).tap();
  await expect(page.locator('#reset-email')).toBeVisible();
}

export type { RunningKiosk };
