import type { Page } from '@playwright/test';
import { demoSignatories } from '../../src/portal/signatories/demo-data';
import { expect, test, type RunningKiosk } from './fixtures';

/** A call over the web-shell bridge, with the page's secret cookie. */
const callOf =
  (page: Page, kiosk: RunningKiosk) =>
  async (name: string, data: unknown = {}) =>
    (await page.request.post(`${kiosk.baseUrl}/api/call/${name}`, { data })).json();

test.describe('the embedded demo portal (no portal URL configured)', () => {
  test.use({ kioskEnv: { KIOSK_CAPTCHA: 'false' } });

  test('prints its mailbox, enrols the kiosk, and a demo tenant registers and activates with the emailed code', async ({
    page,
    kiosk,
  }) => {
    expect(kiosk.mailboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dev\/mailbox$/);
    // Once the kiosk core has had its first look at the portal that has just started beside it.
    await expect(page.getByRole('status')).toContainText(/en ligne/i, { timeout: 15_000 });
    const call = callOf(page, kiosk);
    const tenant = demoSignatories(500).find((s) => s.leaseStatus === 'current')!;
    const email = 'demo.e2e@example.org';

    expect(await call('startRegistration')).toMatchObject({ ok: true, value: { step: 'identity' } });
    expect(
      await call('submitIdentity', {
        accountNumber: tenant.accountNumber.slice(2),
        lastName: tenant.lastName,
        firstName: tenant.firstName,
        dateOfBirth: tenant.dateOfBirth,
      }),
    ).toMatchObject({ ok: true, value: { step: 'login-details' } });
    const password = 'Tournesol-Vert-42';
    expect(
      await call('submitLoginDetails', {
        email,
        emailConfirmation: email,
        password,
        passwordConfirmation: password,
        acceptedTermsVersion: '2025-01',
      }),
    ).toMatchObject({ ok: true, value: { step: 'activation', maskedEmail: 'd•••@e•••.org' } });

    // The portal's mail worker sends from its queue, after the answer: wait for the email.
    let code: string | undefined;
    await expect
      .poll(async () => {
        const mailbox = await page.request.get(`${kiosk.mailboxUrl}.json`);
        const { messages } = (await mailbox.json()) as { messages: { to: string[]; codes: string[] }[] };
        code = messages.find((m) => m.to.includes(email))?.codes[0];
        return code;
      })
      .toMatch(/^\d{6}$/);
    expect(await call('activateByCode', { code })).toEqual({ ok: true, value: { step: 'done', queued: false } });
    await expect(page.request.get(kiosk.mailboxUrl!)).resolves.toBeOK();
  });
});

const someone = { accountNumber: '99900000001', lastName: 'Martin', firstName: 'Zoé', dateOfBirth: '1980-01-01' };

test.describe('a kiosk given a portal URL that does not answer', () => {
  test.use({ kioskArgs: ['--portal-url', 'http://127.0.0.1:9'], kioskEnv: { KIOSK_CAPTCHA: 'false' } });

  test('starts no demo portal and says the portal is unreachable', async ({ page, kiosk }) => {
    expect(kiosk.mailboxUrl).toBeNull();
    const call = callOf(page, kiosk);
    await call('startRegistration');
    expect(await call('newCaptcha', { purpose: 'identity' })).toEqual({ ok: true, value: { required: false } });
    expect(await call('submitIdentity', someone)).toEqual({ ok: false, error: { code: 'portal_unreachable' } });
  });
});

test.describe('the captcha, on by default', () => {
  test.use({ kioskArgs: ['--portal-url', 'http://127.0.0.1:9'] });

  test('is an image whose answer stays in the kiosk core; a wrong answer is refused', async ({ page, kiosk }) => {
    const call = callOf(page, kiosk);
    await call('startRegistration');
    const drawn = await call('newCaptcha', { purpose: 'identity' });
    expect(drawn).toMatchObject({ ok: true, value: { required: true, width: 360, height: 120 } });
    expect(drawn.value.image).toMatch(/^data:image\/png;base64,/);
    // 0 is never drawn: this answer is always wrong.
    expect(
      await call('submitIdentity', { ...someone, captchaId: drawn.value.captchaId, captchaAnswer: '000000' }),
    ).toEqual({
      ok: false,
      error: { code: 'captcha_wrong' },
    });
  });
});
