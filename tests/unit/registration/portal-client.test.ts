import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNotNull, sql } from 'drizzle-orm';
import { openKioskDatabase } from '../../../src/main/core/db/open';
import { createLogger } from '../../../src/main/core/logger';
import { findResourcesDir } from '../../../src/main/host/paths';
import { createPortalClient } from '../../../src/main/core/portal-client/client';
import { KioskEnrolment } from '../../../src/main/core/portal-client/enrolment';
import { calculateDelay } from '../../../src/main/core/portal-client/retry';
import { accounts, kiosks } from '../../../src/portal/db/schema';
import { identityOf, startHarness, STRONG_PASSWORD, type Harness } from '../portal/harness';
import { KIOSK_DB_KEY } from './kiosk-harness';

let h: Harness;
let credential: string;
beforeAll(async () => {
  h = await startHarness();
  ({ credential } = await h.enrolKiosk());
});
afterAll(() => h?.close());

const fast = {
  retry: { baseDelayMs: 5, maxDelayMs: 20 },
  timeoutsMs: { connect: 1000, response: 2000, request: 4000 },
};
const client = (baseUrl = h.url, extra: object = {}) =>
  createPortalClient({ baseUrl, credential: async () => credential, ...fast, ...extra });
const countAccounts = async () =>
  (await h.portal.db
    .select({ n: sql<number>`count(*)` })
    .from(accounts)
    .get())!.n;

/** A loopback server in front of the portal whose behaviour each test scripts, request by request. */
async function proxy(
  script: (n: number, req: IncomingMessage, res: ServerResponse, forward: () => Promise<void>) => void | Promise<void>,
) {
  let n = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const forward = async () => {
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)),
        ) as Record<string, string>;
        const answer = await fetch(h.url + req.url, {
          method: req.method!,
          headers,
          ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
        });
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(await answer.text());
      };
      void script(++n, req, res, forward);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => n,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? null : r.error!.code);
const registration = (i: number, email: string) => ({
  identity: identityOf(i),
  email,
  password: STRONG_PASSWORD,
  acceptedTermsVersion: '2025-01',
});

describe('calculateDelay', () => {
  const error = (status?: number, body?: string) =>
    ({ response: status ? { statusCode: status, body } : undefined }) as never;
  const delay = calculateDelay({ limit: 2, baseDelayMs: 100, maxDelayMs: 300 }, () => 1);

  it('keeps got’s refusal: 0 stays 0', () => {
    expect(delay({ computedValue: 0, attemptCount: 1, error: error(503) })).toBe(0);
    expect(delay({ computedValue: 0, attemptCount: 1, error: error() })).toBe(0);
  });
  it('backs off exponentially up to a ceiling and never past Retry-After', () => {
    expect(
      [1, 2, 3, 4].map((attemptCount) => delay({ computedValue: 10_000, attemptCount, error: error(503) })),
    ).toEqual([100, 200, 300, 300]);
    expect(delay({ computedValue: 50, attemptCount: 3, error: error(503) })).toBe(50);
    expect(
      calculateDelay(
        { limit: 2, baseDelayMs: 100, maxDelayMs: 300 },
        () => 0,
      )({ computedValue: 10_000, attemptCount: 1, error: error(503) }),
    ).toBe(50);
  });
  it('retries a 409 only while the first request with the key is still running', () => {
    expect(
      delay({
        computedValue: 1000,
        attemptCount: 1,
        error: error(409, '{"ok":false,"error":{"code":"idempotency_in_progress"}}'),
      }),
    ).toBe(100);
    expect(
      delay({
        computedValue: 1000,
        attemptCount: 1,
        error: error(409, '{"ok":false,"error":{"code":"email_in_use"}}'),
      }),
    ).toBe(0);
    expect(delay({ computedValue: 1000, attemptCount: 1, error: error(409, 'not json') })).toBe(0);
  });
});

describe('portal client against the real portal', () => {
  it('parses answers and refusals with the shared schemas', async () => {
    expect(await client().call('checkIdentity', { body: identityOf(4) })).toEqual({
      ok: true,
      value: { eligible: true },
    });
    expect(await client().call('checkIdentity', { body: { ...identityOf(4), firstName: 'Nobody' } })).toEqual({
      ok: false,
      error: { code: 'identity_not_found', status: 422 },
    });
    const unauthorized = createPortalClient({ baseUrl: h.url, credential: async () => 'x'.repeat(43), ...fast });
    expect(codeOf(await unauthorized.call('checkIdentity', { body: identityOf(4) }))).toBe('kiosk_unauthorized');
  });

  it('refuses to send a body outside the contract, and needs a credential for kiosk routes', async () => {
    expect(await client().call('checkIdentity', { body: { ...identityOf(4), accountNumber: '12' } })).toEqual({
      ok: false,
      error: { code: 'invalid_input', fields: ['accountNumber'] },
    });
    const before = await proxy((_n, _req, res) => void res.end('{}'));
    const anonymous = createPortalClient({ baseUrl: before.url, credential: async () => null });
    expect(await anonymous.call('checkIdentity', { body: identityOf(4) })).toEqual({
      ok: false,
      error: { code: 'not_enrolled' },
    });
    expect(before.requests()).toBe(0);
    await before.close();
  });

  it('replays a registration sent twice with one Idempotency-Key: one account', async () => {
    const before = await countAccounts();
    const body = registration(5, 'camille@example.org');
    const [a, b] = [
      await client().call('register', { body, idempotencyKey: 'test-key-register-1' }),
      await client().call('register', { body, idempotencyKey: 'test-key-register-1' }),
    ];
    expect(a.ok).toBe(true);
    expect(b).toEqual(a);
    expect(await countAccounts()).toBe(before + 1);
  });

  it('tells a kiosk whether the accounts it registered are active, and nothing about others', async () => {
    const status = (c: ReturnType<typeof client>, email: string) => c.call('registrationStatus', { body: { email } });
    expect(await status(client(), 'camille@example.org')).toEqual({
      ok: true,
      value: { status: 'pending_activation' },
    });
    expect(await status(client(), 'CAMILLE@example.org')).toEqual({
      ok: true,
      value: { status: 'pending_activation' },
    });
    expect(codeOf(await status(client(), 'nobody@example.org'))).toBe('not_found');
    const other = await h.enrolKiosk();
    const otherClient = createPortalClient({ baseUrl: h.url, credential: async () => other.credential, ...fast });
    expect(codeOf(await status(otherClient, 'camille@example.org'))).toBe('not_found');
  });

  it('retries an idempotent POST whose answer was lost, and the portal runs it once', async () => {
    const before = await countAccounts();
    const p = await proxy(async (n, req, res, forward) => {
      if (n === 1) {
        // The portal does the work, then the answer is lost on the way back.
        await fetch(h.url + req.url, {
          method: 'POST',
          headers: {
            authorization: req.headers.authorization!,
            'idempotency-key': req.headers['idempotency-key'] as string,
            'content-type': 'application/json',
          },
          body: JSON.stringify(registration(6, 'theo@example.org')),
        });
        res.socket?.destroy();
        return;
      }
      await forward();
    });
    const answer = await client(p.url).call('register', {
      body: registration(6, 'theo@example.org'),
      idempotencyKey: 'test-key-register-2',
    });
    expect(answer).toMatchObject({ ok: true, value: { status: 'pending_activation' } });
    expect(p.requests()).toBe(2);
    expect(await countAccounts()).toBe(before + 1);
    await p.close();
  });

  it('retries on 503 only what is safe to repeat', async () => {
    const p = await proxy(async (n, _req, res, forward) => {
      if (n % 2 === 1) {
        res.writeHead(503, { 'content-type': 'text/html' });
        res.end('<h1>Service Unavailable</h1>');
        return;
      }
      await forward();
    });
    expect(
      await client(p.url).call('checkIdentity', { body: identityOf(4), idempotencyKey: 'test-key-check-1' }),
    ).toEqual({ ok: true, value: { eligible: true } });
    expect(p.requests()).toBe(2);
    expect(await client(p.url).call('checkIdentity', { body: identityOf(4) })).toEqual({
      ok: false,
      error: { code: 'unreachable', status: 503 },
    });
    expect(p.requests()).toBe(3);
    await p.close();
  });

  it('treats an answer outside the contract, a silent server and a closed port as failures, never throws', async () => {
    const odd = await proxy((_n, _req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true,"value":{"eligible":"yes"}}');
    });
    expect(codeOf(await client(odd.url).call('checkIdentity', { body: identityOf(4) }))).toBe('bad_answer');
    await odd.close();
    const silent = await proxy(() => undefined);
    const slow = createPortalClient({
      baseUrl: silent.url,
      credential: async () => credential,
      retry: { limit: 0 },
      timeoutsMs: { response: 100, request: 200 },
    });
    expect(codeOf(await slow.call('checkIdentity', { body: identityOf(4) }))).toBe('unreachable');
    await silent.close();
    expect(
      codeOf(
        await client('http://127.0.0.1:9').call('checkIdentity', {
          body: identityOf(4),
          idempotencyKey: 'test-key-closed',
        }),
      ),
    ).toBe('unreachable');
  });
});

describe('kiosk enrolment', () => {
  const resourcesDir = findResourcesDir(import.meta.dirname);
  const logger = createLogger('silent');
  const enrolledKiosks = async () =>
    (await h.portal.db
      .select({ n: sql<number>`count(*)` })
      .from(kiosks)
      .where(isNotNull(kiosks.credentialHash))
      .get())!.n;

  it('trades the code once, keeps the credential encrypted in kiosk_meta, and reuses it after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-enrol-'));
    const file = join(dir, 'kiosk.db');
    const { enrolmentCode } = await h.portal.createKiosk('VICHY', 'Borne de test');
    const before = await enrolledKiosks();

    const first = await openKioskDatabase({ file, key: KIOSK_DB_KEY, resourcesDir });
    const holder: { enrolment?: KioskEnrolment } = {};
    const c1 = createPortalClient({ baseUrl: h.url, credential: () => holder.enrolment!.credential(), ...fast });
    const enrolment = (holder.enrolment = new KioskEnrolment({
      db: first.db,
      client: c1,
      enrolmentCode,
      label: 'borne-test',
      logger,
    }));
    const [x, y] = await Promise.all([enrolment.credential(), enrolment.credential()]);
    expect(x).toBeTruthy();
    expect(y).toBe(x);
    expect(enrolment.state).toBe('enrolled');
    expect(await enrolledKiosks()).toBe(before + 1);
    expect((await c1.call('checkIdentity', { body: identityOf(4) })).ok).toBe(true);
    first.close();
    expect(readFileSync(file).includes(Buffer.from(x!))).toBe(false);

    const second = await openKioskDatabase({ file, key: KIOSK_DB_KEY, resourcesDir });
    const again = new KioskEnrolment({ db: second.db, client: c1, enrolmentCode, label: 'borne-test', logger });
    expect(await again.credential()).toBe(x);
    expect(await enrolledKiosks()).toBe(before + 1);
    second.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says so when the code is refused, and does not retry it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-enrol-'));
    const opened = await openKioskDatabase({ file: join(dir, 'kiosk.db'), key: KIOSK_DB_KEY, resourcesDir });
    const p = await proxy((_n, _req, _res, forward) => forward());
    const enrolment = new KioskEnrolment({
      db: opened.db,
      client: createPortalClient({ baseUrl: p.url, ...fast }),
      enrolmentCode: 'WRONG-CODE-123456',
      label: 'borne-test',
      logger,
    });
    expect(await enrolment.credential()).toBeNull();
    expect(enrolment.state).toBe('code_refused');
    expect(await enrolment.credential()).toBeNull();
    expect(p.requests()).toBe(1);
    await p.close();
    opened.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
