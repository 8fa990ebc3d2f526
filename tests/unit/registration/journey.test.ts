import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityOf, startHarness, STRONG_PASSWORD, type Harness } from '../portal/harness';
import { memoryLogger } from '../helpers/kiosk';
import {
  accountsOf as portalAccountsOf,
  loginDetails,
  solvedCaptcha,
  startTestKiosk,
  type TestKiosk,
} from './kiosk-harness';

let h: Harness;
let kiosk: TestKiosk;
const logged = memoryLogger('debug');
beforeAll(async () => {
  h = await startHarness();
  const { enrolmentCode } = await h.portal.createKiosk('CLERMONT', 'Borne de test');
  kiosk = await startTestKiosk({ portalUrl: h.url, enrolmentCode, clock: h.clock, logger: logged.logger });
});
afterAll(async () => {
  await kiosk?.close();
  await h?.close();
});

/** The 11 digits a tenant types after the fixed "02", with the spaces of the rent notice. */
const typed = (accountNumber: string) =>
  `${accountNumber.slice(2, 5)} ${accountNumber.slice(5, 9)} ${accountNumber.slice(9)}`;

async function throughStep1(i: number, names: { lastName?: string; firstName?: string } = {}) {
  expect((await kiosk.call('startRegistration')).value.step).toBe('identity');
  const id = identityOf(i);
  const r = await kiosk.call('submitIdentity', {
    ...id,
    ...names,
    accountNumber: typed(id.accountNumber),
    ...(await solvedCaptcha(kiosk, 'identity')),
  });
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true, value: { step: 'login-details' } });
}

const details = loginDetails;

const accountsOf = (i: number) => portalAccountsOf(h, i);

describe('registration at the kiosk, against the real portal', () => {
  it('enrols the kiosk with its code and keeps the credential', async () => {
    // Enrolment starts with the core, in the background; the first caller waits for it.
    expect(await kiosk.core.enrolment?.credential()).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(kiosk.core.enrolment?.state).toBe('enrolled');
  });

  it('goes identity → login details → activation by the code of the email → done, and the tenant can log in', async () => {
    await throughStep1(5, { lastName: 'MARTIN', firstName: 'camille' });
    const email = 'camille.martin@example.org';
    const step2 = await kiosk.call('submitLoginDetails', {
      ...details(email),
      ...(await solvedCaptcha(kiosk, 'login-details')),
    });
    expect(step2).toEqual({
      ok: true,
      value: { step: 'activation', maskedEmail: 'c•••@e•••.org', resendAvailableInSeconds: 60 },
    });

    const mail = await h.lastMailTo(email);
    expect(mail.codes).toHaveLength(1);
    expect(await kiosk.call('getRegistration')).toMatchObject({
      ok: true,
      value: { step: 'activation', maskedEmail: 'c•••@e•••.org' },
    });
    expect(await kiosk.call('activateByCode', { code: mail.codes[0] })).toEqual({
      ok: true,
      value: { step: 'done', queued: false },
    });
    expect((await kiosk.call('getRegistration')).value.step).toBe('done');

    const credential = await kiosk.core.enrolment!.credential();
    const login = await h.call('POST', '/v1/sessions', { credential, body: { email, password: STRONG_PASSWORD } });
    expect(login.status).toBe(201);
  });

  it('shows success when the link of the email is opened elsewhere (polling getRegistration)', async () => {
    await throughStep1(6);
    const email = 'theo.garnier@example.org';
    await kiosk.call('submitLoginDetails', { ...details(email), ...(await solvedCaptcha(kiosk, 'login-details')) });
    expect((await kiosk.call('getRegistration')).value.step).toBe('activation');

    // The phone: the page shows a button, the button posts the token.
    const link = new URL((await h.lastMailTo(email)).links.find((l) => l.includes('/inscription-locataire'))!);
    expect(link.searchParams.get('target')).toBe('link');
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const posted = await fetch(new URL('/inscription-locataire', h.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ data: link.searchParams.get('data')! }),
    });
    expect(posted.status).toBe(200);

    h.clock.advance(5);
    expect((await kiosk.call('getRegistration')).value).toMatchObject({
      step: 'done',
      maskedEmail: 't•••@e•••.org',
      resendAvailableInSeconds: null,
    });
    // A code typed afterwards changes nothing.
    expect(await kiosk.call('activateByCode', { code: '123456' })).toEqual({
      ok: true,
      value: { step: 'done', queued: false },
    });
  });

  it('creates one account and sends one email for a double tap on Valider, and answers both taps alike', async () => {
    await throughStep1(7);
    const email = 'ines.perrin@example.org';
    const input = { ...details(email), ...(await solvedCaptcha(kiosk, 'login-details')) };
    const [a, b] = await Promise.all([
      kiosk.call('submitLoginDetails', input),
      kiosk.call('submitLoginDetails', input),
    ]);
    expect(a).toMatchObject({ ok: true, value: { step: 'activation' } });
    expect(b).toEqual(a);
    // A late third tap, after the flow moved on, gets the same answer, not "wrong step".
    expect(await kiosk.call('submitLoginDetails', input)).toEqual(a);
    expect(await accountsOf(7)).toBe(1);
    await h.lastMailTo(email);
    expect(h.mailsTo(email)).toHaveLength(1);
  });

  it('resends the activation email after the cool-down, and the new code works', async () => {
    const email = 'ines.perrin@example.org';
    const early = await kiosk.call('resendActivation', {});
    expect(early).toMatchObject({ ok: false, error: { code: 'resend_cooldown' } });
    expect(early.error.retryAfterSeconds).toBeGreaterThan(0);
    h.clock.advance(early.error.retryAfterSeconds! + 1);
    expect(await kiosk.call('resendActivation', { language: 'en' })).toEqual({
      ok: true,
      value: { resendAvailableInSeconds: 60, queued: false },
    });
    await h.portal.settle();
    await expect.poll(() => h.mailsTo(email).length).toBe(2);
    const [first, latest] = h.mailsTo(email);
    expect(latest!.subject).toBe('Activate your tenant account');
    // The first email's code was replaced by the new one.
    expect(await kiosk.call('activateByCode', { code: first!.codes[0] })).toMatchObject({
      ok: false,
      error: { code: 'code_wrong' },
    });
    expect(await kiosk.call('activateByCode', { code: latest!.codes[0] })).toEqual({
      ok: true,
      value: { step: 'done', queued: false },
    });
  });

  it('lets both co-signatories of one lease register under the same account number', async () => {
    await throughStep1(0, { lastName: 'de la fontaine', firstName: 'JEAN PIERRE' });
    expect(
      (
        await kiosk.call('submitLoginDetails', {
          ...details('jp@example.org'),
          ...(await solvedCaptcha(kiosk, 'login-details')),
        })
      ).ok,
    ).toBe(true);
    await throughStep1(1, { lastName: 'N’Diaye', firstName: 'Marie Helene' });
    expect(
      (
        await kiosk.call('submitLoginDetails', {
          ...details('mh@example.org'),
          ...(await solvedCaptcha(kiosk, 'login-details')),
        })
      ).ok,
    ).toBe(true);
    expect(await accountsOf(0)).toBe(1);
    expect(await accountsOf(1)).toBe(1);
  });

  it('serves the terms of use with the version the portal expects', async () => {
    const fr = await kiosk.call('getTerms', { language: 'fr' });
    expect(fr.value).toMatchObject({ version: '2025-01', language: 'fr', title: "Conditions générales d'utilisation" });
    expect(fr.value.text).toContain('signataires');
    expect((await kiosk.call('getTerms', { language: 'tr' })).value.language).toBe('fr');
    expect((await kiosk.call('getRegistration')).value.termsVersion).toBe('2025-01');
  });

  it('logged nothing personal along the way', () => {
    const text = logged.lines.join('\n');
    expect(logged.lines.some((l) => l.includes('kiosk enrolled'))).toBe(true);
    for (const i of [0, 1, 5, 6, 7]) {
      const id = identityOf(i);
      for (const value of [id.accountNumber, id.accountNumber.slice(2), id.lastName, id.firstName, id.dateOfBirth])
        expect(text).not.toContain(value);
    }
    for (const email of ['camille.martin@example.org', 'theo.garnier@example.org', 'ines.perrin@example.org'])
      expect(text).not.toContain(email);
    expect(text).not.toContain(STRONG_PASSWORD);
  });
});
