import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, signatories } from '../../../src/portal/db/schema';
import { startCutProxy, type CutProxy } from './cut-proxy';
import { identityOf, portalAccount, startHarness, STRONG_PASSWORD, type Harness } from '../portal/harness';
import { memoryLogger } from '../helpers/kiosk';
import { solvedCaptcha, startTestKiosk, type TestKiosk } from './kiosk-harness';

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
const RESET_EMAIL = 'offline.oubli@example.org';

const open = async (enrolmentCode: string | null) =>
  startTestKiosk({ portalUrl: proxy.url, enrolmentCode, dataDir, logger: logged.logger, answerWaitMs: 2_000 });

const accountsOf = async (i: number) => {
  const id = identityOf(i);
  const row = await h.portal.db
    .select({ n: sql<number>`count(*)` })
    .from(accounts)
    .innerJoin(signatories, eq(accounts.signatoryId, signatories.id))
    .where(and(eq(signatories.accountNumber, id.accountNumber), eq(signatories.firstName, id.firstName)))
    .get();
  return row!.n;
};
const mails = (email: string, subject: RegExp) => h.mailsTo(email).filter((m) => subject.test(m.subject));

beforeAll(async () => {
  h = await startHarness();
  ({ credential } = await h.enrolKiosk());
  await portalAccount(h, credential, 6, RESET_EMAIL);
  proxy = await startCutProxy(h.url);
  const { enrolmentCode } = await h.portal.createKiosk('CLERMONT', 'Borne hors ligne');
  kiosk = await open(enrolmentCode);
  // The kiosk started with the portal there: enrolled, the portal's key fetched.
  expect(await kiosk.core.enrolment?.credential()).toBeTruthy();
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
    await kiosk.call('startRegistration');
    const step1 = await kiosk.call('submitIdentity', {
      ...identityOf(REGISTERING),
      ...(await solvedCaptcha(kiosk, 'identity')),
    });
    expect(step1).toMatchObject({ ok: true, value: { step: 'login-details', checkedBy: 'form' } });
    const step2 = await kiosk.call('submitLoginDetails', {
      email: REG_EMAIL,
      emailConfirmation: REG_EMAIL,
      password: STRONG_PASSWORD,
      passwordConfirmation: STRONG_PASSWORD,
      acceptedTermsVersion: '2025-01',
      language: 'fr',
      ...(await solvedCaptcha(kiosk, 'login-details')),
    });
    expect(step2).toEqual({ ok: true, value: { step: 'queued', maskedEmail: 'o•••@e•••.org' } });
    expect((await kiosk.call('getRegistration')).value).toMatchObject({ step: 'queued', refusal: null });

    // Forgotten password: the same answer as online, saying it is saved.
    await kiosk.call('startReset');
    const reset = await kiosk.call('requestReset', {
      email: RESET_EMAIL,
      language: 'fr',
      ...(await solvedCaptcha(kiosk, 'password-reset')),
    });
    expect(reset).toEqual({ ok: true, value: { step: 'code', maskedEmail: 'o•••@e•••.org', queued: true } });

    const waiting = await kiosk.core.outbox!.figures();
    expect(waiting.byKind.register?.pending).toBe(1);
    expect(waiting.byKind.reset_request?.pending).toBe(1);
    expect(await accountsOf(REGISTERING)).toBe(0);

    // The kiosk core stops (the visit with it) and starts again on the same data dir.
    await kiosk.close();
    kiosk = await open(null);
    expect((await kiosk.core.outbox!.figures()).byKind.register?.pending).toBe(1);

    await proxy.restore();
    await expect.poll(() => accountsOf(REGISTERING), { timeout: 60_000, interval: 250 }).toBe(1);
    await expect
      .poll(async () => (await kiosk.core.outbox!.figures()).oldestPendingAt, { timeout: 60_000, interval: 250 })
      .toBeNull();
    await h.portal.settle();
    await expect.poll(() => mails(REG_EMAIL, /activ/i).length).toBe(1);
    await expect.poll(() => mails(RESET_EMAIL, /Réinitialisation/).length).toBe(1);

    // Nothing more comes later (no second delivery), and nothing of the tenants reached the logs.
    await kiosk.core.outbox!.syncNow();
    await h.portal.settle();
    expect(await accountsOf(REGISTERING)).toBe(1);
    expect(mails(REG_EMAIL, /activ/i)).toHaveLength(1);
    expect(mails(RESET_EMAIL, /Réinitialisation/)).toHaveLength(1);
    expect(logged.lines.join('\n')).not.toMatch(/offline\.(inscription|oubli)|example\.org/);
  });
});
