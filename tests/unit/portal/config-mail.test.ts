import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPortalConfig, parsePortalConfig, PortalConfigError } from '../../../src/portal';
import { databaseUrlOf } from '../../../src/portal/config';
import { activationMail, passwordChangedMail } from '../../../src/portal/mail/templates';
import { identityOf, startHarness, STRONG_PASSWORD, type Harness } from './harness';

describe('configuration', () => {
  it('merges file, environment and overrides, and accepts any libSQL URL', () => {
    const c = loadPortalConfig({
      env: {
        PORTAL_PORT: '0',
        PORTAL_DATABASE_URL: 'libsql://portal.example.invalid',
        PORTAL_SMTP_HOST: 'smtp.example.invalid',
      },
      overrides: { host: '0.0.0.0' },
      defaultDataDir: '/tmp/x',
    });
    expect(c).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      databaseUrl: 'libsql://portal.example.invalid',
      smtp: { host: 'smtp.example.invalid', port: 587, secure: false },
    });
    expect(databaseUrlOf(parsePortalConfig({ dataDir: '/tmp/x' }))).toBe('file:/tmp/x/portal.db');
    expect(parsePortalConfig({ dataDir: '/tmp/x' }).argon2).toEqual({
      memoryCost: 19_456,
      timeCost: 2,
      parallelism: 1,
    });
  });

  it('names the bad key in one line', () => {
    expect(() => parsePortalConfig({ dataDir: '/tmp/x', port: 'abc' })).toThrow(/invalid configuration at "port"/);
    expect(() => parsePortalConfig({ dataDir: '/tmp/x', databaseUrl: 'postgres://x' })).toThrow(PortalConfigError);
    expect(() => parsePortalConfig({ dataDir: '/tmp/x', surprise: 1 })).toThrow(/\(root\)|surprise/);
    expect(() => loadPortalConfig({ file: '/nonexistent/portal.json', env: {}, defaultDataDir: '/tmp/x' })).toThrow(
      /not readable/,
    );
  });
});

describe('email templates', () => {
  it('exist in French and English, as HTML and text, without personal data beyond the link', () => {
    const fr = activationMail('fr', 'https://p.invalid/inscription-locataire?target=link&data=T', '123456', 30);
    const en = activationMail('en', 'https://p.invalid/inscription-locataire?target=link&data=T', '123456', 30);
    expect(fr.subject).toBe('Activez votre espace locataire');
    expect(en.subject).toBe('Activate your tenant account');
    expect(en.text).toMatch(/spam folder/);
    expect(en.html).toContain('lang="en"');
    expect(fr.text).toContain('123456');
    expect(passwordChangedMail('tr').subject).toBe('Your password was changed');
  });
});

describe('sessions and throttles over time', () => {
  let h: Harness;
  let credential: string;
  const email = 'camille.m@exemple.invalid';
  beforeAll(async () => {
    h = await startHarness();
    ({ credential } = await h.enrolKiosk());
    await h.call('POST', '/v1/registrations', {
      credential,
      body: {
        identity: identityOf(5),
        email,
        password: STRONG_PASSWORD,
        acceptedTermsVersion: '2025-01',
        language: 'en',
      },
    });
    const mail = await h.lastMailTo(email);
    expect(mail.subject).toBe('Activate your tenant account');
    await h.call('POST', '/v1/activation/code', { credential, body: { email, code: mail.codes[0] } });
  });
  afterAll(() => h?.close());

  it('ends a session at its absolute expiry even when used all along; logout needs no body', async () => {
    const token = (await h.call('POST', '/v1/sessions', { credential, body: { email, password: STRONG_PASSWORD } }))
      .body.value.sessionToken;
    let failedAt = -1;
    for (let i = 0; i < 40 && failedAt < 0; i++) {
      h.clock.advance(14 * 60);
      const r = await h.call('GET', '/v1/sessions/me', { credential, session: token });
      if (r.status !== 200) {
        failedAt = i;
        expect(r.body.error.code).toBe('session_invalid');
      }
    }
    // 8 h = 480 min: still valid after 34 × 14 = 476 min, over at 35 × 14 = 490 min.
    expect(failedAt).toBe(34);
    const other = (await h.call('POST', '/v1/sessions', { credential, body: { email, password: STRONG_PASSWORD } }))
      .body.value.sessionToken;
    const out = await fetch(`${h.url}/v1/sessions/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credential}`, 'x-session-token': other },
    });
    expect(out.status, await out.clone().text()).toBe(200);
  });

  it('counts concurrent failures all', async () => {
    const wrong = { ...identityOf(6), dateOfBirth: '1992-02-03' };
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => h.call('POST', '/v1/registrations/identity', { credential, body: wrong })),
    );
    // 25 per account number: at most 24 plain refusals, the 25th and every later one throttled.
    expect(answers.filter((a) => a.body.error.code === 'identity_not_found').length).toBeLessThanOrEqual(24);
    expect(answers.filter((a) => a.body.error.code === 'too_many_attempts').length).toBeGreaterThanOrEqual(6);
  });
});
