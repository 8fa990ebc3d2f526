import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPortalConfig, parsePortalConfig, PortalConfigError, startPortal } from '../../../src/portal';
import { backupDatabase } from '../../../src/portal/db/backup';
import { portalAccount, startHarness, STRONG_PASSWORD, type Harness } from './harness';

const work = mkdtempSync(join(tmpdir(), 'portal-service-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const secret = (name: string, text: string) => {
  const file = join(work, name);
  writeFileSync(file, text, { mode: 0o600 });
  return file;
};

describe('secrets from files', () => {
  const token = 'a-very-long-admin-token-from-a-file-0001';

  it('reads the admin token and the SMTP password from files (config or environment)', () => {
    const fromEnv = loadPortalConfig({
      env: {
        PORTAL_ADMIN_TOKEN_FILE: secret('admin-token', `${token}\n`),
        PORTAL_SMTP_HOST: 'smtp.example.invalid',
        PORTAL_SMTP_PASSWORD_FILE: secret('smtp-password', 'mot de passe smtp\n'),
      },
      defaultDataDir: work,
    });
    expect(fromEnv).toMatchObject({ adminToken: token, adminTokenFile: null, smtp: { password: 'mot de passe smtp' } });
    const fromFile = parsePortalConfig({ dataDir: work, adminTokenFile: join(work, 'admin-token') });
    expect(fromFile.adminToken).toBe(token);
  });

  it('refuses both forms, an unreadable file and a short token read from a file, by key', () => {
    const both = { dataDir: work, adminToken: token, adminTokenFile: join(work, 'admin-token') };
    expect(() => parsePortalConfig(both)).toThrow(/adminToken or adminTokenFile/);
    expect(() => parsePortalConfig({ dataDir: work, adminTokenFile: join(work, 'missing') })).toThrow(
      /not readable at "adminTokenFile"/,
    );
    const short = secret('short', 'short');
    expect(() => parsePortalConfig({ dataDir: work, adminTokenFile: short })).toThrow(PortalConfigError);
    expect(() => parsePortalConfig({ dataDir: work, adminTokenFile: short })).toThrow(/"adminToken"/);
  });
});

describe('health, readiness and shutdown', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  it('is ready when the database answers and holds every shipped migration', async () => {
    const ready = await h.call('GET', '/ready');
    expect(ready).toMatchObject({
      status: 200,
      body: { status: 'ready', checks: { database: 'ok', migrations: 'ok', mail: 'demo' } },
    });
    // A database behind this build's schema (here: its migration record gone) is not ready.
    const saved = await h.portal.db.$client.execute('SELECT * FROM __drizzle_migrations');
    await h.portal.db.$client.execute('DELETE FROM __drizzle_migrations');
    const behind = await h.call('GET', '/ready');
    expect(behind).toMatchObject({ status: 503, body: { status: 'not_ready', checks: { migrations: 'failed' } } });
    for (const row of saved.rows)
      await h.portal.db.$client.execute({
        sql: 'INSERT INTO __drizzle_migrations (id, hash, created_at) VALUES (?, ?, ?)',
        args: [row.id!, row.hash!, row.created_at!],
      });
    expect((await h.call('GET', '/ready')).status).toBe(200);
  });
});

it('shuts down gracefully: in-flight requests finish, then stop hooks, then the database closes', async () => {
  const h = await startHarness();
  const { credential } = await h.enrolKiosk();
  const events: string[] = [];
  h.portal.onStop(async () => {
    // The database is still open for a worker's last write.
    await h.portal.db.$client.execute('SELECT 1');
    events.push('stop hook');
  });
  // Twenty logins (each an argon2 verification, four at a time) are in flight when the stop comes.
  let received = 0;
  h.portal.app.server.on('request', (_request, response) => {
    received++;
    response.on('finish', () => events.push('answer'));
  });
  const logins = Array.from({ length: 20 }, (_, i) =>
    h
      .call('POST', '/v1/sessions', {
        credential,
        body: { email: `absent${i}@exemple.invalid`, password: STRONG_PASSWORD },
      })
      .then((r) => r.status),
  );
  while (received < 20) await new Promise((r) => setTimeout(r, 5));
  const closed = h.portal.close().then(() => events.push('closed'));
  const statuses = await Promise.all(logins);
  await closed;
  expect(statuses).toEqual(Array(20).fill(401));
  expect(events.indexOf('stop hook')).toBeGreaterThan(events.lastIndexOf('answer'));
  expect(events.at(-1)).toBe('closed');
  await expect(fetch(`${h.url}/health`)).rejects.toThrow();
  rmSync(h.portal.config.dataDir, { recursive: true, force: true });
});

it('backs up while serving, and a portal started on the restored copy has the data and logs in', async () => {
  const h = await startHarness();
  const { credential } = await h.enrolKiosk();
  const email = 'restauration@exemple.invalid';
  await portalAccount(h, credential, 0, email);
  // The copy is taken while the portal keeps serving (and writing: a registration runs alongside).
  const target = join(work, 'backups', 'portal-2025-06-15.db');
  const [file] = await Promise.all([
    backupDatabase(h.portal.db.$client, target),
    portalAccount(h, credential, 2, 'pendant@exemple.invalid', false),
  ]);
  await expect(backupDatabase(h.portal.db.$client, target)).rejects.toThrow(/exists/);
  await h.close();

  const restoredDir = join(work, 'restored');
  mkdirSync(restoredDir);
  copyFileSync(file, join(restoredDir, 'portal.db'));
  const restored = await startPortal({
    config: { dataDir: restoredDir, port: 0, logLevel: 'silent' },
    now: h.clock.now,
  });
  try {
    expect((await fetch(`${restored.url}/ready`)).status).toBe(200);
    const login = await fetch(`${restored.url}/v1/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: STRONG_PASSWORD }),
    });
    expect(login.status).toBe(201);
    expect(((await login.json()) as { value: { sessionToken: string } }).value.sessionToken).toMatch(/.{20,}/);
  } finally {
    await restored.close();
  }
});

it('serves an update folder at /updates/ when configured, and nothing else from disk', async () => {
  const updatesDir = join(work, 'updates');
  mkdirSync(updatesDir);
  writeFileSync(join(updatesDir, 'latest.yml'), 'version: 1.1.0\nstagingPercentage: 20\n');
  writeFileSync(join(work, 'outside.txt'), 'not for kiosks');
  const h = await startHarness({ updatesDir });
  try {
    const latest = await fetch(`${h.url}/updates/latest.yml`);
    expect(latest.status).toBe(200);
    expect(latest.headers.get('cache-control')).toBe('no-cache');
    expect(await latest.text()).toContain('stagingPercentage: 20');
    for (const path of ['/updates/', '/updates/../outside.txt', '/updates/%2e%2e/outside.txt', '/updates/.hidden'])
      expect([400, 404]).toContain((await fetch(`${h.url}${path}`)).status);
  } finally {
    await h.close();
  }
  const without = await startHarness();
  try {
    expect((await fetch(`${without.url}/updates/latest.yml`)).status).toBe(404);
  } finally {
    await without.close();
  }
});
