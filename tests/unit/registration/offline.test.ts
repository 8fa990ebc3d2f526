import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCutProxy, type CutProxy } from './cut-proxy';
import { identityOf, portalAccount, startHarness, type Harness } from '../portal/harness';
import { memoryLogger } from '../helpers/kiosk';
import {
  accountsOf as portalAccountsOf,
  loginDetails,
  solvedCaptcha,
  startTestKiosk,
  type TestKiosk,
} from './kiosk-harness';

/**
 * The issue's « done when », in the kiosk core: the portal goes away after the kiosk started; a
 * tenant registers and another asks for a new password; the kiosk core is closed and opened again
 * on the same data dir; the portal comes back; the account exists exactly once and each email
 * arrives once. Real portal over HTTP behind a TCP proxy the test cuts, real libSQL files.
 */
let h: Harness;
let proxy: CutProxy;
let kiosk: TestKiosk;
let credential: string;
const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-offline-'));
const logged = memoryLogger('debug');

const REGISTERING = 4;
const REG_EMAIL = 'offline.inscription@example.org';
/** Index 0 registered (at another kiosk) before the outage: queued again, the portal refuses it. */
const ALREADY = 0;
const RESET_EMAIL = 'offline.oubli@example.org';

const open = async (enrolmentCode: string | null) =>
  startTestKiosk({ portalUrl: proxy.url, enrolmentCode, dataDir, logger: logged.logger, answerWaitMs: 2_000 });

const accountsOf = (i: number) => portalAccountsOf(h, i);
/** Rows of `kind` still to deliver (waiting, or being sent right now). */
const waitingOf = async (k: TestKiosk, kind: 'register' | 'reset_request') => {
  const figures = (await k.core.outbox.figures()).byKind[kind];
  return (figures?.pending ?? 0) + (figures?.inFlight ?? 0);
};
/** Steps 1 and 2 with the portal cut: the registration is queued. */
async function queueRegistration(k: TestKiosk, i: number, email: string) {
  await k.call('startRegistration');
  const step1 = await k.call('submitIdentity', { ...identityOf(i), ...(await solvedCaptcha(k, 'identity')) });
  expect(step1).toMatchObject({ ok: true, value: { step: 'login-details', checkedBy: 'form' } });
  return k.call('submitLoginDetails', {
    ...loginDetails(email),
    ...(await solvedCaptcha(k, 'login-details')),
  });
}
const mails = (email: string, subject: RegExp) => h.mailsTo(email).filter((m) => subject.test(m.subject));

beforeAll(async () => {
  h = await startHarness();
  ({ credential } = await h.enrolKiosk());
  await portalAccount(h, credential, 6, RESET_EMAIL);
  await portalAccount(h, credential, ALREADY, 'deja.inscrit@example.org');
  proxy = await startCutProxy(h.url);
  const { enrolmentCode } = await h.portal.createKiosk('CLERMONT', 'Borne hors ligne');
  kiosk = await open(enrolmentCode);
  // The kiosk started with the portal there: enrolled, the portal's key fetched.
  expect(await kiosk.core.enrolment?.credential()).toBeTruthy();
  expect(await kiosk.core.sync.keys.refresh()).not.toBeNull();
});
afterAll(async () => {
  await kiosk?.close();
  await proxy?.close();
  await h?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the journeys with the portal gone, then back', () => {
  it('registers and asks for a new password offline; a restart loses nothing; on return each happens once', async () => {
    await proxy.cut();
    await kiosk.core.portal.check();

    // Registration: step 1 checks the form only, step 2 is saved.
    const step2 = await queueRegistration(kiosk, REGISTERING, REG_EMAIL);
    expect(step2).toEqual({ ok: true, value: { step: 'queued', maskedEmail: 'o•••@e•••.org' } });
    expect((await kiosk.call('getRegistration')).value).toMatchObject({ step: 'queued', refusal: null });

    // Forgotten password: the same answer as online, saying it is saved.
    await kiosk.call('startReset');
    const reset = await kiosk.call('requestReset', {
      email: RESET_EMAIL,
      language: 'fr',
      ...(await solvedCaptcha(kiosk, 'password-reset')),
    });
    // Queued: the portal has not counted it, so no interval is known and none is counted down.
    expect(reset).toEqual({
      ok: true,
      value: { step: 'code', maskedEmail: 'o•••@e•••.org', queued: true, resendAvailableInSeconds: null },
    });

    expect(await waitingOf(kiosk, 'register')).toBe(1);
    expect(await waitingOf(kiosk, 'reset_request')).toBe(1);
    expect(await accountsOf(REGISTERING)).toBe(0);

    // The kiosk core stops (the visit with it) and starts again on the same data dir.
    await kiosk.close();
    kiosk = await open(null);
    expect(await waitingOf(kiosk, 'register')).toBe(1);
    expect(await waitingOf(kiosk, 'reset_request')).toBe(1);

    await proxy.restore();
    await expect.poll(() => accountsOf(REGISTERING), { timeout: 60_000, interval: 250 }).toBe(1);
    await expect.poll(() => waitingOf(kiosk, 'register'), { timeout: 60_000, interval: 250 }).toBe(0);
    await expect.poll(() => waitingOf(kiosk, 'reset_request'), { timeout: 60_000, interval: 250 }).toBe(0);
    await h.portal.settle();
    await expect.poll(() => mails(REG_EMAIL, /activ/i).length).toBe(1);
    await expect.poll(() => mails(RESET_EMAIL, /Réinitialisation/).length).toBe(1);

    // Nothing more comes later (no second delivery), and nothing of the tenants reached the logs.
    await kiosk.core.outbox.syncNow();
    await h.portal.settle();
    expect(await accountsOf(REGISTERING)).toBe(1);
    expect(mails(REG_EMAIL, /activ/i)).toHaveLength(1);
    expect(mails(RESET_EMAIL, /Réinitialisation/)).toHaveLength(1);
    expect(logged.lines.join('\n')).not.toMatch(/offline\.(inscription|oubli)|example\.org/);
  }, 180_000);

  it('moves the screen on when a queued registration is answered while the tenant is still there', async () => {
    await proxy.cut();
    await kiosk.core.portal.check();
    const email = 'offline.reste@example.org';
    expect(await queueRegistration(kiosk, 5, email)).toMatchObject({ ok: true, value: { step: 'queued' } });
    await proxy.restore();
    await expect
      .poll(async () => (await kiosk.call('getRegistration')).value.step, { timeout: 60_000, interval: 250 })
      .toBe('activation');
    const mail = await h.lastMailTo(email);
    expect(await kiosk.call('activateByCode', { code: mail.codes[0] })).toEqual({
      ok: true,
      value: { step: 'done', queued: false },
    });
    expect(await accountsOf(5)).toBe(1);
  }, 180_000);

  it('sends the tenant back to step 1 with the refusal when the portal refuses the queued identity', async () => {
    await proxy.cut();
    await kiosk.core.portal.check();
    expect(await queueRegistration(kiosk, ALREADY, 'encore.moi@example.org')).toMatchObject({
      ok: true,
      value: { step: 'queued' },
    });
    await proxy.restore();
    await expect
      .poll(async () => (await kiosk.call('getRegistration')).value, { timeout: 60_000, interval: 250 })
      .toMatchObject({ step: 'identity', refusal: 'already_registered' });
    expect(await accountsOf(ALREADY)).toBe(1);
    expect((await kiosk.core.outbox.figures()).refusedCodes.already_registered).toBe(1);
  }, 180_000);
});
