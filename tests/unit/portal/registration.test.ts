import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { accounts } from '../../../src/portal/db/schema';
import { identityOf, startHarness, STRONG_PASSWORD, type Harness } from './harness';

let h: Harness;
let credential: string;
beforeAll(async () => {
  h = await startHarness();
  ({ credential } = await h.enrolKiosk());
});
afterAll(() => h?.close());

const countAccounts = async () =>
  (await h.portal.db
    .select({ n: sql<number>`count(*)` })
    .from(accounts)
    .get())!.n;
const register = (body: Record<string, unknown>, extra: { idempotencyKey?: string; credential?: string } = {}) =>
  h.call('POST', '/v1/registrations', {
    credential: extra.credential ?? credential,
    body: { acceptedTermsVersion: '2025-01', password: STRONG_PASSWORD, ...body },
    ...(extra.idempotencyKey ? { idempotencyKey: extra.idempotencyKey } : {}),
  });

describe('identity step', () => {
  const check = (identity: Record<string, unknown>) =>
    h.call('POST', '/v1/registrations/identity', { credential, body: identity });

  it('matches on the canonical names whatever the hyphens, spaces, apostrophes and case', async () => {
    for (const [lastName, firstName] of [
      ['DE LA FONTAINE', 'jean pierre'],
      ['delafontaine', 'Jean\u2010Pierre'],
      ['De\u00A0La Fontaine', 'JEANPIERRE'],
    ]) {
      const r = await check({ ...identityOf(0), lastName, firstName });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toEqual({ ok: true, value: { eligible: true } });
    }
    const co = await check({ ...identityOf(1), lastName: 'N\u2019DIAYE', firstName: 'marie helene' });
    expect(co.status).toBe(200);
  });

  it('hints at swapped names without accepting them', async () => {
    const r = await check({ ...identityOf(0), lastName: 'Jean-Pierre', firstName: 'De La Fontaine' });
    expect(r.status).toBe(422);
    expect(r.body.error).toEqual({ code: 'identity_not_found', hint: 'names_swapped' });
  });

  it('refuses signatories of an ended lease with the generic answer', async () => {
    const r = await check(identityOf(3));
    expect(r.body.error).toEqual({ code: 'identity_not_found' });
  });

  it('cools down after 25 failures on one account number (src/portal/throttles.ts), then lets it try again', async () => {
    const wrong = { ...identityOf(2), dateOfBirth: '1990-07-29' };
    const codes: string[] = [];
    for (let i = 0; i < 26; i++) codes.push((await check(wrong)).body.error.code);
    expect(codes.slice(0, 24)).toEqual(Array(24).fill('identity_not_found'));
    expect(codes.slice(24)).toEqual(['too_many_attempts', 'too_many_attempts']);
    const blocked = await check(identityOf(2));
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.retryAfterSeconds).toBeGreaterThan(0);
    expect(blocked.headers.get('retry-after')).toBe(String(blocked.body.error.retryAfterSeconds));
    h.clock.advance(blocked.body.error.retryAfterSeconds + 1);
    expect((await check(identityOf(2))).status).toBe(200);
  });

  it('cools down a kiosk that tries many account numbers', async () => {
    const other = await h.enrolKiosk();
    let last = 0;
    for (let i = 0; i < 100; i++) {
      const r = await h.call('POST', '/v1/registrations/identity', {
        credential: other.credential,
        body: { ...identityOf(5), accountNumber: `02888${String(i).padStart(8, '0')}` },
      });
      last = r.status;
    }
    expect(last).toBe(429);
    const r = await h.call('POST', '/v1/registrations/identity', { credential: other.credential, body: identityOf(5) });
    expect(r.body.error.code).toBe('too_many_attempts');
    // Another kiosk of the same agency is not affected.
    expect((await check(identityOf(5))).status).toBe(200);
  });
});

describe('registration', () => {
  it('enforces the password policy and says which rules fail', async () => {
    const r = await register({ identity: identityOf(5), email: 'c.martin@exemple.invalid', password: 'azerty' });
    expect(r.status).toBe(422);
    expect(r.body.error).toEqual({
      code: 'weak_password',
      rules: ['min_length', 'upper', 'digit', 'special', 'not_common'],
    });
    const common = await register({
      identity: identityOf(5),
      email: 'c.martin@exemple.invalid',
      password: 'Azerty123!',
    });
    expect(common.body.error.rules).toEqual(['not_common']);
  });

  it('records only the current terms of use', async () => {
    const r = await register({
      identity: identityOf(5),
      email: 'c.martin@exemple.invalid',
      acceptedTermsVersion: '2019-01',
    });
    expect(r.body.error.code).toBe('terms_outdated');
  });

  it('two concurrent identical registrations make one account', async () => {
    const before = await countAccounts();
    const body = { identity: identityOf(6), email: 't.garnier@exemple.invalid' };
    const [a, b] = await Promise.all([register(body), register(body)]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect([a, b].find((r) => r.status === 409)!.body.error.code).toBe('already_registered');
    expect(await countAccounts()).toBe(before + 1);
  });

  it('one account per signatory; co-signatories separately; email unique regardless of case', async () => {
    const first = await register({ identity: identityOf(0), email: 'Famille.Fontaine@Exemple.invalid' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect((await register({ identity: identityOf(0), email: 'autre@exemple.invalid' })).body.error.code).toBe(
      'already_registered',
    );
    const identityCheck = await h.call('POST', '/v1/registrations/identity', { credential, body: identityOf(0) });
    expect(identityCheck.body.error.code).toBe('already_registered');
    expect(
      (await register({ identity: identityOf(1), email: 'famille.fontaine@exemple.INVALID' })).body.error.code,
    ).toBe('email_in_use');
    expect((await register({ identity: identityOf(1), email: 'mh.ndiaye@exemple.invalid' })).status).toBe(201);
  });

  it('replays a POST with the same Idempotency-Key and refuses the key with another body', async () => {
    const body = { identity: identityOf(7), email: 'i.perrin@exemple.invalid' };
    const first = await register(body, { idempotencyKey: 'outbox-entry-0001' });
    expect(first.status).toBe(201);
    const replay = await register(body, { idempotencyKey: 'outbox-entry-0001' });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    await h.portal.settle();
    expect(h.mailsTo('i.perrin@exemple.invalid')).toHaveLength(1);
    const reused = await register({ ...body, email: 'other@exemple.invalid' }, { idempotencyKey: 'outbox-entry-0001' });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    h.clock.advance(8 * 86_400);
    const afterRetention = await register(body, { idempotencyKey: 'outbox-entry-0001' });
    expect(afterRetention.body.error.code).toBe('already_registered');
    const badKey = await register(body, { idempotencyKey: 'a b' });
    expect(badKey.body.error.code).toBe('invalid_idempotency_key');
  });

  it('needs an enrolled kiosk', async () => {
    const r = await register({ identity: identityOf(5), email: 'x@exemple.invalid' }, { credential: 'A'.repeat(43) });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('kiosk_unauthorized');
    expect((await h.call('POST', '/v1/registrations', { body: {} })).body.error.code).toBe('kiosk_unauthorized');
  });
});
