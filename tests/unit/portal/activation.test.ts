import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityOf, startHarness, STRONG_PASSWORD, type Harness } from './harness';

let h: Harness;
let credential: string;
beforeAll(async () => {
  h = await startHarness();
  ({ credential } = await h.enrolKiosk());
});
afterAll(() => h?.close());

async function registerPending(index: number, email: string) {
  const r = await h.call('POST', '/v1/registrations', {
    credential,
    body: { identity: identityOf(index), email, password: STRONG_PASSWORD, acceptedTermsVersion: '2025-01' },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return h.lastMailTo(email);
}
const login = (email: string) =>
  h.call('POST', '/v1/sessions', { credential, body: { email, password: STRONG_PASSWORD } });

describe('activation email', () => {
  it('holds a link of the seed shape and a 6-digit code, in French, with the spam hint', async () => {
    const mail = await registerPending(0, 'jp@exemple.invalid');
    expect(mail.from).toMatch(/^noreply@/);
    expect(mail.subject).toBe('Activez votre espace locataire');
    expect(mail.text).toMatch(/courriers indésirables/);
    const link = mail.links.find((l) => l.includes('/inscription-locataire?'))!;
    expect(link).toMatch(new RegExp(`^${h.url}/inscription-locataire\\?target=link&data=[A-Za-z0-9_-]{43}$`));
    expect(mail.codes[0]).toMatch(/^\d{6}$/);
    expect(mail.html).toContain(link.replaceAll('&', '&amp;'));
  });
});

describe('activation by link (page opened on a phone)', () => {
  it('shows a button, activates once, then says the link no longer works', async () => {
    const mail = await registerPending(1, 'mh@exemple.invalid');
    const link = mail.links.find((l) => l.includes('/inscription-locataire?'))!;
    const token = new URL(link).searchParams.get('data')!;
    const shown = await fetch(link);
    expect(shown.status).toBe(200);
    const html = await shown.text();
    expect(html).toContain('Activer mon compte');
    expect((await login('mh@exemple.invalid')).body.error.code).toBe('not_activated');
    const posted = await fetch(`${h.url}/inscription-locataire`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `data=${token}`,
    });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toContain('Votre compte est activé');
    expect((await login('mh@exemple.invalid')).status).toBe(201);
    const again = await fetch(`${h.url}/inscription-locataire`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `data=${token}`,
    });
    expect(again.status).toBe(410);
    expect((await h.call('POST', '/v1/activation/link', { body: { token } })).body.error.code).toBe('link_invalid');
  });

  it('expires after its days of validity', async () => {
    const mail = await registerPending(2, 'zoe@exemple.invalid');
    const token = new URL(mail.links[0]!).searchParams.get('data')!;
    h.clock.advance(8 * 86_400);
    const r = await h.call('POST', '/v1/activation/link', { body: { token } });
    expect(r.status).toBe(410);
    expect(r.body.error.code).toBe('link_invalid');
  });
});

describe('activation by code at the kiosk', () => {
  it('allows at most 5 tries, and a fresh email gives a fresh code', async () => {
    const email = 'camille@exemple.invalid';
    const mail = await registerPending(5, email);
    const code = mail.codes[0]!;
    const wrong = code === '000000' ? '111111' : '000000';
    const answers: string[] = [];
    for (let i = 0; i < 5; i++)
      answers.push(
        (await h.call('POST', '/v1/activation/code', { credential, body: { email, code: wrong } })).body.error.code,
      );
    expect(answers).toEqual(['invalid_code', 'invalid_code', 'invalid_code', 'invalid_code', 'too_many_attempts']);
    expect((await h.call('POST', '/v1/activation/code', { credential, body: { email, code } })).body.error.code).toBe(
      'too_many_attempts',
    );

    h.clock.advance(61);
    const resend = await h.call('POST', '/v1/activation/resend', { credential, body: { email } });
    expect(resend.status, JSON.stringify(resend.body)).toBe(202);
    const fresh = await h.lastMailTo(email);
    expect(fresh.codes[0]).toMatch(/^\d{6}$/);
    // The first email's link stopped working when the second was sent.
    const oldToken = new URL(mail.links[0]!).searchParams.get('data')!;
    expect((await h.call('POST', '/v1/activation/link', { body: { token: oldToken } })).body.error.code).toBe(
      'link_invalid',
    );
    const ok = await h.call('POST', '/v1/activation/code', { credential, body: { email, code: fresh.codes[0] } });
    expect(ok.body).toEqual({ ok: true, value: { activated: true } });
    expect(
      (await h.call('POST', '/v1/activation/code', { credential, body: { email, code: fresh.codes[0] } })).body.error
        .code,
    ).toBe('invalid_code');
  });

  it('refuses an expired code', async () => {
    const email = 'theo@exemple.invalid';
    const mail = await registerPending(6, email);
    h.clock.advance(31 * 60);
    const r = await h.call('POST', '/v1/activation/code', { credential, body: { email, code: mail.codes[0] } });
    expect(r.status).toBe(410);
    expect(r.body.error.code).toBe('code_expired');
  });
});

describe('resend', () => {
  it('has a cooldown and a daily cap, and answers the same for unknown addresses', async () => {
    const email = 'ines@exemple.invalid';
    await registerPending(7, email);
    const soon = await h.call('POST', '/v1/activation/resend', { credential, body: { email } });
    expect(soon.status).toBe(429);
    expect(soon.body.error.code).toBe('resend_cooldown');
    const statuses: string[] = [];
    for (let i = 0; i < 5; i++) {
      h.clock.advance(61);
      const r = await h.call('POST', '/v1/activation/resend', { credential, body: { email } });
      statuses.push(r.status === 202 ? 'sent' : r.body.error.code);
    }
    expect(statuses).toEqual(['sent', 'sent', 'sent', 'sent', 'resend_daily_cap']);
    await h.portal.settle();
    expect(h.mailsTo(email)).toHaveLength(5);

    const unknown = await h.call('POST', '/v1/activation/resend', {
      credential,
      body: { email: 'nobody@exemple.invalid' },
    });
    expect(unknown.status).toBe(202);
    expect(Object.keys(unknown.body.value)).toEqual(['accepted', 'resendAvailableAt']);
    expect(
      (await h.call('POST', '/v1/activation/resend', { credential, body: { email: 'nobody@exemple.invalid' } })).body
        .error.code,
    ).toBe('resend_cooldown');
  });
});
