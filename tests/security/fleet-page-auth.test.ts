import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal } from '../../src/portal';
import { adminSessions, throttleEvents } from '../../src/portal/db/schema';
import { FLEET_LOGIN_RULE, FLEET_SESSION_SECONDS } from '../../src/portal/fleet/session';
import { startHarness, TestClock, type Harness } from '../unit/portal/harness';
import { ADMIN_TOKEN, enrolNamed, FLEET, fleetLogin, getFleet, postForm } from '../unit/portal/fleet-page-helpers';
import { spawnPortal } from './two-portals';

const LABEL = 'Borne du hall sécurité';
let h: Harness;
let kiosk: { kioskId: string; credential: string };
beforeAll(async () => {
  h = await startHarness({ adminToken: ADMIN_TOKEN });
  kiosk = await enrolNamed(h, 'CLERMONT', LABEL);
});
afterAll(() => h?.close());

const shutOut = (page: { status: number; text: string }) => {
  expect(page.status).toBe(401);
  expect(page.text).toContain('name="jeton"');
  expect(page.text).not.toContain(LABEL);
  expect(page.text).not.toContain(kiosk.kioskId);
};

describe('the fleet page opens only with the admin token, typed in its form', () => {
  it('refuses without a session, with a kiosk credential (bearer, cookie, form) and with the token outside the form', async () => {
    shutOut(await getFleet(h.url));
    shutOut(await getFleet(h.url, { authorization: `Bearer ${kiosk.credential}` }));
    shutOut(await getFleet(h.url, { cookie: `flotte=${kiosk.credential}` }));
    // The admin token works on /v1/admin/* as a bearer, but the page takes it only once, by the form.
    shutOut(await getFleet(h.url, { authorization: `Bearer ${ADMIN_TOKEN}` }));
    shutOut(await getFleet(h.url, { cookie: `flotte=${ADMIN_TOKEN}` }));
    const byQuery = await fetch(`${h.url}${FLEET}?jeton=${ADMIN_TOKEN}`);
    expect(byQuery.status).toBe(401);
    const typed = await fleetLogin(h.url, kiosk.credential);
    expect(typed.status).toBe(401);
    expect(typed.cookie).toBeNull();
    expect(typed.text).toContain('Jeton incorrect');
  });

  it('a good token gives an HttpOnly SameSite=Strict cookie holding a random id, stored hashed', async () => {
    const login = await fleetLogin(h.url);
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe(FLEET);
    const set = login.headers.getSetCookie()[0]!;
    expect(set).toMatch(/^flotte=[A-Za-z0-9_-]{43};/);
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Strict');
    expect(set).toContain('Path=/');
    expect(set).toContain(`Max-Age=${FLEET_SESSION_SECONDS}`);
    expect(set).not.toContain('Secure'); // plain http on loopback: a Secure cookie would never come back
    const id = login.cookie!.split('=')[1]!;
    expect(id).not.toContain(ADMIN_TOKEN);
    const rows = await h.portal.db.select().from(adminSessions);
    expect(rows.some((r) => r.idHash === id)).toBe(false);
    const page = await getFleet(h.url, { cookie: login.cookie! });
    expect(page.status).toBe(200);
    expect(page.text).toContain(LABEL);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'none'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('the session expires, and logout ends it on the server (the old cookie opens nothing)', async () => {
    const first = (await fleetLogin(h.url)).cookie!;
    h.clock.advance(FLEET_SESSION_SECONDS - 60);
    expect((await getFleet(h.url, { cookie: first })).status).toBe(200);
    h.clock.advance(61);
    shutOut(await getFleet(h.url, { cookie: first }));

    const second = (await fleetLogin(h.url)).cookie!;
    expect((await getFleet(h.url, { cookie: second })).status).toBe(200);
    const out = await postForm(h.url, `${FLEET}/deconnexion`, {}, { origin: h.url, cookie: second });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie()[0]).toMatch(/^flotte=;.*Expires=Thu, 01 Jan 1970/);
    shutOut(await getFleet(h.url, { cookie: second }));
  });

  it('refuses a POST that does not come from the portal itself (CSRF), before counting a try', async () => {
    const tries = () => h.portal.db.$count(throttleEvents);
    const before = await tries();
    const forgedHeaders: Record<string, string>[] = [
      {},
      { origin: 'https://attaquant.invalid' },
      { origin: 'null' },
      { referer: 'https://attaquant.invalid/x' },
    ];
    for (const headers of forgedHeaders) {
      const r = await fleetLogin(h.url, ADMIN_TOKEN, headers);
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(r.cookie).toBeNull();
    }
    expect(await tries()).toBe(before);
    const session = (await fleetLogin(h.url)).cookie!;
    const forged = await postForm(
      h.url,
      `${FLEET}/deconnexion`,
      {},
      { origin: 'https://attaquant.invalid', cookie: session },
    );
    expect(forged.status).toBe(403);
    expect((await getFleet(h.url, { cookie: session })).status).toBe(200);
    // The page's own Referer (same-origin policy on the page) is accepted when no Origin is sent.
    expect((await fleetLogin(h.url, ADMIN_TOKEN, { referer: `${h.url}${FLEET}` })).status).toBe(303);
  });
});

/** One real portal process: its own event loop, its own connection to the shared file. */
const portalProcess = (dataDir: string) =>
  spawnPortal(dataDir, { PORTAL_ADMIN_TOKEN: ADMIN_TOKEN, PORTAL_LOG_LEVEL: 'silent' });

const stopped = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

describe('wrong tokens are throttled in the database', () => {
  it('100 concurrent wrong tokens on two portal processes: only the budget is compared, then even the right token waits', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fleet-two-'));
    const a = await portalProcess(dataDir); // migrates the database first
    const b = await portalProcess(dataDir);
    try {
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) => {
          const base = i % 2 ? a.url : b.url;
          return fleetLogin(base, `mauvais-jeton-numero-${i}-0123456789`, { origin: base });
        }),
      );
      const by = (status: number) => answers.filter((r) => r.status === status).length;
      expect(by(401)).toBe(FLEET_LOGIN_RULE.maxFailures);
      expect(by(429)).toBe(100 - FLEET_LOGIN_RULE.maxFailures);
      expect(answers.every((r) => r.cookie === null)).toBe(true);
      const throttled = answers.find((r) => r.status === 429)!;
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(throttled.text).toContain('Trop de jetons incorrects');
      for (const base of [a.url, b.url]) {
        const blocked = await fleetLogin(base, ADMIN_TOKEN, { origin: base });
        expect(blocked.status).toBe(429);
        expect(blocked.cookie).toBeNull();
      }
    } finally {
      await Promise.all([stopped(a.child), stopped(b.child)]);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('the budget opens again after the block; a session opened on one process is honoured by another', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fleet-clock-'));
    const clock = new TestClock();
    const config = { dataDir, port: 0, logLevel: 'silent', adminToken: ADMIN_TOKEN };
    const a = await startPortal({ config, now: clock.now });
    const b = await startPortal({ config, now: clock.now });
    try {
      for (let i = 0; i < FLEET_LOGIN_RULE.maxFailures; i++)
        expect((await fleetLogin(a.url, `mauvais-jeton-${i}-0123456789`, { origin: a.url })).status).toBe(401);
      expect((await fleetLogin(b.url, ADMIN_TOKEN, { origin: b.url })).status).toBe(429);
      clock.advance(FLEET_LOGIN_RULE.blockSeconds - 10);
      expect((await fleetLogin(b.url, ADMIN_TOKEN, { origin: b.url })).status).toBe(429);
      clock.advance(11);
      const open = await fleetLogin(b.url, ADMIN_TOKEN, { origin: b.url });
      expect(open.status).toBe(303);
      expect((await getFleet(a.url, { cookie: open.cookie! })).status).toBe(200);
    } finally {
      await a.close();
      await b.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('configuration', () => {
  it('without an admin token the page is closed', async () => {
    const closed = await startHarness();
    try {
      const page = await getFleet(closed.url);
      expect(page.status).toBe(403);
      expect(page.text).not.toContain('name="jeton"');
      expect((await fleetLogin(closed.url, 'n-importe-quel-jeton-0123456789')).status).toBe(403);
    } finally {
      await closed.close();
    }
  });

  it('behind https the cookie is Secure and __Host- named; the public origin is accepted', async () => {
    const origin = 'https://portail.exemple.invalid';
    const secure = await startHarness({ adminToken: ADMIN_TOKEN, publicUrl: `${origin}/` });
    try {
      const login = await fleetLogin(secure.url, ADMIN_TOKEN, { origin });
      expect(login.status).toBe(303);
      const set = login.headers.getSetCookie()[0]!;
      expect(set).toMatch(/^__Host-flotte=[A-Za-z0-9_-]{43};/);
      expect(set).toContain('Secure');
      expect((await getFleet(secure.url, { cookie: login.cookie! })).status).toBe(200);
      shutOut(await getFleet(secure.url, { cookie: `flotte=${login.cookie!.split('=')[1]}` }));
    } finally {
      await secure.close();
    }
  });
});
