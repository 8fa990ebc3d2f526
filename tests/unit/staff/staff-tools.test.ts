import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffAudit } from '../../../src/main/core/db/schema';
import { hashStaffPin } from '../../../src/main/core/staff/pin-hash';
import { identityOf, portalAccount, startHarness, STRONG_PASSWORD, type Harness } from '../portal/harness';
import { startTestKiosk, type TestKiosk } from '../registration/kiosk-harness';

// Issue #12 item 3 in the kiosk core, against the real portal: « pourquoi ? » answers only inside
// the assisted visit that made the refused attempt, for its latest attempt, once; the resends go
// through the outbox and are audited with codes only.
const PIN = '97531';
let h: Harness;
let kiosk: TestKiosk;
beforeAll(async () => {
  const pinHash = await hashStaffPin(PIN, { logN: 14, r: 8, p: 1 });
  h = await startHarness({ limits: { resendCooldownSeconds: 5 } });
  const { enrolmentCode } = await h.portal.createKiosk('CLERMONT', 'Borne de test');
  kiosk = await startTestKiosk({
    portalUrl: h.url,
    enrolmentCode,
    clock: h.clock,
    config: { staff: { pinHash }, captcha: false },
  });
});
afterAll(async () => {
  await kiosk?.close();
  await h?.close();
});

const typed = (i: number, dateOfBirth?: string) => {
  const id = identityOf(i);
  const n = id.accountNumber;
  return {
    ...id,
    accountNumber: `${n.slice(2, 5)} ${n.slice(5, 9)} ${n.slice(9)}`,
    ...(dateOfBirth ? { dateOfBirth } : {}),
  };
};
const why = () => kiosk.call('assistedWhy', {});

async function assistedRegistration() {
  expect((await kiosk.call('staffUnlock', { pin: PIN })).ok).toBe(true);
  expect((await kiosk.call('staffStartAssisted', { journey: 'registration' })).ok).toBe(true);
  expect((await kiosk.call('startRegistration')).ok).toBe(true);
}

describe('« pourquoi ? » in the kiosk core', () => {
  it('answers the kind of the visit’s latest refused attempt, once; not after a later attempt or in a new visit', async () => {
    expect(await why()).toEqual({ ok: false, error: { code: 'why_not_assisted' } });
    await assistedRegistration();
    expect(await why()).toEqual({ ok: false, error: { code: 'why_no_attempt' } });

    expect((await kiosk.call('submitIdentity', typed(3))).error.code).toBe('identity_not_found');
    expect((await kiosk.call('submitIdentity', typed(2, '1990-07-31'))).error.code).toBe('identity_not_found');
    // The latest attempt only: the ended lease of the first one is gone.
    expect(await why()).toEqual({ ok: true, value: { kind: 'not_found' } });
    expect(await why()).toEqual({ ok: false, error: { code: 'why_no_attempt' } });

    expect((await kiosk.call('submitIdentity', typed(3))).error.code).toBe('identity_not_found');
    // A new visit (even another assisted one) cannot ask about the previous visit's attempt.
    await kiosk.call('endVisit', { reason: 'finished' });
    await assistedRegistration();
    expect(await why()).toEqual({ ok: false, error: { code: 'why_no_attempt' } });
    await kiosk.call('endVisit', { reason: 'finished' });

    // An unassisted visit sends no `assisted` flag: the portal gives no reference to ask about.
    await kiosk.call('startVisit');
    await kiosk.call('startRegistration');
    expect((await kiosk.call('submitIdentity', typed(3))).error.code).toBe('identity_not_found');
    expect(await why()).toEqual({ ok: false, error: { code: 'why_not_assisted' } });
    await kiosk.call('endVisit', { reason: 'finished' });

    const audit = await kiosk.core.database.db.select().from(staffAudit);
    const whys = audit.filter((r) => r.action === 'registration_why').map((r) => [r.outcome, r.detail]);
    expect(whys).toContainEqual(['ok', null]);
    expect(whys).toContainEqual(['refused', 'why_no_attempt']);
    expect(JSON.stringify(audit)).not.toMatch(/not_found|lease_ended/);
  });

  it('asks the portal with the reference it holds: a reference of another kiosk is refused there', async () => {
    const other = await h.enrolKiosk();
    const r = await h.call('POST', '/v1/registrations/identity', {
      credential: other.credential,
      body: { ...identityOf(3), assisted: true },
    });
    const refused = await h.call('POST', '/v1/registrations/why', {
      credential: (await h.enrolKiosk()).credential,
      body: { attemptRef: r.body.error.attemptRef },
    });
    expect(refused.body.error.code).toBe('not_found');
  });
});

describe('resends for an address', () => {
  it('login: only after not_activated, to the address typed, through the outbox', async () => {
    const email = 'resend.login@exemple.invalid';
    await portalAccount(h, (await h.enrolKiosk()).credential, 6, email, false);
    h.clock.advance(6);
    await kiosk.call('startVisit');
    expect(await kiosk.call('loginResendActivation', {})).toEqual({ ok: false, error: { code: 'no_address' } });
    expect((await kiosk.call('login', { email, password: STRONG_PASSWORD })).error.code).toBe('not_activated');
    const sent = await kiosk.call('loginResendActivation', { language: 'fr' });
    expect(sent).toMatchObject({ ok: true, value: { queued: false, resendAvailableInSeconds: 5 } });
    await h.portal.settle();
    expect(h.mailsTo(email)).toHaveLength(2);
    await kiosk.call('endVisit', { reason: 'finished' });
    // The next visitor does not inherit the address.
    await kiosk.call('startVisit');
    expect(await kiosk.call('loginResendActivation', {})).toEqual({ ok: false, error: { code: 'no_address' } });
    await kiosk.call('endVisit', { reason: 'finished' });
  });

  it('staff: needs a live staff session; audited without the address', async () => {
    expect((await kiosk.call('staffResendActivation', { email: 'x@exemple.invalid' })).error.code).toBe('staff_locked');
    expect((await kiosk.call('staffUnlock', { pin: PIN })).ok).toBe(true);
    expect((await kiosk.call('staffResendActivation', { email: 'pas une adresse' })).error.code).toBe('invalid_fields');
    const ok = await kiosk.call('staffResendActivation', { email: 'Personne.Inconnue@Exemple.invalid' });
    expect(ok).toEqual({ ok: true, value: { accepted: true, queued: false } });
    const again = await kiosk.call('staffResendActivation', { email: 'personne.inconnue@exemple.invalid' });
    expect(again.error.code).toBe('resend_cooldown');
    const audit = await kiosk.core.database.db.select().from(staffAudit);
    const rows = audit.filter((r) => r.action === 'resend_activation').map((r) => [r.outcome, r.detail]);
    expect(rows).toEqual([
      ['refused', 'no_session'],
      ['ok', null],
      ['refused', 'resend_cooldown'],
    ]);
    expect(JSON.stringify(audit)).not.toContain('inconnue');
    await kiosk.call('staffLeave', {});
  });
});
