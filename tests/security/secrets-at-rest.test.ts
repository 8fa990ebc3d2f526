import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDemoPortal, startPortal, type RunningPortal } from '../../src/portal';
import { LOCAL_KEY_FILE } from '../../src/portal/db/key-file';
import type { SignatoryRow } from '../../src/portal/signatories/store';
import { STRONG_PASSWORD, TestClock } from '../unit/portal/harness';

// Issue #10 item 7: a login with an Idempotency-Key kept its session token in clear for 7 days;
// emails and account numbers stayed in the throttle table forever; the portal's database (its
// private key, the demo's WAL with 25 emails) was not encrypted. Canaries must be in no byte.
const CANARY: SignatoryRow = {
  accountNumber: '0299912345678',
  leaseId: 'CANARI-1',
  agencyCode: 'CLERMONT',
  lastName: 'Canarienne',
  firstName: 'Zéphyrine',
  dateOfBirth: '1971-04-04',
  leaseStatus: 'current',
};
const EMAIL = 'zephyrine.canari@exemple.invalid';
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'portal-canary-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function call(url: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const r = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as { ok: boolean; value?: Record<string, string> } };
}

/** Registration (with failed identity checks), activation, login with an Idempotency-Key, reset, resend. */
async function runFlows(portal: RunningPortal, credential: string): Promise<string[]> {
  const auth = { authorization: `Bearer ${credential}` };
  const identity = {
    accountNumber: CANARY.accountNumber,
    lastName: CANARY.lastName,
    firstName: CANARY.firstName,
    dateOfBirth: CANARY.dateOfBirth,
  };
  for (let i = 0; i < 3; i++)
    await call(portal.url, '/v1/registrations/identity', { ...identity, dateOfBirth: `1971-04-1${i}` }, auth);
  const registered = await call(
    portal.url,
    '/v1/registrations',
    { identity, email: EMAIL, password: STRONG_PASSWORD, acceptedTermsVersion: '2025-01' },
    { ...auth, 'idempotency-key': 'canary-registration-1' },
  );
  expect(registered.status).toBe(201);
  await portal.settle();
  const code = portal.mailbox!.messages().find((m) => m.to.includes(EMAIL))!.codes[0]!;
  await call(portal.url, '/v1/activation/code', { email: EMAIL, code }, { ...auth, 'idempotency-key': 'canary-act-1' });
  await call(portal.url, '/v1/sessions', { email: EMAIL, password: 'Faux-Mot-2-Passe!' }, auth);
  const login = await call(
    portal.url,
    '/v1/sessions',
    { email: EMAIL, password: STRONG_PASSWORD },
    { ...auth, 'idempotency-key': 'canary-login-1' },
  );
  expect(login.status).toBe(201);
  await call(portal.url, '/v1/password-reset', { email: EMAIL }, { ...auth, 'idempotency-key': 'canary-reset-1' });
  await call(portal.url, '/v1/activation/resend', { email: EMAIL }, auth);
  await portal.settle();
  return [EMAIL, CANARY.accountNumber, CANARY.lastName, login.body.value!.sessionToken!];
}

function bytesOf(dbFile: string): Buffer {
  return Buffer.concat(['', '-wal'].filter((s) => existsSync(dbFile + s)).map((s) => readFileSync(dbFile + s)));
}
const found = (bytes: Buffer, canaries: string[]) =>
  canaries.filter((c) => bytes.includes(Buffer.from(c, 'utf8')) || bytes.includes(Buffer.from(c, 'utf16le')));

async function enrol(portal: RunningPortal): Promise<string> {
  const { enrolmentCode } = await portal.createKiosk('CLERMONT', 'Borne canari');
  return (await call(portal.url, '/v1/kiosks/enrol', { enrolmentCode })).body.value!.credential!;
}

describe('secrets at rest', () => {
  it('the demo portal encrypts its database and WAL, with its key beside the data, owner-only', async () => {
    const dataDir = tempDir();
    const demo = await startDemoPortal({ dataDir, tenants: 20, logLevel: 'silent' });
    try {
      await demo.portal.importSignatories([CANARY]);
      const canaries = await runFlows(demo.portal, await enrol(demo.portal));
      const dbFile = join(dataDir, 'portal.db');
      expect(existsSync(dbFile + '-wal')).toBe(true);
      expect(found(bytesOf(dbFile), canaries)).toEqual([]);
    } finally {
      await demo.close();
    }
    expect(statSync(join(dataDir, LOCAL_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(found(bytesOf(join(dataDir, 'portal.db')), [EMAIL, CANARY.accountNumber])).toEqual([]);
  });

  it('a portal keyed from databaseKeyFile holds no canary in its file or WAL', async () => {
    const dataDir = tempDir();
    const keyFile = join(tempDir(), 'portal.key');
    writeFileSync(keyFile, 'une-clef-de-test-assez-longue-0123456789\n', { mode: 0o600 });
    const portal = await startPortal({ config: { dataDir, port: 0, logLevel: 'silent', databaseKeyFile: keyFile } });
    try {
      await portal.importSignatories([CANARY]);
      const canaries = await runFlows(portal, await enrol(portal));
      expect(found(bytesOf(join(dataDir, 'portal.db')), canaries)).toEqual([]);
    } finally {
      await portal.close();
    }
  });

  it('keeps no session token, email or account number in throttle and idempotency rows, and purges them', async () => {
    const clock = new TestClock();
    const dataDir = tempDir();
    const portal = await startPortal({ config: { dataDir, port: 0, logLevel: 'silent' }, now: clock.now });
    try {
      await portal.importSignatories([CANARY]);
      const canaries = await runFlows(portal, await enrol(portal));
      // Control: without a key the account's own row is readable, so the byte search does find canaries.
      expect(found(bytesOf(join(dataDir, 'portal.db')), canaries)).toContain(EMAIL);
      const dump = async (table: string) =>
        JSON.stringify((await portal.db.$client.execute(`SELECT * FROM ${table}`)).rows);
      for (const table of ['throttle_events', 'idempotency_records']) {
        expect(found(Buffer.from(await dump(table)), canaries), table).toEqual([]);
        expect(await dump(table)).not.toContain('exemple.invalid');
      }
      expect(await dump('mail_queue')).toBe('[]'); // sent emails (links, codes) are deleted
      expect(await dump('mail_requests')).toBe('[]');
      clock.advance(8 * 86_400);
      await portal.housekeep();
      for (const table of ['throttle_events', 'idempotency_records']) expect(await dump(table)).toBe('[]');
    } finally {
      await portal.close();
    }
  });
});
