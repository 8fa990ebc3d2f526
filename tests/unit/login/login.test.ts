import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isNull } from 'drizzle-orm';
import { LoginFlow } from '../../../src/main/core/flows/login/flow';
import { createPortalClient, type PortalClient } from '../../../src/main/core/portal-client/client';
import { kioskEvents, sessions } from '../../../src/portal/db/schema';
import { portalAccount, startHarness, STRONG_PASSWORD, type Harness } from '../portal/harness';
import { memoryLogger } from '../helpers/kiosk';
import { startTestKiosk, type TestKiosk } from '../registration/kiosk-harness';

let h: Harness;
let kiosk: TestKiosk;
const logged = memoryLogger('debug');
const ACTIVE = 'jp.fontaine@exemple.invalid';
const PENDING = 'zoe.lefevre@exemple.invalid';
const UNKNOWN = 'personne@exemple.invalid';

const liveSessions = async () =>
  (await h.portal.db.select().from(sessions).where(isNull(sessions.revokedAt)).all()).length;

const allSessions = async () => (await h.portal.db.select().from(sessions).all()).length;

beforeAll(async () => {
  h = await startHarness();
  const { credential } = await h.enrolKiosk();
  await portalAccount(h, credential, 0, ACTIVE);
  await portalAccount(h, credential, 2, PENDING, false);
  const { enrolmentCode } = await h.portal.createKiosk('CLERMONT', 'Borne de test');
  kiosk = await startTestKiosk({ portalUrl: h.url, enrolmentCode, clock: h.clock, logger: logged.logger });
});
afterAll(async () => {
  await kiosk?.close();
  await h?.close();
});

/** Each case is one visitor: a fresh visit, and the portal's per-kiosk counters left behind. */
async function newVisit() {
  expect((await kiosk.call('startVisit')).ok).toBe(true);
  h.clock.advance(120);
}

describe('login at the kiosk, against the real portal', () => {
  it('signs in: the renderer gets first name, email and account number, never the session token', async () => {
    await newVisit();
    expect(await kiosk.call('getSession')).toEqual({ ok: true, value: { signedIn: false } });
    const r = await kiosk.call('login', { email: ` ${ACTIVE.toUpperCase()}`, password: STRONG_PASSWORD });
    const tenant = { firstName: 'Jean-Pierre', email: ACTIVE, accountNumber: '0299900000001' };
    expect(r).toEqual({ ok: true, value: { tenant } });
    expect(await kiosk.call('getSession')).toEqual({ ok: true, value: { signedIn: true, tenant } });
    expect(await liveSessions()).toBe(1);
    expect(logged.lines.join('\n')).not.toContain('fontaine');
  });

  it('logs out at the portal and forgets the session', async () => {
    expect(await kiosk.call('logout')).toEqual({ ok: true, value: { loggedOut: true } });
    expect(await kiosk.call('getSession')).toEqual({ ok: true, value: { signedIn: false } });
    expect(await liveSessions()).toBe(0);
    // Logging out with nobody signed in is harmless.
    expect(await kiosk.call('logout')).toEqual({ ok: true, value: { loggedOut: true } });
  });

  it('answers a wrong password exactly as an unknown address', async () => {
    await newVisit();
    const wrong = await kiosk.call('login', { email: ACTIVE, password: 'Mauvais-Mot-2-Passe' });
    await newVisit();
    const unknown = await kiosk.call('login', { email: UNKNOWN, password: STRONG_PASSWORD });
    expect(wrong).toEqual({ ok: false, error: { code: 'invalid_credentials' } });
    expect(unknown).toEqual(wrong);
    expect(await kiosk.call('getSession')).toEqual({ ok: true, value: { signedIn: false } });
  });

  it('says "not activated" only after the right password', async () => {
    await newVisit();
    expect(await kiosk.call('login', { email: PENDING, password: 'Mauvais-Mot-2-Passe' })).toEqual({
      ok: false,
      error: { code: 'invalid_credentials' },
    });
    expect(await kiosk.call('login', { email: PENDING, password: STRONG_PASSWORD })).toEqual({
      ok: false,
      error: { code: 'not_activated' },
    });
    expect(await liveSessions()).toBe(0);
  });

  it('refuses empty or malformed fields without asking the portal', async () => {
    await newVisit();
    expect(await kiosk.call('login', { email: '', password: '' })).toEqual({
      ok: false,
      error: { code: 'invalid_fields', fields: ['email:required', 'password:required'] },
    });
    expect(await kiosk.call('login', { email: 'jp.fontaine@', password: 'x' })).toEqual({
      ok: false,
      error: { code: 'invalid_fields', fields: ['email:invalid'] },
    });
    expect((await kiosk.call('login', { email: ACTIVE, extra: 1, password: 'x' })).error.code).toBe('invalid_input');
  });

  it('slows the visit down after repeated failures, then the portal locks the address with its unlock time', async () => {
    // Earlier cases' failures for this address leave the portal's counting window first.
    h.clock.advance(900);
    await newVisit();
    const attempt = (password: string) => kiosk.call('login', { email: ACTIVE, password });
    expect((await attempt('Faux-Mot-1!')).error).toEqual({ code: 'invalid_credentials' });
    expect((await attempt('Faux-Mot-2!')).error).toEqual({ code: 'invalid_credentials' });
    // The third failure starts the kiosk's own wait, carried by the refusal itself…
    expect((await attempt('Faux-Mot-3!')).error).toEqual({ code: 'invalid_credentials', retryAfterSeconds: 5 });
    // …and until it is over the portal is not asked at all, even with the right password.
    expect((await attempt(STRONG_PASSWORD)).error).toEqual({ code: 'slow_down', retryAfterSeconds: 5 });
    h.clock.advance(5);
    expect((await attempt('Faux-Mot-4!')).error).toEqual({ code: 'invalid_credentials', retryAfterSeconds: 10 });
    h.clock.advance(10);
    // The portal's fifth failure for the address locks it for 15 minutes.
    expect((await attempt('Faux-Mot-5!')).error).toEqual({ code: 'account_locked', retryAfterSeconds: 900 });
    h.clock.advance(60);
    expect((await attempt(STRONG_PASSWORD)).error).toEqual({ code: 'account_locked', retryAfterSeconds: 840 });

    // A new visitor does not inherit the wait, but the address stays locked at the portal.
    await newVisit();
    expect((await attempt(STRONG_PASSWORD)).error).toEqual({ code: 'account_locked', retryAfterSeconds: 720 });
    h.clock.advance(721);
    await newVisit();
    expect((await attempt(STRONG_PASSWORD)).ok).toBe(true);
  });

  it('« Terminer » and the idle wipe forget the session and log it out at the portal', async () => {
    for (const reason of ['finished', 'idle'] as const) {
      await newVisit();
      expect((await kiosk.call('login', { email: ACTIVE, password: STRONG_PASSWORD })).ok).toBe(true);
      expect(await liveSessions()).toBe(1);
      expect(await kiosk.call('endVisit', { reason })).toEqual({ ok: true, value: { wiped: true } });
      expect(await kiosk.call('getSession')).toEqual({ ok: true, value: { signedIn: false } });
      await vi.waitFor(async () => expect(await liveSessions()).toBe(0));
    }
  });

  it('a login still waiting when the visit ends is dropped', async () => {
    await newVisit();
    const late = kiosk.call('login', { email: ACTIVE, password: STRONG_PASSWORD });
    await kiosk.call('endVisit', { reason: 'idle' });
    expect(await late).toEqual({ ok: false, error: { code: 'visit_ended' } });
    expect(await kiosk.call('getSession')).toEqual({ ok: true, value: { signedIn: false } });
    await vi.waitFor(async () => expect(await liveSessions()).toBe(0));
  });

  it('a session the portal opens after the visit ended is logged out at once, and nothing of it is kept', async () => {
    const { credential } = await h.enrolKiosk();
    const real = createPortalClient({ baseUrl: h.url, credential: async () => credential });
    // The portal's answer is held back until the visit has ended, as on a slow network.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow: PortalClient = {
      baseUrl: real.baseUrl,
      call: (async (name: Parameters<PortalClient['call']>[0], request?: never) => {
        const answer = await real.call(name, request);
        if (name === 'login') await held;
        return answer;
      }) as PortalClient['call'],
    };
    const flow = new LoginFlow({ portal: slow, logger: logged.logger, now: h.clock.now });
    const before = await allSessions();
    const late = flow.login({ email: ACTIVE, password: STRONG_PASSWORD });
    await vi.waitFor(async () => expect(await allSessions()).toBe(before + 1));
    expect(await liveSessions()).toBe(1);
    flow.wipe();
    release();
    expect(await late).toEqual({ ok: false, error: { code: 'visit_ended' } });
    expect(flow.session()).toEqual({ signedIn: false });
    await flow.settle();
    expect(await liveSessions()).toBe(0);
  });

  it('a double tap opens one session', async () => {
    await newVisit();
    const input = { email: ACTIVE, password: STRONG_PASSWORD };
    const before = await allSessions();
    const [a, b] = await Promise.all([kiosk.call('login', input), kiosk.call('login', input)]);
    expect(a.ok && b.ok).toBe(true);
    expect(await allSessions()).toBe(before + 1);
    await kiosk.call('endVisit', { reason: 'finished' });
    await vi.waitFor(async () => expect(await liveSessions()).toBe(0));
  });
});

describe('journey outcomes recorded for the portal', () => {
  it('each attempt leaves an event row with its outcome code only, delivered to the portal', async () => {
    await newVisit();
    const before = (await h.portal.db.select().from(kioskEvents).all()).length;
    await kiosk.call('login', { email: UNKNOWN, password: STRONG_PASSWORD });
    await kiosk.call('login', { email: ACTIVE, password: STRONG_PASSWORD });
    await kiosk.call('logout');
    const journey = async () =>
      (await h.portal.db.select().from(kioskEvents).all())
        .slice(before)
        .filter((e) => e.source === 'journey' && e.event === 'login')
        .map((e) => e.outcome);
    await expect.poll(journey, { timeout: 30_000 }).toEqual(['invalid_credentials', 'ok']);
    // Codes only: nothing of the address or the password reached the portal's event table.
    const rows = JSON.stringify(await h.portal.db.select().from(kioskEvents).all());
    expect(rows).not.toMatch(/exemple\.invalid|Tournesol/);
  });
});

describe('login with the portal down', () => {
  it('says the service is unreachable, and still forgets the session on logout', async () => {
    const down = await startHarness();
    const { credential } = await down.enrolKiosk();
    await portalAccount(down, credential, 5, 'camille@exemple.invalid');
    const { enrolmentCode } = await down.portal.createKiosk('CLERMONT', 'Borne de test');
    const k = await startTestKiosk({ portalUrl: down.url, enrolmentCode, clock: down.clock });
    try {
      const input = { email: 'camille@exemple.invalid', password: STRONG_PASSWORD };
      expect((await k.call('login', input)).ok).toBe(true);
      await down.close();
      expect(await k.call('getSession')).toMatchObject({ ok: true, value: { signedIn: true } });
      expect(await k.call('logout')).toEqual({ ok: true, value: { loggedOut: true } });
      expect(await k.call('getSession')).toEqual({ ok: true, value: { signedIn: false } });
      expect(await k.call('login', input)).toEqual({ ok: false, error: { code: 'portal_unreachable' } });
      // An unreachable portal is not the tenant's failure: no slow-down builds up from it.
      for (let i = 0; i < 3; i++) expect((await k.call('login', input)).error.code).toBe('portal_unreachable');
    } finally {
      await k.close();
    }
  });

  it('without any portal configured, says the service is unreachable', async () => {
    const k = await startTestKiosk({ portalUrl: null });
    try {
      expect(await k.call('login', { email: ACTIVE, password: STRONG_PASSWORD })).toEqual({
        ok: false,
        error: { code: 'portal_unreachable' },
      });
    } finally {
      await k.close();
    }
  });
});
