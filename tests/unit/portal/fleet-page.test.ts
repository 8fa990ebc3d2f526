import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KIOSK_LABEL, startDemoPortal } from '../../../src/portal';
import { kiosks } from '../../../src/portal/db/schema';
import { startOfDay } from '../../../src/portal/fleet/data';
import { revokeKiosk } from '../../../src/portal/kiosks/service';
import { ADMIN_TOKEN, enrolNamed, fleetLogin, getFleet } from './fleet-page-helpers';
import { portalAccount, startHarness, STRONG_PASSWORD, TEST_SIGNATORIES, type Harness } from './harness';

const SCRIPT_LABEL = '<script>alert("x")</script> Borne';
const CANARY_EMAIL = 'canari.flotte@exemple.invalid';

let h: Harness;
let page: string;
let mailCode: string;
beforeAll(async () => {
  h = await startHarness({ adminToken: ADMIN_TOKEN });
  const beat = (credential: string, body: Record<string, unknown>) =>
    h.call('POST', '/v1/kiosks/heartbeat', {
      credential,
      body: {
        version: '0.3.0',
        inService: true,
        outbox: { byKind: {}, oldestPendingAt: null, refusedCodes: {} },
        lastSyncAt: null,
        ...body,
      },
    });
  const event = (credential: string, body: Record<string, unknown>) =>
    h.call('POST', '/v1/kiosks/events', {
      credential,
      body: { at: h.clock.now().toISOString(), source: 'journey', assisted: false, detail: null, ...body },
    });

  const revoked = await enrolNamed(h, 'VICHY', 'Borne révoquée');
  const silent = await enrolNamed(h, 'CLERMONT', 'Hall nord silencieux');
  const troubled = await enrolNamed(h, 'CLERMONT', SCRIPT_LABEL);
  const healthy = await enrolNamed(h, 'VICHY', 'Accueil Vichy');
  await h.portal.createKiosk('RIOM', 'Borne pas encore enrôlée');

  expect((await beat(silent.credential, {})).status).toBe(200);
  h.clock.advance(10 * 60); // 09:10 UTC = 11:10 in Paris
  const now = h.clock.now();
  await beat(troubled.credential, {
    version: '0.2.9',
    inService: false,
    lastSyncAt: new Date(now.getTime() - 3 * 60_000).toISOString(),
    outbox: {
      byKind: { register: { pending: 4, inFlight: 1, refused: 2 }, event: { pending: 3, inFlight: 0, refused: 0 } },
      oldestPendingAt: new Date(now.getTime() - 2 * 3600_000).toISOString(),
      refusedCodes: { email_in_use: 1, identity_not_found: 1 },
    },
  });
  await beat(healthy.credential, { lastSyncAt: now.toISOString() });
  await beat(revoked.credential, {});
  await revokeKiosk(h.portal.db, revoked.kioskId, now);

  // A tenant registers and activates at the healthy kiosk, which then reports the journey.
  const tenant = TEST_SIGNATORIES[5]!;
  await portalAccount(h, healthy.credential, 5, CANARY_EMAIL);
  mailCode = (await h.lastMailTo(CANARY_EMAIL)).codes[0]!;
  for (let i = 0; i < 2; i++)
    await event(healthy.credential, { event: 'registration', outcome: 'delivered', assisted: true, detail: 'fr' });
  await event(healthy.credential, { event: 'login', outcome: 'ok' });
  await event(healthy.credential, { source: 'staff', event: 'kiosk_restart', outcome: 'ok' });
  // Paris midnight is 22:00 UTC in June: 21:59 belongs to yesterday, 22:01 to today.
  await event(healthy.credential, { event: 'password_reset', outcome: 'requested', at: '2025-06-14T22:01:00.000Z' });
  await event(healthy.credential, { event: 'password_reset', outcome: 'yesterday', at: '2025-06-14T21:59:00.000Z' });
  // What a kiosk cannot send: personal data in an event is refused at the door.
  for (const bad of [{ outcome: CANARY_EMAIL }, { detail: tenant.lastName }, { event: tenant.accountNumber }])
    expect((await event(healthy.credential, { event: 'registration', outcome: 'ok', ...bad })).status).toBe(400);

  const login = await fleetLogin(h.url);
  const answer = await getFleet(h.url, { cookie: login.cookie! });
  expect(answer.status).toBe(200);
  page = answer.text;
});
afterAll(() => h?.close());

/** The table row of the kiosk whose label (as escaped on the page) is given. */
const rowOf = (label: string): string => {
  const row = page.split('<tr class=').find((r) => r.includes(`<div class="label">${label}</div>`));
  if (!row) throw new Error(`no row for ${label}`);
  return row;
};

describe('the fleet page', () => {
  it('lists every kiosk, problems first: revoked, silent, refused/late rows, then awaiting enrolment, then healthy', () => {
    const order = [
      'Borne révoquée',
      'Hall nord silencieux',
      '&lt;script&gt;',
      'Borne pas encore enrôlée',
      'Accueil Vichy',
    ].map((l) => page.indexOf(l));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(page).toContain('<li>5 bornes</li>');
    expect(page).toContain('<li class="bad">3 à surveiller</li>');
    expect(page).toContain('<meta http-equiv="refresh" content="60">');
  });

  it("shows a kiosk's heartbeat figures: version, outbox per kind and state, oldest pending, refusals, out of service", () => {
    const row = rowOf('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Borne');
    expect(row).toMatch(/^"bad"/);
    for (const text of [
      'Envois refusés',
      'Envois en retard',
      'Hors service',
      'Agence <b>CLERMONT</b> · version 0.2.9',
      '<td>11:07</td>', // last sync, Paris time
      '<b>8 à envoyer</b>',
      'Inscriptions : 4 en attente · 1 en cours · <span class="alert">2 refusés</span>',
      'Événements : 3 en attente · 0 en cours',
      'plus ancien : 09:10 (il y a 2 h 00)',
      '<code>email_in_use</code> × 1</span>',
      '<code>identity_not_found</code> × 1</span>',
    ])
      expect(row).toContain(text);
  });

  it('says for how long a kiosk has been silent, and marks a revoked one', () => {
    const silent = rowOf('Hall nord silencieux');
    expect(silent).toContain('<td>11:00<div class="alert">silencieuse depuis 10 min</div></td>');
    expect(rowOf('Borne révoquée')).toContain('<span class="tag bad">Révoquée</span>');
    expect(rowOf('Borne pas encore enrôlée')).toContain('En attente d’enrôlement');
    expect(rowOf('Borne pas encore enrôlée')).toContain('<td>jamais</td>');
  });

  it("counts the day's audit events (Paris day) by event and outcome, with the assisted ones", () => {
    const row = rowOf('Accueil Vichy');
    expect(row).toMatch(/^"ok"/);
    expect(row).toContain('<b>5 événements</b> · 2 accompagnés');
    expect(row).toContain('Parcours · Inscription : <span class="n"><code>delivered</code> × 2');
    expect(row).toContain('Parcours · Connexion : <span class="n"><code>ok</code> × 1');
    expect(row).toContain('Parcours · Mot de passe oublié : <span class="n"><code>requested</code> × 1');
    expect(row).toContain('Personnel · kiosk_restart : <span class="n"><code>ok</code> × 1');
    expect(row).not.toContain('yesterday');
    expect(page).toContain('5 événements aujourd’hui');
  });

  it('escapes what kiosks and operators typed: a label cannot inject markup', () => {
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Borne');
  });

  it("holds none of a registered tenant's personal data (canaries)", () => {
    const tenant = TEST_SIGNATORIES[5]!;
    for (const canary of [
      CANARY_EMAIL,
      'canari',
      tenant.lastName,
      tenant.firstName,
      tenant.accountNumber,
      tenant.accountNumber.slice(2),
      tenant.dateOfBirth,
      STRONG_PASSWORD,
      mailCode,
    ])
      expect(page, canary).not.toContain(canary);
  });
});

describe("the day's boundary", () => {
  it('is midnight in Paris, on daylight-saving days too', () => {
    expect(startOfDay(new Date('2025-06-15T09:00:00Z')).toISOString()).toBe('2025-06-14T22:00:00.000Z');
    expect(startOfDay(new Date('2025-01-15T23:30:00Z')).toISOString()).toBe('2025-01-15T23:00:00.000Z');
    expect(startOfDay(new Date('2025-03-30T10:00:00Z')).toISOString()).toBe('2025-03-29T23:00:00.000Z');
    expect(startOfDay(new Date('2025-10-26T11:00:00Z')).toISOString()).toBe('2025-10-25T22:00:00.000Z');
  });
});

describe('the embedded demo portal', () => {
  it('reuses its kiosk row on every start; the kiosk re-enrols on that row with the fresh code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleet-demo-'));
    const ids: string[] = [];
    const credentials: string[] = [];
    try {
      for (const enrolment of ['code', 'code', 'credential'] as const) {
        const demo = await startDemoPortal({ dataDir: dir, tenants: 20, logLevel: 'silent', enrolment });
        try {
          let credential = demo.kioskCredential;
          if (enrolment === 'code') {
            const r = await fetch(`${demo.url}/v1/kiosks/enrol`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ enrolmentCode: demo.enrolmentCode }),
            });
            expect(r.status).toBe(201);
            credential = ((await r.json()) as { value: { credential: string } }).value.credential;
          }
          const keys = (c: string) => fetch(`${demo.url}/v1/keys`, { headers: { authorization: `Bearer ${c}` } });
          expect((await keys(credential!)).status).toBe(200);
          // The previous start's credential was replaced on the same row.
          if (credentials.length) expect((await keys(credentials.at(-1)!)).status).toBe(401);
          ids.push(demo.kioskId);
          credentials.push(credential!);
          const rows = await demo.portal.db.select().from(kiosks).where(eq(kiosks.label, DEMO_KIOSK_LABEL));
          expect(rows.map((r) => r.id)).toEqual([ids[0]]);
        } finally {
          await demo.close();
        }
      }
      expect(new Set(ids).size).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const CHROMIUM = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

describe('in Chromium', () => {
  it("logs in through the form (the browser's own Origin passes), shows the fleet, logs out", async () => {
    const shots = join(import.meta.dirname, '../../../screenshots');
    mkdirSync(shots, { recursive: true });
    const browser = await chromium.launch({ ...(CHROMIUM ? { executablePath: CHROMIUM } : {}) });
    try {
      for (const [width, height] of [
        [1920, 1080],
        [1080, 1920],
      ] as const) {
        const tab = await browser.newPage({ viewport: { width, height } });
        await tab.goto(`${h.url}/admin/flotte`);
        await tab.screenshot({ path: join(shots, `fleet-login-${width}x${height}.png`) });
        await tab.getByLabel('Jeton d’administration').fill(ADMIN_TOKEN);
        await tab.getByRole('button', { name: 'Ouvrir la page de la flotte' }).click();
        await tab.getByRole('heading', { name: 'Flotte des bornes' }).waitFor();
        await tab.getByRole('table').waitFor();
        expect(await tab.locator('tbody tr').count()).toBe(5);
        const cookie = (await tab.context().cookies()).find((c) => c.name === 'flotte')!;
        expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
        await tab.screenshot({ path: join(shots, `fleet-page-${width}x${height}.png`), fullPage: true });
        await tab.getByRole('button', { name: 'Se déconnecter' }).click();
        await tab.getByText('Vous êtes déconnecté.').waitFor();
        await tab.goto(`${h.url}/admin/flotte`);
        await tab.getByLabel('Jeton d’administration').waitFor();
        await tab.close();
      }
    } finally {
      await browser.close();
    }
  });
});
