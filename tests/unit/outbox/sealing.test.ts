import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../../src/main/core/db/schema';
import type { KioskCore } from '../../../src/main/core/kiosk-core';
import { seal } from '../../../src/main/core/outbox/seal';
import { loadPortalKeys } from '../../../src/portal/security/keys';
import { openSealedPayload } from '../../../src/portal/security/sealed';
import { sealedEnvelopeSchema } from '../../../src/shared/portal-api/sealed';
import { outboxRow, PortalProcess, ready, registration, startCore, tempDir, until } from './harness';

/** Strings no byte of the kiosk's files may hold once sealed (fictional, and unique to this test). */
const CANARY_EMAIL = 'canari.7f3a9q@exemple.invalid';
const CANARY_PASSWORD = 'Canari-Secret-7f3a9q!';

/** Every byte of the kiosk's database files: the file, and its WAL and rollback journal if present. */
function databaseBytes(dataDir: string): Buffer {
  const files = readdirSync(dataDir).filter((f) => f.startsWith('kiosk.db'));
  return Buffer.concat(files.map((f) => readFileSync(join(dataDir, f))));
}
const holds = (bytes: Buffer, text: string) => bytes.includes(Buffer.from(text, 'utf8'));

describe('sealed outbox payloads', () => {
  let portal: PortalProcess;
  const dirs: string[] = [];
  const cores: KioskCore[] = [];
  const plainCore = async (enrolmentCode: string) => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    // Unencrypted on purpose: at rest the file is encrypted anyway, which would hide plaintext from this scan.
    const core = await startCore({ portalUrl: portal.url, enrolmentCode, dataDir, databaseKey: '' });
    cores.push(core);
    await ready(core);
    return { core, dataDir };
  };

  beforeEach(async () => {
    portal = new PortalProcess();
    await portal.start();
  });
  afterEach(async () => {
    for (const c of cores.splice(0)) await c.close();
    await portal.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('seals to the portal key: not the plaintext, different each time, opened only with the private key', async () => {
    const keys = await loadPortalKeys(portal.portal.db, portal.clock.now, { graceSeconds: 86_400 });
    const recipient = await keys.current();
    const body = registration(0, CANARY_EMAIL, CANARY_PASSWORD);
    const a = seal(recipient, body);
    const b = seal(recipient, body);
    expect(sealedEnvelopeSchema.parse(a)).toEqual(a);
    const text = JSON.stringify(a);
    expect(text).not.toContain(CANARY_EMAIL);
    expect(text).not.toContain(CANARY_PASSWORD);
    expect(text).not.toContain(Buffer.from(CANARY_PASSWORD).toString('base64url'));
    expect(a.ct).not.toBe(b.ct);
    expect(a.epk).not.toBe(b.epk);
    expect(JSON.parse(await openSealedPayload(keys, a))).toEqual(body);
    // Bound to its key id: the same envelope naming another key does not open.
    await expect(openSealedPayload(keys, { ...a, keyId: 'autre-cle' })).rejects.toThrow();
  });

  it('leaves no plaintext of a registration in the database, before delivery or after, nor its ciphertext after', async () => {
    const { core, dataDir } = await plainCore(await portal.enrolmentCode());
    expect(readFileSync(join(dataDir, 'kiosk.db')).subarray(0, 15).toString()).toBe('SQLite format 3');
    await portal.stop();
    const id = await core.outbox.enqueue({
      kind: 'register',
      body: registration(0, CANARY_EMAIL, CANARY_PASSWORD),
      seal: true,
    });
    const row = (await outboxRow(core, id))!;
    const envelope = sealedEnvelopeSchema.parse(JSON.parse(row.payload!));

    const before = databaseBytes(dataDir);
    expect(holds(before, envelope.ct)).toBe(true); // the scan does see the row
    expect(holds(before, CANARY_EMAIL)).toBe(false);
    expect(holds(before, CANARY_PASSWORD)).toBe(false);

    await portal.start();
    await until(async () => (await outboxRow(core, id)) === null, 'the delivery');
    expect(await portal.accountsWithEmail(CANARY_EMAIL)).toBe(1);
    // secure_delete zeroes the deleted row's bytes, and the WAL checkpoint that follows the drain
    // empties the log that still held them (the test fails without either).
    const after = await until(
      () => {
        const bytes = databaseBytes(dataDir);
        return !holds(bytes, envelope.ct.slice(0, 64)) && bytes;
      },
      'the ciphertext gone from every file',
      20_000,
    );
    expect(holds(after, CANARY_EMAIL)).toBe(false);
    expect(holds(after, CANARY_PASSWORD)).toBe(false);
    expect(holds(after, row.idempotencyKey)).toBe(false);
  });

  it('refuses to queue a body holding personal data unsealed; the byte scan would have seen it', async () => {
    const { core, dataDir } = await plainCore(await portal.enrolmentCode());
    await core.sync.stop();
    const body = registration(0, CANARY_EMAIL, CANARY_PASSWORD);
    await expect(core.outbox.enqueue({ kind: 'register', body, seal: false })).rejects.toMatchObject({
      code: 'must_seal',
    });
    expect(holds(databaseBytes(dataDir), CANARY_PASSWORD)).toBe(false);
    // The scan itself works: a plaintext row written by hand is found.
    const at = new Date().toISOString();
    await core.database.db.insert(outbox).values({
      kind: 'register',
      idempotencyKey: 'ob_plaintext-control',
      payload: JSON.stringify(body),
      sealed: false,
      nextAttemptAt: at,
      createdAt: at,
      updatedAt: at,
    });
    expect(holds(databaseBytes(dataDir), CANARY_PASSWORD)).toBe(true);
  });
});
