import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seal } from '../../../src/main/core/outbox/seal';
import { startPortal, type RunningPortal } from '../../../src/portal';
import { sealingKeys } from '../../../src/portal/db/schema';
import { loadPortalKeys } from '../../../src/portal/security/keys';
import { SEALED_CONTENT_TYPE } from '../../../src/shared/portal-api';
import { identityOf, startHarness, STRONG_PASSWORD, type Harness } from './harness';

const root = join(import.meta.dirname, '../../..');
const run = promisify(execFile);

let h: Harness;
let credential: string;
beforeAll(async () => {
  h = await startHarness();
  ({ credential } = await h.enrolKiosk('CLERMONT'));
});
afterAll(() => h?.close());

const currentKey = async () => (await h.call('GET', '/v1/keys', { credential })).body.value.sealing;
const registration = (i: number, email: string) => ({
  identity: identityOf(i),
  email,
  password: STRONG_PASSWORD,
  acceptedTermsVersion: '2025-01',
});
const sendSealed = (sealed: object, idempotencyKey: string) =>
  h.call('POST', '/v1/registrations', {
    credential,
    raw: JSON.stringify(sealed),
    contentType: SEALED_CONTENT_TYPE,
    idempotencyKey,
  });

/** `npm run portal:admin -- keys:rotate` on the harness's database, as an operator would run it. */
async function rotateWithCli(): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'src/portal/admin-cli.ts', 'keys:rotate', '--data-dir', h.portal.config.dataDir],
    { cwd: root, env: { ...process.env, PORTAL_CONFIG: '' } },
  );
  return stdout;
}

/** The same rotation, in process on the portal's test clock, so the grace period can be walked through. */
async function rotateOnTestClock() {
  const keys = await loadPortalKeys(h.portal.db, h.clock.now, { graceSeconds: 30 * 86_400 });
  return keys.rotate();
}

describe('sealing key rotation (issue 9, item 2)', () => {
  it('the admin CLI rotates: /v1/keys serves the new key at once, a body sealed to the old one still opens', async () => {
    const old = await currentKey();
    const body = registration(1, 'rotation-grace@exemple.invalid');
    const sealedToOld = seal(old, body);
    const out = await rotateWithCli();
    const fresh = await currentKey();
    expect(fresh.keyId).not.toBe(old.keyId);
    expect(out).toContain(`Current sealing key: ${fresh.keyId}`);
    expect(out).toContain(`Retired: ${old.keyId}`);
    // A row the kiosk sealed before the rotation is still delivered.
    const r = await sendSealed(sealedToOld, 'idem-rotation-grace-1');
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  });

  it('a retired key opens bodies for 30 days by default, then no more', async () => {
    const old = await currentKey();
    const early = seal(old, registration(7, 'rotation-29-days@exemple.invalid'));
    const late = seal(old, registration(2, 'rotation-31-days@exemple.invalid'));
    await rotateOnTestClock();
    h.clock.advance(29 * 86_400);
    expect((await sendSealed(early, 'idem-rotation-29-days')).status).toBe(201);
    h.clock.advance(86_400 + 1);
    expect((await sendSealed(late, 'idem-rotation-31-days')).body.error.code).toBe('sealing_key_retired');
  });

  it('past the grace period: sealing_key_retired, never stored, so the re-sealed retry with the same key succeeds', async () => {
    const old = await currentKey();
    const body = registration(2, 'rotation-late@exemple.invalid');
    const sealedToOld = seal(old, body);
    await rotateOnTestClock();
    h.clock.advance(30 * 86_400 + 1);
    const refused = await sendSealed(sealedToOld, 'idem-rotation-late-1');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('sealing_key_retired');
    // Same refusal on a second try: it was not stored as the key's answer…
    expect((await sendSealed(sealedToOld, 'idem-rotation-late-1')).body.error.code).toBe('sealing_key_retired');
    // …and the kiosk's retry, sealed again to the current key, is a first request, not idempotency_key_reused.
    const resealed = await sendSealed(seal(await currentKey(), body), 'idem-rotation-late-1');
    expect(resealed.status, JSON.stringify(resealed.body)).toBe(201);
    expect(resealed.headers.get('idempotent-replayed')).toBeNull();
  });

  it('an unknown key id is sealing_key_retired; a tampered body under a live key stays sealed_payload_invalid', async () => {
    const key = await currentKey();
    const body = registration(5, 'rotation-unknown@exemple.invalid');
    const unknown = await sendSealed({ ...seal(key, body), keyId: 'not-a-key-id' }, 'idem-rotation-unknown');
    expect(unknown.status).toBe(409);
    expect(unknown.body.error.code).toBe('sealing_key_retired');
    const tampered = await sendSealed({ ...seal(key, body), tag: 'A'.repeat(22) }, 'idem-rotation-tampered');
    expect(tampered.status).toBe(400);
    expect(tampered.body.error.code).toBe('sealed_payload_invalid');
  });

  it('a later rotation erases private keys past their grace', async () => {
    const before = await currentKey();
    const first = await rotateOnTestClock();
    expect(first.retired).toEqual([before.keyId]);
    h.clock.advance(31 * 86_400);
    const second = await rotateOnTestClock();
    expect(second.retired).toEqual([first.keyId]);
    expect(second.erased).toBeGreaterThanOrEqual(1);
    const rows = await h.portal.db.select().from(sealingKeys).where(eq(sealingKeys.keyId, before.keyId)).all();
    expect(rows[0]!.privateJwk).toBeNull();
  });
});

describe('two portal processes on one database', () => {
  let second: RunningPortal;
  beforeAll(async () => {
    second = await startPortal({ config: { dataDir: h.portal.config.dataDir, port: 0, logLevel: 'silent' } });
  });
  afterAll(() => second?.close());

  it('agree on the current key, and one opens what was sealed to the key the other served', async () => {
    const fromSecond = await fetch(`${second.url}/v1/keys`, { headers: { authorization: `Bearer ${credential}` } });
    const key = ((await fromSecond.json()) as { value: { sealing: { keyId: string } } }).value.sealing;
    expect(key).toEqual(await currentKey());
    const r = await sendSealed(
      seal(key as Parameters<typeof seal>[0], registration(6, 'two-portals@exemple.invalid')),
      'idem-two-portals-1',
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  });
});
