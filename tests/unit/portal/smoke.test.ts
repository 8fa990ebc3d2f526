import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityOf, startHarness, STRONG_PASSWORD, type Harness } from './harness';

let h: Harness;
let credential: string;
beforeAll(async () => {
  h = await startHarness();
  ({ credential } = await h.enrolKiosk());
});
afterAll(() => h?.close());

describe('portal over HTTP', () => {
  it('answers /health without credentials', async () => {
    const r = await h.call('GET', '/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok', version: expect.any(String) });
  });

  it('registers, activates by code and logs in', async () => {
    const email = 'jp.test@exemple.invalid';
    const reg = await h.call('POST', '/v1/registrations', {
      credential,
      body: {
        identity: { ...identityOf(0), lastName: 'de la fontaine', firstName: 'JEAN PIERRE' },
        email,
        password: STRONG_PASSWORD,
        acceptedTermsVersion: '2025-01',
      },
    });
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
    const mail = await h.lastMailTo(email);
    expect(mail.codes).toHaveLength(1);
    const early = await h.call('POST', '/v1/sessions', { credential, body: { email, password: STRONG_PASSWORD } });
    expect(early.body.error.code).toBe('not_activated');
    const act = await h.call('POST', '/v1/activation/code', { credential, body: { email, code: mail.codes[0] } });
    expect(act.status, JSON.stringify(act.body)).toBe(200);
    const login = await h.call('POST', '/v1/sessions', { credential, body: { email, password: STRONG_PASSWORD } });
    expect(login.status).toBe(201);
    const me = await h.call('GET', '/v1/sessions/me', { credential, session: login.body.value.sessionToken });
    expect(me.body.value).toMatchObject({ email, lastName: 'De La Fontaine' });
  });
});
