import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, staffAudit } from '../../../src/main/core/db/schema';
import { kioskEvents } from '../../../src/portal/db/schema';
import { hashStaffPin } from '../../../src/main/core/staff/pin-hash';
import { identityOf, startHarness, type Harness } from '../portal/harness';
import { loginDetails, solvedCaptcha, startTestKiosk, type TestKiosk } from '../registration/kiosk-harness';

const PIN = '97531';
let h: Harness;
let kiosk: TestKiosk;
beforeAll(async () => {
  // The lowest cost the format allows: the same code path, quicker tests.
  const pinHash = await hashStaffPin(PIN, { logN: 14, r: 8, p: 1 });
  h = await startHarness();
  const { enrolmentCode } = await h.portal.createKiosk('CLERMONT', 'Borne de test');
  kiosk = await startTestKiosk({ portalUrl: h.url, enrolmentCode, clock: h.clock, config: { staff: { pinHash } } });
});
afterAll(async () => {
  await kiosk?.close();
  await h?.close();
});

const typed = (accountNumber: string) =>
  `${accountNumber.slice(2, 5)} ${accountNumber.slice(5, 9)} ${accountNumber.slice(9)}`;
const identity = (i: number) => {
  const id = identityOf(i);
  return { ...id, accountNumber: typed(id.accountNumber) };
};
const details = (email: string) => loginDetails(email);

async function assisted(journey: string) {
  expect((await kiosk.call('staffUnlock', { pin: PIN })).ok).toBe(true);
  return kiosk.call('staffStartAssisted', { journey });
}

type Event = { source: string; event: string; outcome: string; assisted: boolean; at: string };
/** The events the journeys and staff recorded: those the portal keeps, then those still queued. */
const events = async (): Promise<Event[]> => {
  const delivered = await h.portal.db.select().from(kioskEvents).orderBy(kioskEvents.id);
  const waiting = (
    await kiosk.core.database.db.select().from(outbox).where(eq(outbox.kind, 'event')).orderBy(outbox.id)
  ).filter((r) => r.payload !== null);
  return [...delivered, ...waiting.map((r) => JSON.parse(r.payload!) as Event)];
};

describe('assisted visit', () => {
  it('is refused without a staff session: a code, no visit marked, written down', async () => {
    const refused = await kiosk.call('staffStartAssisted', { journey: 'registration' });
    expect(refused).toEqual({ ok: false, error: { code: 'staff_locked' } });
    expect((await kiosk.call('getRegistration')).value.captchaRequired).toBe(true);
    expect((await kiosk.call('newCaptcha', { purpose: 'identity' })).value.required).toBe(true);
    const [last] = await kiosk.core.database.db.select().from(staffAudit).orderBy(staffAudit.id).limit(1);
    expect(last).toMatchObject({ action: 'assisted_visit_start', outcome: 'refused', detail: 'no_session' });
    // Nor is a journey name the binder does not know a way in.
    expect((await kiosk.call('staffStartAssisted', { journey: 'staff' })).error.code).toBe('invalid_input');
  });

  it('skips the captcha for registration steps 1 and 2, for that visit only', async () => {
    const started = await assisted('registration');
    expect(started).toEqual({
      ok: true,
      value: { journey: 'registration', idle: { warnAfterSeconds: 180, countdownSeconds: 30 } },
    });
    // The staff session handed over to the visit: the next staff action asks for the PIN again.
    expect((await kiosk.call('staffStatus')).error.code).toBe('staff_locked');
    expect((await kiosk.call('newCaptcha', { purpose: 'identity' })).value).toEqual({ required: false });

    expect((await kiosk.call('startRegistration')).value.step).toBe('identity');
    expect((await kiosk.call('getRegistration')).value.captchaRequired).toBe(false);
    const step1 = await kiosk.call('submitIdentity', identity(7));
    expect(step1, JSON.stringify(step1)).toMatchObject({ ok: true, value: { step: 'login-details' } });
    const step2 = await kiosk.call('submitLoginDetails', details('assisted.tenant@example.org'));
    expect(step2, JSON.stringify(step2)).toMatchObject({ ok: true, value: { step: 'activation' } });

    const audit = await kiosk.core.database.db.select().from(staffAudit).orderBy(staffAudit.id);
    expect(audit.map((r) => [r.action, r.outcome, r.detail]).slice(-3)).toEqual([
      ['unlock', 'ok', null],
      ['assisted_visit_start', 'ok', 'registration'],
      ['session_end', 'ok', 'assisted'],
    ]);
    // The audit reaches the portal through the outbox, and the visit's journey events say « assisted ».
    const queued = await events();
    expect(queued).toContainEqual(
      expect.objectContaining({ source: 'staff', event: 'assisted_visit_start', assisted: true }),
    );
    const journey = queued.filter((e) => e.source === 'journey' && e.event === 'registration');
    expect(journey.length).toBeGreaterThan(0);
    expect(journey.every((e) => e.assisted)).toBe(true);
  });

  it('the next ordinary visit has its captcha again', async () => {
    await kiosk.call('endVisit', { reason: 'finished' });
    expect((await kiosk.call('startVisit')).ok).toBe(true);
    expect((await kiosk.call('startRegistration')).value.step).toBe('identity');
    expect((await kiosk.call('getRegistration')).value.captchaRequired).toBe(true);
    const bare = await kiosk.call('submitIdentity', identity(6));
    expect(bare.ok).toBe(false);
    expect(['captcha_wrong', 'captcha_expired']).toContain(bare.error.code);
    const step1 = await kiosk.call('submitIdentity', { ...identity(6), ...(await solvedCaptcha(kiosk, 'identity')) });
    expect(step1, JSON.stringify(step1)).toMatchObject({ ok: true, value: { step: 'login-details' } });
    const step2 = await kiosk.call('submitLoginDetails', {
      ...details('ordinary.tenant@example.org'),
      ...(await solvedCaptcha(kiosk, 'login-details')),
    });
    expect(step2, JSON.stringify(step2)).toMatchObject({ ok: true, value: { step: 'activation' } });
    const journey = (await events()).filter((e) => e.source === 'journey' && e.event === 'registration');
    expect(journey.map((e) => e.assisted)).toEqual([true, false]);
  });

  it('one staff session starts one assisted visit, even for 100 calls at once', async () => {
    await kiosk.call('endVisit', { reason: 'finished' });
    expect((await kiosk.call('staffUnlock', { pin: PIN })).ok).toBe(true);
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => kiosk.call('staffStartAssisted', { journey: 'login' })),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok).every((a) => a.error.code === 'staff_locked')).toBe(true);
    const starts = (await kiosk.core.database.db.select().from(staffAudit)).filter(
      (r) => r.action === 'assisted_visit_start' && r.outcome === 'ok' && r.detail === 'login',
    );
    expect(starts).toHaveLength(1);
  });

  it('skips the captcha for the reset request; an idle end brings it back', async () => {
    await kiosk.call('endVisit', { reason: 'finished' });
    expect((await assisted('password_reset')).ok).toBe(true);
    expect((await kiosk.call('startReset')).value.step).toBe('request');
    expect((await kiosk.call('getReset')).value.captchaRequired).toBe(false);
    const asked = await kiosk.call('requestReset', { email: 'someone@example.org', language: 'fr' });
    expect(asked, JSON.stringify(asked)).toMatchObject({ ok: true, value: { step: 'code' } });

    await kiosk.call('endVisit', { reason: 'idle' });
    await kiosk.call('startVisit');
    await kiosk.call('startReset');
    expect((await kiosk.call('getReset')).value.captchaRequired).toBe(true);
    const bare = await kiosk.call('requestReset', { email: 'someone@example.org', language: 'fr' });
    expect(['captcha_wrong', 'captcha_expired']).toContain(bare.error.code);
  });
});
