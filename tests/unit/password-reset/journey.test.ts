import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { portalAccount, startHarness, STRONG_PASSWORD, type Harness } from '../portal/harness';
import { memoryLogger } from '../helpers/kiosk';
import { solvedCaptcha, startTestKiosk, type TestKiosk } from '../registration/kiosk-harness';

/**
 * The forgotten-password flow of the kiosk core against the real portal over HTTP: real libSQL
 * files on both sides, the portal's SMTP sending to its in-process receiver, codes read from the
 * emails as a tenant would.
 */
let h: Harness;
let kiosk: TestKiosk;
/** A credential of another kiosk, to log in at the portal as a check, apart from the kiosk under test. */
let credential: string;
const logged = memoryLogger('debug');

const KNOWN = 'camille.martin@example.org';
/** Masked like KNOWN ("c•••@e•••.org"), so the two answers can be compared whole. */
const UNKNOWN = 'claude.personne@example.org';
const NEW_PASSWORD = 'Cerisier#Rouge-77';

const portalLogin = (email: string, password: string) =>
  h.call('POST', '/v1/sessions', { credential, body: { email, password } });

/** Draws the reset captcha and returns the fields a tenant would send with it. */
const captcha = (k: TestKiosk, answer?: string) => solvedCaptcha(k, 'password-reset', answer);

const resetMails = (email: string) => h.mailsTo(email).filter((m) => m.subject.includes('Réinitialisation'));
/** How many reset emails each address had when its last request was made. */
const sentBefore = new Map<string, number>();

async function request(email: string, k: TestKiosk = kiosk) {
  await h.portal.settle();
  sentBefore.set(email, resetMails(email).length);
  return k.call('requestReset', { email, language: 'fr', ...(await captcha(k)) });
}

/** The code of the reset email the last request sent (never an older one). */
async function resetCode(email: string): Promise<string> {
  await h.portal.settle();
  await expect.poll(() => resetMails(email).length).toBe((sentBefore.get(email) ?? 0) + 1);
  return resetMails(email).at(-1)!.codes[0]!;
}
const confirm = (code: string, password = NEW_PASSWORD, confirmation = password) =>
  kiosk.call('confirmReset', { code, newPassword: password, newPasswordConfirmation: confirmation });

beforeAll(async () => {
  h = await startHarness();
  ({ credential } = await h.enrolKiosk());
  await portalAccount(h, credential, 5, KNOWN);
  const { enrolmentCode } = await h.portal.createKiosk('CLERMONT', 'Borne de test');
  kiosk = await startTestKiosk({ portalUrl: h.url, enrolmentCode, clock: h.clock, logger: logged.logger });
});
afterAll(async () => {
  await kiosk?.close();
  await h?.close();
});
beforeEach(async () => {
  // The portal sends one reset email per address and minute, five a day: each test starts past both.
  h.clock.advance(86_401);
  expect((await kiosk.call('startReset')).value).toEqual({ step: 'request', expiresInSeconds: 1200 });
});

describe('forgotten password at the kiosk, against the real portal', () => {
  it('answers an unknown address exactly like a known one, and emails only the known one', async () => {
    const unknown = await request(UNKNOWN);
    expect(unknown).toEqual({
      ok: true,
      value: { step: 'code', maskedEmail: 'c•••@e•••.org', queued: false, resendAvailableInSeconds: 60 },
    });
    const unknownState = (await kiosk.call('getReset')).value;

    await kiosk.call('startReset');
    const known = await request(KNOWN);
    expect(known).toEqual(unknown);
    expect((await kiosk.call('getReset')).value).toEqual(unknownState);

    expect(await resetCode(KNOWN)).toMatch(/^\d{6}$/);
    expect(h.mailsTo(UNKNOWN)).toHaveLength(0);
    // Nothing of either address in the logs.
    expect(logged.lines.join('\n')).not.toMatch(/camille|claude|example\.org/);
  });

  it('for an address without an account, any code is simply a wrong code', async () => {
    await request(UNKNOWN);
    expect(await confirm('123456')).toEqual({ ok: false, error: { code: 'code_wrong' } });
    expect((await kiosk.call('getReset')).value.step).toBe('code');
  });

  it('changes the password with the code of the email: the old one no longer logs in, the new one does', async () => {
    expect(await request(KNOWN)).toMatchObject({ ok: true });
    const code = await resetCode(KNOWN);
    const before = h.mailsTo(KNOWN).length;

    const wrong = code === '000000' ? '111111' : '000000';
    expect(await confirm(wrong)).toEqual({ ok: false, error: { code: 'code_wrong' } });
    expect((await kiosk.call('getReset')).value).toMatchObject({ step: 'code', maskedEmail: 'c•••@e•••.org' });

    expect(await confirm(code)).toEqual({ ok: true, value: { step: 'done', queued: false } });
    expect((await kiosk.call('getReset')).value).toMatchObject({ step: 'done', maskedEmail: 'c•••@e•••.org' });
    expect((await portalLogin(KNOWN, STRONG_PASSWORD)).body.error.code).toBe('invalid_credentials');
    expect((await portalLogin(KNOWN, NEW_PASSWORD)).status).toBe(201);
    await h.portal.settle();
    await expect.poll(() => h.mailsTo(KNOWN).length).toBe(before + 1);
    expect(h.mailsTo(KNOWN).at(-1)!.subject).toBe('Votre mot de passe a été modifié');

    // A late second tap on « Valider » gets the same answer, and reaches the portal no more.
    expect(await confirm(code)).toEqual({ ok: true, value: { step: 'done', queued: false } });
    // Another confirmation after the end is out of place.
    expect(await confirm(code, 'Autre#Mot-de-passe-9')).toEqual({ ok: false, error: { code: 'wrong_step' } });
    await h.portal.settle();
    expect(h.mailsTo(KNOWN)).toHaveLength(before + 1);
  });

  it('refuses a weak or mismatched password before the portal, so no code attempt is spent', async () => {
    await request(KNOWN);
    const code = await resetCode(KNOWN);
    const weak = await confirm(code, 'motdepasse');
    expect(weak).toEqual({
      ok: false,
      error: {
        code: 'invalid_fields',
        fields: ['newPassword:upper', 'newPassword:digit', 'newPassword:special', 'newPassword:not_common'],
      },
    });
    expect(await confirm(code, 'Password1!')).toEqual({
      ok: false,
      error: { code: 'invalid_fields', fields: ['newPassword:not_common'] },
    });
    // Five refusals: as many as the portal allows wrong codes; the code still works after them.
    for (let i = 0; i < 3; i++)
      expect((await confirm(code, NEW_PASSWORD, `${NEW_PASSWORD}${i}`)).error).toEqual({
        code: 'invalid_fields',
        fields: ['newPasswordConfirmation:mismatch'],
      });
    expect(await confirm(code, STRONG_PASSWORD)).toEqual({ ok: true, value: { step: 'done', queued: false } });
    expect((await portalLogin(KNOWN, STRONG_PASSWORD)).status).toBe(201);
  });

  it('locks the code after five wrong ones: a new email is needed, and its code works', async () => {
    await request(KNOWN);
    const code = await resetCode(KNOWN);
    const wrong = (n: number) => String((Number(code) + n) % 1_000_000).padStart(6, '0');
    const answers = [];
    for (let i = 1; i <= 5; i++) answers.push((await confirm(wrong(i))).error.code);
    expect(answers).toEqual(['code_wrong', 'code_wrong', 'code_wrong', 'code_wrong', 'code_locked']);
    expect((await confirm(code)).error.code).toBe('code_locked');

    h.clock.advance(61);
    // Asking again from step 2 (the address is kept by the screen, typed again here).
    expect(await request(KNOWN)).toMatchObject({ ok: true, value: { step: 'code' } });
    const fresh = await resetCode(KNOWN);
    expect(fresh).not.toBe(code);
    expect(await confirm(fresh)).toEqual({ ok: true, value: { step: 'done', queued: false } });
  });

  it('refuses the code after its 15 minutes, as a wrong code (the portal shows no account state)', async () => {
    await request(KNOWN);
    const code = await resetCode(KNOWN);
    h.clock.advance(15 * 60 + 1);
    expect(await confirm(code)).toEqual({ ok: false, error: { code: 'code_wrong' } });
    expect((await kiosk.call('getReset')).value.step).toBe('code');
  });

  it('drops an untouched flow after its lifetime: flow_expired, then a clean restart at step 1', async () => {
    await request(KNOWN);
    const code = await resetCode(KNOWN);
    h.clock.advance(1201);
    expect((await kiosk.call('getReset')).value).toMatchObject({
      step: 'none',
      maskedEmail: null,
      expiresInSeconds: null,
    });
    expect(await confirm(code)).toEqual({ ok: false, error: { code: 'flow_expired' } });
    expect((await kiosk.call('requestReset', { email: KNOWN })).error.code).toBe('flow_expired');
    expect((await kiosk.call('startReset')).value.step).toBe('request');
    expect((await kiosk.call('getReset')).value).toMatchObject({ step: 'request', maskedEmail: null });
  });

  it('forgets the address when the visit ends (« Terminer » or idle), and a new visit starts from nothing', async () => {
    await request(KNOWN);
    const code = await resetCode(KNOWN);
    expect(await kiosk.call('endVisit', { reason: 'finished' })).toEqual({ ok: true, value: { wiped: true } });
    expect((await kiosk.call('getReset')).value).toMatchObject({ step: 'none', maskedEmail: null });
    expect((await confirm(code)).error.code).toBe('flow_expired');

    await kiosk.call('startReset');
    await request(UNKNOWN);
    await kiosk.call('startVisit');
    expect((await kiosk.call('getReset')).value.step).toBe('none');
    await kiosk.call('startReset');
    await request(UNKNOWN);
    await kiosk.call('endVisit', { reason: 'idle' });
    expect((await kiosk.call('getReset')).value.step).toBe('none');
  });

  it('discards a portal answer that arrives after the visit was wiped', async () => {
    await request(KNOWN);
    const code = await resetCode(KNOWN);
    const pending = confirm(code);
    await kiosk.call('endVisit', { reason: 'idle' });
    expect(await pending).toEqual({ ok: false, error: { code: 'flow_expired' } });
    expect((await kiosk.call('getReset')).value.step).toBe('none');
  });
});

describe('step 1 checks', () => {
  it('refuses a malformed address by its field, before the captcha is looked at', async () => {
    const c = await captcha(kiosk);
    expect(await kiosk.call('requestReset', { email: 'camille.martin@', ...c })).toEqual({
      ok: false,
      error: { code: 'invalid_fields', fields: ['email:invalid'] },
    });
    expect((await kiosk.call('getReset')).value.step).toBe('request');
  });

  it('spends the captcha on a wrong answer, and an answer without captcha is wrong', async () => {
    const c = await captcha(kiosk, '345678');
    expect(await kiosk.call('requestReset', { email: KNOWN, captchaId: c.captchaId, captchaAnswer: '000000' })).toEqual(
      {
        ok: false,
        error: { code: 'captcha_wrong' },
      },
    );
    expect((await kiosk.call('requestReset', { email: KNOWN, ...c })).error.code).toBe('captcha_expired');
    expect((await kiosk.call('requestReset', { email: KNOWN })).error.code).toBe('captcha_wrong');
    // A registration captcha does not open the reset.
    kiosk.nextCaptcha = '456789';
    const other = (await kiosk.call('newCaptcha', { purpose: 'identity' })).value.captchaId!;
    expect(
      (await kiosk.call('requestReset', { email: KNOWN, captchaId: other, captchaAnswer: '456789' })).error.code,
    ).toBe('captcha_expired');
    expect((await kiosk.call('getReset')).value.step).toBe('request');
  });

  it('refuses unknown fields and a code that is not six digits', async () => {
    expect((await kiosk.call('requestReset', { email: KNOWN, extra: 1 })).error.code).toBe('invalid_input');
    await request(UNKNOWN);
    const bad = await kiosk.call('confirmReset', {
      code: '12345',
      newPassword: NEW_PASSWORD,
      newPasswordConfirmation: NEW_PASSWORD,
    });
    expect(bad.error).toMatchObject({ code: 'invalid_input', fields: ['code'] });
  });
});

describe('kiosk configuration and a portal that does not answer', () => {
  const others: TestKiosk[] = [];
  afterAll(async () => {
    for (const k of others) await k.close();
  });

  it('works without the captcha where the kiosk turns it off (KIOSK_CAPTCHA=false)', async () => {
    const { enrolmentCode } = await h.portal.createKiosk('CLERMONT', 'Borne sans captcha');
    const k = await startTestKiosk({ portalUrl: h.url, enrolmentCode, clock: h.clock, config: { captcha: false } });
    others.push(k);
    expect(await k.call('newCaptcha', { purpose: 'password-reset' })).toEqual({ ok: true, value: { required: false } });
    await k.call('startReset');
    expect((await k.call('getReset')).value.captchaRequired).toBe(false);
    sentBefore.set(KNOWN, resetMails(KNOWN).length);
    expect(await k.call('requestReset', { email: KNOWN })).toMatchObject({ ok: true, value: { step: 'code' } });
    expect(await resetCode(KNOWN)).toMatch(/^\d{6}$/);
  });

  it('says portal_unreachable when the portal is down, and stays at step 1', async () => {
    const k = await startTestKiosk({ portalUrl: 'http://127.0.0.1:9', enrolmentCode: 'ABCDEFGH12345678' });
    others.push(k);
    await k.call('startReset');
    expect(await request(KNOWN, k)).toEqual({ ok: false, error: { code: 'portal_unreachable' } });
    expect((await k.call('getReset')).value.step).toBe('request');
  });

  it('saves the new password when the portal stops answering between the two steps, and says so', async () => {
    const down = await startHarness();
    const { enrolmentCode } = await down.portal.createKiosk('CLERMONT', 'Borne de test');
    const k = await startTestKiosk({ portalUrl: down.url, enrolmentCode, config: { captcha: false } });
    others.push(k);
    await k.call('startReset');
    expect(await k.call('requestReset', { email: KNOWN })).toMatchObject({ ok: true });
    await down.close();
    await k.core.portal.check();
    const answer = await k.call('confirmReset', {
      code: '123456',
      newPassword: NEW_PASSWORD,
      newPasswordConfirmation: NEW_PASSWORD,
    });
    expect(answer).toEqual({ ok: true, value: { step: 'done', queued: true } });
    expect((await k.call('getReset')).value).toMatchObject({
      step: 'done',
      maskedEmail: 'c•••@e•••.org',
      queued: true,
      refusal: null,
    });
    const waiting = (await k.core.outbox.figures()).byKind.reset_confirm;
    expect((waiting?.pending ?? 0) + (waiting?.inFlight ?? 0)).toBe(1);
  });
});
