import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityOf, startHarness, STRONG_PASSWORD, type Harness } from './harness';

let h: Harness;
let credential: string;
const email = 'jp.fontaine@exemple.invalid';
const NEW_PASSWORD = 'Cerisier#Rouge-77';

beforeAll(async () => {
  h = await startHarness();
  ({ credential } = await h.enrolKiosk());
  await h.call('POST', '/v1/registrations', {
    credential,
    body: { identity: identityOf(0), email, password: STRONG_PASSWORD, acceptedTermsVersion: '2025-01' },
  });
  const mail = await h.lastMailTo(email);
  await h.call('POST', '/v1/activation/code', { credential, body: { email, code: mail.codes[0] } });
});
afterAll(() => h?.close());

const login = (address: string, password: string) =>
  h.call('POST', '/v1/sessions', { credential, body: { email: address, password } });

describe('sessions', () => {
  it('gives one generic error for an unknown email and a wrong password', async () => {
    const unknown = await login('personne@exemple.invalid', STRONG_PASSWORD);
    const wrong = await login(email, 'Mauvais-Mot-2-Passe');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body).toEqual({ ok: false, error: { code: 'invalid_credentials' } });
  });

  it('opens a session (email in any case), reads it, expires it when idle, and logs out', async () => {
    const r = await login(email.toUpperCase(), STRONG_PASSWORD);
    expect(r.status).toBe(201);
    const token = r.body.value.sessionToken;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const me = await h.call('GET', '/v1/sessions/me', { credential, session: token });
    expect(me.body.value).toMatchObject({
      email,
      firstName: 'Jean-Pierre',
      accountNumber: '0299900000001',
      language: 'fr',
    });
    h.clock.advance(16 * 60);
    expect((await h.call('GET', '/v1/sessions/me', { credential, session: token })).body.error.code).toBe(
      'session_invalid',
    );

    const second = (await login(email, STRONG_PASSWORD)).body.value.sessionToken;
    expect((await h.call('POST', '/v1/sessions/logout', { credential, session: second, body: {} })).body.value).toEqual(
      { loggedOut: true },
    );
    expect((await h.call('GET', '/v1/sessions/me', { credential, session: second })).status).toBe(401);
  });

  it('locks the address after repeated failures, with the unlock time — the same for unknown addresses', async () => {
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await login(email, `Faux-Mot-${i}!`)).body.error);
    expect(answers.slice(0, 4).every((e) => e.code === 'invalid_credentials')).toBe(true);
    expect(answers[4].code).toBe('account_locked');
    const locked = await login(email, STRONG_PASSWORD);
    expect(locked.status).toBe(423);
    expect(Date.parse(locked.body.error.unlockAt)).toBe(h.clock.now().getTime() + 900_000);
    const ghost = [];
    for (let i = 0; i < 5; i++) ghost.push((await login('fantome@exemple.invalid', `Faux-Mot-${i}!`)).body.error.code);
    expect(ghost).toEqual(answers.map((e) => e.code));
    h.clock.advance(901);
    expect((await login(email, STRONG_PASSWORD)).status).toBe(201);
  });
});

describe('password reset', () => {
  it('always answers the same, whether or not the address has an account', async () => {
    const known = await h.call('POST', '/v1/password-reset', { credential, body: { email } });
    const unknown = await h.call('POST', '/v1/password-reset', {
      credential,
      body: { email: 'inconnu@exemple.invalid' },
    });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    await h.portal.settle();
    expect(h.mailsTo('inconnu@exemple.invalid')).toHaveLength(0);
  });

  it('by code: sets the password, ends sessions, clears the lock-out, sends a notice', async () => {
    h.clock.advance(61);
    const session = (await login(email, STRONG_PASSWORD)).body.value.sessionToken;
    for (let i = 0; i < 5; i++) await login(email, `Faux-Mot-${i}!`);
    expect((await login(email, STRONG_PASSWORD)).status).toBe(423);

    await h.call('POST', '/v1/password-reset', { credential, body: { email } });
    const mail = await h.lastMailTo(email);
    expect(mail.subject).toBe('Réinitialisation de votre mot de passe');
    const weak = await h.call('POST', '/v1/password-reset/code', {
      credential,
      body: { email, code: mail.codes[0], newPassword: 'motdepasse' },
    });
    expect(weak.body.error.code).toBe('weak_password');
    const done = await h.call('POST', '/v1/password-reset/code', {
      credential,
      body: { email, code: mail.codes[0], newPassword: NEW_PASSWORD },
    });
    expect(done.body, JSON.stringify(done.body)).toEqual({ ok: true, value: { reset: true } });
    expect((await h.call('GET', '/v1/sessions/me', { credential, session })).status).toBe(401);
    expect((await login(email, STRONG_PASSWORD)).body.error.code).toBe('invalid_credentials');
    expect((await login(email, NEW_PASSWORD)).status).toBe(201);
    expect((await h.lastMailTo(email)).subject).toBe('Votre mot de passe a été modifié');
    const reuse = await h.call('POST', '/v1/password-reset/code', {
      credential,
      body: { email, code: mail.codes[0], newPassword: STRONG_PASSWORD },
    });
    expect(reuse.body.error.code).toBe('invalid_code');
  });

  it('by the link page opened on a phone; the link works once and expires in about an hour', async () => {
    h.clock.advance(61);
    await h.call('POST', '/v1/password-reset', { credential, body: { email } });
    const mail = await h.lastMailTo(email);
    const link = mail.links.find((l) => l.includes('/reinitialisation-mot-de-passe'))!;
    const token = new URL(link).searchParams.get('data')!;
    const form = await fetch(link);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('name="password"');
    const post = (body: string) =>
      fetch(`${h.url}/reinitialisation-mot-de-passe`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    const mismatch = await post(`data=${token}&password=${encodeURIComponent(STRONG_PASSWORD)}&confirmation=x`);
    expect(mismatch.status).toBe(422);
    const ok = await post(
      `data=${token}&password=${encodeURIComponent(STRONG_PASSWORD)}&confirmation=${encodeURIComponent(STRONG_PASSWORD)}`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Mot de passe modifié');
    expect((await login(email, STRONG_PASSWORD)).status).toBe(201);
    expect(
      (
        await post(
          `data=${token}&password=${encodeURIComponent(NEW_PASSWORD)}&confirmation=${encodeURIComponent(NEW_PASSWORD)}`,
        )
      ).status,
    ).toBe(410);

    h.clock.advance(61);
    await h.call('POST', '/v1/password-reset', { credential, body: { email } });
    const late = new URL(
      (await h.lastMailTo(email)).links.find((l) => l.includes('/reinitialisation'))!,
    ).searchParams.get('data')!;
    h.clock.advance(3601);
    expect(
      (await h.call('POST', '/v1/password-reset/link', { body: { token: late, newPassword: NEW_PASSWORD } })).body.error
        .code,
    ).toBe('link_invalid');
  });
});
