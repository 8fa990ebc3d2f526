import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskEvents } from '../../../src/portal/db/schema';
import { identityOf, portalAccount, startHarness, type Harness } from './harness';

// Issue #12 item 3, the portal's half: resend for an address (throttled per kiosk too), the reset
// email interval in the reset answer, and « pourquoi ? » for one refused assisted attempt.
let h: Harness;
let kiosk: { kioskId: string; credential: string };
let other: { kioskId: string; credential: string };
beforeAll(async () => {
  h = await startHarness({
    limits: { resendCooldownSeconds: 7, resendPerKiosk: { maxFailures: 4, windowSeconds: 3600, blockSeconds: 3600 } },
  });
  kiosk = await h.enrolKiosk();
  other = await h.enrolKiosk();
});
afterAll(() => h?.close());

const check = (credential: string, body: unknown) => h.call('POST', '/v1/registrations/identity', { credential, body });
const why = (credential: string, attemptRef: unknown) =>
  h.call('POST', '/v1/registrations/why', { credential, body: { attemptRef } });

/** An assisted check that is refused, and its reference. */
async function refusedRef(body: Record<string, unknown>, credential = kiosk.credential) {
  const r = await check(credential, { ...body, assisted: true });
  expect(r.status).toBeGreaterThanOrEqual(400);
  expect(typeof r.body.error.attemptRef).toBe('string');
  return { code: r.body.error.code as string, ref: r.body.error.attemptRef as string, raw: JSON.stringify(r.body) };
}

describe('reset request answer', () => {
  it('carries the portal interval, the same for an unknown address', async () => {
    await portalAccount(h, kiosk.credential, 6, 'theo.reset@exemple.invalid');
    for (const email of ['theo.reset@exemple.invalid', 'personne.reset@exemple.invalid']) {
      const r = await h.call('POST', '/v1/password-reset', { credential: kiosk.credential, body: { email } });
      expect(r.status).toBe(202);
      expect(r.body.value).toEqual({ accepted: true, resendAfterSeconds: 7 });
    }
  });
});

describe('activation resend for an address', () => {
  it('sends once to a pending account, answers alike for an unknown address and sends nothing', async () => {
    await portalAccount(h, kiosk.credential, 5, 'camille.attente@exemple.invalid', false);
    h.clock.advance(8);
    await h.portal.settle();
    const before = h.mailsTo('camille.attente@exemple.invalid').length;
    const pending = await h.call('POST', '/v1/activation/resend', {
      credential: kiosk.credential,
      body: { email: 'camille.attente@exemple.invalid' },
    });
    const unknown = await h.call('POST', '/v1/activation/resend', {
      credential: kiosk.credential,
      body: { email: 'inconnu.renvoi@exemple.invalid' },
    });
    expect(pending.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(Object.keys(unknown.body.value)).toEqual(Object.keys(pending.body.value));
    await h.lastMailTo('camille.attente@exemple.invalid');
    await h.portal.settle();
    expect(h.mailsTo('camille.attente@exemple.invalid').length).toBe(before + 1);
    expect(h.mailsTo('inconnu.renvoi@exemple.invalid')).toHaveLength(0);
  });

  it('stops a kiosk at its own cap, whatever the addresses, without spending theirs', async () => {
    const fresh = await h.enrolKiosk();
    const codes = [];
    for (let n = 0; n < 6; n++) {
      const r = await h.call('POST', '/v1/activation/resend', {
        credential: fresh.credential,
        body: { email: `flot.${n}@exemple.invalid` },
      });
      codes.push(r.status === 202 ? 'ok' : r.body.error.code);
    }
    expect(codes).toEqual(['ok', 'ok', 'ok', 'ok', 'rate_limited', 'rate_limited']);
    // The fifth address was not counted: another kiosk may still ask for it.
    const elsewhere = await h.call('POST', '/v1/activation/resend', {
      credential: other.credential,
      body: { email: 'flot.4@exemple.invalid' },
    });
    expect(elsewhere.status).toBe(202);
  });
});

describe('« pourquoi ? » for one refused assisted attempt', () => {
  it('gives each kind, once, to the kiosk that made the attempt, and nothing personal', async () => {
    await portalAccount(h, kiosk.credential, 7, 'ines.active@exemple.invalid');
    await portalAccount(h, kiosk.credential, 4, 'joao.attente@exemple.invalid', false);
    const cases = [
      { body: { ...identityOf(2), dateOfBirth: '1990-07-31' }, code: 'identity_not_found', kind: 'not_found' },
      { body: identityOf(3), code: 'identity_not_found', kind: 'lease_ended' },
      { body: identityOf(7), code: 'already_registered', kind: 'already_active' },
      { body: identityOf(4), code: 'already_registered', kind: 'pending_activation' },
    ];
    for (const c of cases) {
      const { code, ref, raw } = await refusedRef(c.body);
      expect(code).toBe(c.code);
      // The refusal itself is the usual one: no kind in it, nothing but the code and the reference.
      expect(raw).not.toMatch(/lease_ended|pending|active|Dubois|1960/);
      const answer = await why(kiosk.credential, ref);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ ok: true, value: { kind: c.kind } });
      expect((await why(kiosk.credential, ref)).body.error.code).toBe('not_found');
    }
  });

  it('refuses another kiosk, an unassisted attempt, an unknown reference and an expired one', async () => {
    const wrong = { ...identityOf(2), dateOfBirth: '1990-07-29' };
    const { ref } = await refusedRef(wrong);
    expect((await why(other.credential, ref)).body.error.code).toBe('not_found');
    // The other kiosk's refusal did not spend it: its own kiosk still may ask.
    expect((await why(kiosk.credential, ref)).body.value.kind).toBe('not_found');

    const unassisted = await check(kiosk.credential, wrong);
    expect(unassisted.body.error.code).toBe('identity_not_found');
    expect(unassisted.body.error.attemptRef).toBeUndefined();

    expect((await why(kiosk.credential, 'A'.repeat(43))).body.error.code).toBe('not_found');
    expect((await why(kiosk.credential, 'court')).body.error.code).toBe('invalid_input');

    const late = await refusedRef(wrong);
    h.clock.advance(15 * 60 + 1);
    expect((await why(kiosk.credential, late.ref)).body.error.code).toBe('not_found');
  });

  it('records each ask for the fleet, without the kind', async () => {
    const rows = await h.portal.db.select().from(kioskEvents).where(eq(kioskEvents.event, 'registration_why'));
    expect(rows.filter((r) => r.outcome === 'answered').length).toBeGreaterThanOrEqual(5);
    expect(rows.some((r) => r.outcome === 'not_found')).toBe(true);
    for (const r of rows) expect(JSON.stringify(r)).not.toMatch(/lease_ended|pending_activation|already_active/);
  });
});
