import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { idempotencyRecords } from '../../../src/portal/db/schema';
import { identityOf, startHarness, STRONG_PASSWORD, type Harness } from '../portal/harness';
import { solvedCaptcha, startTestKiosk, type Answer, type TestKiosk } from './kiosk-harness';

let h: Harness;
const kiosks: TestKiosk[] = [];
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  for (const k of kiosks) await k.close();
  await h?.close();
});

async function newKiosk(config: Record<string, unknown> = {}): Promise<TestKiosk> {
  const { enrolmentCode } = await h.portal.createKiosk('CLERMONT', 'Borne de test');
  const k = await startTestKiosk({ portalUrl: h.url, enrolmentCode, clock: h.clock, config });
  kiosks.push(k);
  await k.core.enrolment!.credential();
  return k;
}

const step1 = async (k: TestKiosk, identity: Record<string, unknown>) =>
  k.call('submitIdentity', { ...identity, ...(await solvedCaptcha(k, 'identity')) });

const step2Input = (extra: Record<string, unknown> = {}) => ({
  email: 'zoe@example.org',
  emailConfirmation: 'zoe@example.org',
  password: STRONG_PASSWORD,
  passwordConfirmation: STRONG_PASSWORD,
  acceptedTermsVersion: '2025-01',
  ...extra,
});

describe('step 1 refusals', () => {
  let k: TestKiosk;
  beforeAll(async () => {
    k = await newKiosk();
  });

  it('answers one generic not-found for an ended lease, a non-signatory and a wrong date of birth', async () => {
    await k.call('startRegistration');
    for (const identity of [
      identityOf(3),
      { ...identityOf(4), firstName: 'Paulette' },
      { ...identityOf(4), dateOfBirth: '1985-05-06' },
    ]) {
      expect(await step1(k, identity)).toEqual({ ok: false, error: { code: 'identity_not_found' } });
    }
  });

  it('hints at swapped names without accepting them', async () => {
    const { lastName, firstName, ...rest } = identityOf(4);
    expect(await step1(k, { ...rest, lastName: firstName, firstName: lastName })).toEqual({
      ok: false,
      error: { code: 'identity_not_found', hint: 'names_swapped' },
    });
  });

  it('accepts the name in other case, without accents, with spaces for hyphens and apostrophes', async () => {
    expect(await step1(k, { ...identityOf(4), lastName: 'd almeida', firstName: 'JOAO' })).toMatchObject({ ok: true });
  });

  it('says « already registered » for a signatory who has an account', async () => {
    const other = await newKiosk();
    await other.call('startRegistration');
    expect((await step1(other, identityOf(6))).ok).toBe(true);
    const r = await other.call('submitLoginDetails', {
      ...step2Input({ email: 'theo@example.org', emailConfirmation: 'theo@example.org' }),
      ...(await solvedCaptcha(other, 'login-details')),
    });
    expect(r.ok).toBe(true);
    await k.call('startRegistration');
    expect(await step1(k, identityOf(6))).toEqual({ ok: false, error: { code: 'already_registered' } });
  });

  it('cools down after 25 failures on one account number, and says for how long', async () => {
    const other = await newKiosk();
    await other.call('startRegistration');
    const wrong = { ...identityOf(7), dateOfBirth: '1993-03-04' };
    // The portal's budget per account number (src/portal/throttles.ts: 25 failures a day): the failure that
    // spends it already answers with the cool-down, and so does every try after it.
    const budget = h.portal.config.limits.identityPerAccount.maxFailures;
    const codes: string[] = [];
    let last: Answer | undefined;
    for (let i = 0; i < budget + 1; i++) {
      last = await step1(other, wrong);
      codes.push(last.error.code);
    }
    expect(codes.slice(0, budget - 1)).toEqual(Array(budget - 1).fill('identity_not_found'));
    expect(codes.slice(budget - 1)).toEqual(['cooldown', 'cooldown']);
    expect(last!.error.retryAfterSeconds).toBeGreaterThan(0);
    h.clock.advance(last!.error.retryAfterSeconds! + 1);
    // An hour on, the visit's flow has long expired: a new one, and the right identity passes.
    await other.call('startRegistration');
    const after = await step1(other, identityOf(7));
    expect(after.ok, JSON.stringify(after)).toBe(true);
  });

  it('checks the date of birth and names each field at fault, never its value', async () => {
    await k.call('startRegistration');
    const id = identityOf(2);
    expect(await step1(k, { ...id, dateOfBirth: '2030-01-01' })).toEqual({
      ok: false,
      error: { code: 'invalid_fields', fields: ['dateOfBirth:in_future'] },
    });
    expect(await step1(k, { ...id, dateOfBirth: '1990-02-30' })).toEqual({
      ok: false,
      error: { code: 'invalid_fields', fields: ['dateOfBirth:invalid_date'] },
    });
    expect(await step1(k, { ...id, dateOfBirth: '1900-01-01' })).toEqual({
      ok: false,
      error: { code: 'invalid_fields', fields: ['dateOfBirth:too_old'] },
    });
    expect(await step1(k, { ...id, dateOfBirth: '01/02/1990' })).toEqual({
      ok: false,
      error: { code: 'invalid_input', fields: ['dateOfBirth'] },
    });
    expect(await step1(k, { ...id, accountNumber: '0399900000002' })).toEqual({
      ok: false,
      error: { code: 'invalid_input', fields: ['accountNumber'] },
    });
    expect(await step1(k, { ...id, accountNumber: '9990000000' })).toEqual({
      ok: false,
      error: { code: 'invalid_input', fields: ['accountNumber'] },
    });
    expect(await step1(k, { ...id, lastName: 'L3fèvre' })).toEqual({
      ok: false,
      error: { code: 'invalid_input', fields: ['lastName'] },
    });
    expect(await step1(k, { ...id, firstName: ' - ' })).toEqual({
      ok: false,
      error: { code: 'invalid_input', fields: ['firstName'] },
    });
    expect(await step1(k, { ...id, role: 'admin' })).toEqual({
      ok: false,
      error: { code: 'invalid_input', fields: ['role'] },
    });
  });

  it('refuses a wrong captcha, spends it, and takes a new one', async () => {
    await k.call('startRegistration');
    const captcha = await solvedCaptcha(k, 'identity', '222222');
    const id = identityOf(2);
    expect(await k.call('submitIdentity', { ...id, ...captcha, captchaAnswer: '222223' })).toEqual({
      ok: false,
      error: { code: 'captcha_wrong' },
    });
    expect(await k.call('submitIdentity', { ...id, ...captcha })).toEqual({
      ok: false,
      error: { code: 'captcha_expired' },
    });
    expect(await k.call('submitIdentity', id)).toEqual({ ok: false, error: { code: 'captcha_wrong' } });
    expect(
      await k.call('submitIdentity', { ...id, ...(await solvedCaptcha(k, 'identity')), captchaAnswer: '3 4 5 6 7 8' }),
    ).toMatchObject({ ok: true });
  });

  it('refuses a captcha drawn for another form', async () => {
    await k.call('startRegistration');
    const other = await solvedCaptcha(k, 'login-details');
    expect(await k.call('submitIdentity', { ...identityOf(2), ...other })).toEqual({
      ok: false,
      error: { code: 'captcha_expired' },
    });
  });
});

describe('step 2 refusals', () => {
  let k: TestKiosk;
  beforeAll(async () => {
    k = await newKiosk();
    await k.call('startRegistration');
    expect((await step1(k, identityOf(2))).ok).toBe(true);
  });
  const step2 = async (extra: Record<string, unknown>) =>
    k.call('submitLoginDetails', { ...step2Input(extra), ...(await solvedCaptcha(k, 'login-details')) });

  it('names every field at fault with its reason', async () => {
    expect(await step2({ email: 'zoe@', emailConfirmation: 'zoe@example.org' })).toEqual({
      ok: false,
      error: { code: 'invalid_fields', fields: ['email:invalid', 'emailConfirmation:mismatch'] },
    });
    expect(await step2({ emailConfirmation: 'ZOE@Example.org ' })).toMatchObject({ ok: true });
  });

  it('checks the password policy and the confirmations', async () => {
    const fresh = await newKiosk();
    await fresh.call('startRegistration');
    await step1(fresh, identityOf(5));
    const at = async (extra: Record<string, unknown>) =>
      (
        await fresh.call('submitLoginDetails', {
          ...step2Input({ email: 'cm@example.org', emailConfirmation: 'cm@example.org', ...extra }),
          ...(await solvedCaptcha(fresh, 'login-details')),
        })
      ).error;
    expect(await at({ password: 'abc', passwordConfirmation: 'abc' })).toEqual({
      code: 'invalid_fields',
      fields: ['password:min_length', 'password:upper', 'password:digit', 'password:special', 'password:not_common'],
    });
    expect(await at({ password: 'Azerty123!', passwordConfirmation: 'Azerty123!' })).toEqual({
      code: 'invalid_fields',
      fields: ['password:not_common'],
    });
    expect(await at({ passwordConfirmation: `${STRONG_PASSWORD}x` })).toEqual({
      code: 'invalid_fields',
      fields: ['passwordConfirmation:mismatch'],
    });
    expect(await at({ acceptedTermsVersion: null })).toEqual({
      code: 'invalid_fields',
      fields: ['acceptedTermsVersion:required'],
    });
    expect(await at({ acceptedTermsVersion: '2019-01' })).toEqual({
      code: 'invalid_fields',
      fields: ['acceptedTermsVersion:outdated'],
    });
    expect(await at({ email: 'zoe@example.org', emailConfirmation: 'zoe@example.org' })).toEqual({
      code: 'email_in_use',
    });
  });
});

describe('the flow itself', () => {
  it('refuses calls out of order', async () => {
    const k = await newKiosk();
    expect(await k.call('submitIdentity', { ...identityOf(0), captchaId: 'x', captchaAnswer: '1' })).toEqual({
      ok: false,
      error: { code: 'flow_expired' },
    });
    await k.call('startRegistration');
    expect(await k.call('submitLoginDetails', step2Input())).toEqual({ ok: false, error: { code: 'wrong_step' } });
    expect(await k.call('activateByCode', { code: '123456' })).toEqual({ ok: false, error: { code: 'wrong_step' } });
    expect(await k.call('resendActivation', {})).toEqual({ ok: false, error: { code: 'wrong_step' } });
  });

  it('answers a double tap on step 1 twice alike, with one check at the portal', async () => {
    const k = await newKiosk();
    await k.call('startRegistration');
    const input = { ...identityOf(1), ...(await solvedCaptcha(k, 'identity')) };
    const requests = async () =>
      (await h.portal.db
        .select({ n: sql<number>`count(*)` })
        .from(idempotencyRecords)
        .get())!.n;
    const before = await requests();
    const [a, b] = await Promise.all([k.call('submitIdentity', input), k.call('submitIdentity', input)]);
    expect(await requests()).toBe(before + 1);
    expect(a).toMatchObject({ ok: true, value: { step: 'login-details' } });
    expect(b).toEqual(a);
    // The captcha was spent once: a third, late tap is a replay, not a captcha failure.
    expect(await k.call('submitIdentity', input)).toEqual(a);
  });

  it('dies when left untouched, and starts again cleanly', async () => {
    const k = await newKiosk({ registration: { expireAfterSeconds: 600 } });
    await k.call('startRegistration');
    h.clock.advance(599);
    expect((await k.call('getRegistration')).value).toMatchObject({ step: 'identity', expiresInSeconds: 1 });
    h.clock.advance(1);
    expect((await k.call('getRegistration')).value).toMatchObject({ step: 'none', expiresInSeconds: null });
    expect((await step1(k, identityOf(1))).error.code).toBe('flow_expired');
    expect(await k.call('startRegistration')).toEqual({ ok: true, value: { step: 'identity', expiresInSeconds: 600 } });
  });

  it('is wiped with the visit: flow and captchas', async () => {
    const k = await newKiosk();
    await k.call('startVisit');
    await k.call('startRegistration');
    const captcha = await solvedCaptcha(k, 'identity');
    await k.call('endVisit', { reason: 'idle' });
    expect((await k.call('getRegistration')).value.step).toBe('none');
    await k.call('startRegistration');
    expect(await k.call('submitIdentity', { ...identityOf(1), ...captcha })).toEqual({
      ok: false,
      error: { code: 'captcha_expired' },
    });
    expect(await k.call('cancelRegistration')).toEqual({ ok: true, value: { cancelled: true } });
    expect((await k.call('getRegistration')).value.step).toBe('none');
  });

  it('works without captcha where the kiosk turns it off', async () => {
    const k = await newKiosk({ captcha: false });
    expect(await k.call('newCaptcha', { purpose: 'identity' })).toEqual({ ok: true, value: { required: false } });
    await k.call('startRegistration');
    expect((await k.call('getRegistration')).value.captchaRequired).toBe(false);
    expect(await k.call('submitIdentity', identityOf(1))).toMatchObject({ ok: true });
  });

  it('a kiosk that never reached the portal checks the form, then says the service is out of reach: nothing to queue', async () => {
    const k = await startTestKiosk({ portalUrl: 'http://127.0.0.1:9', enrolmentCode: 'ABCDEFGH12345678' });
    kiosks.push(k);
    await k.call('startRegistration');
    expect(await step1(k, { ...identityOf(1), dateOfBirth: '2030-01-01' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_fields' },
    });
    // Never enrolled, so no key of the portal's to seal a registration with: step 2 could not be
    // kept, so the tenant is told at step 1 rather than after typing their login details.
    expect(await step1(k, identityOf(1))).toEqual({ ok: false, error: { code: 'portal_unreachable' } });
    expect(k.core.enrolment?.state).toBe('not_enrolled');
    expect((await k.call('getStatus')).value.portal).toBe('offline');
    expect((await k.call('getRegistration')).value.step).toBe('identity');
    expect((await k.core.outbox.figures()).byKind.register).toBeUndefined();
  });
});
