import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { staffAudit } from '../../../src/main/core/db/schema';
import { hashStaffPin } from '../../../src/main/core/staff/pin-hash';
import { readSyncTimes } from '../../../src/main/core/staff/status';
import { loadPortalKeys } from '../../../src/portal/security/keys';
import { outboxFixture, outboxRow, outboxRows, ready, registration, startCore, tempDir, until } from './harness';

const ADMIN = 'admin-token-for-outbox-tests-0123456789';

describe('heartbeats, caches, staff events and key rotation', () => {
  const f = outboxFixture({ adminToken: ADMIN });
  const fleet = async () => {
    const r = await fetch(`${f.portal.url}/v1/admin/kiosks`, { headers: { authorization: `Bearer ${ADMIN}` } });
    return ((await r.json()) as { value: { kiosks: Record<string, unknown>[] } }).value.kiosks;
  };

  it('a heartbeat carries the outbox figures and counts as a sync; key and kiosk settings stay cached offline', async () => {
    const code = await f.portal.enrolmentCode();
    const kiosk = await f.core(code);
    await ready(kiosk);
    await kiosk.sync.outbox.stop();
    await kiosk.outbox.enqueue({ kind: 'reset_request', body: { email: 'hb@exemple.invalid' }, seal: true });
    expect(await kiosk.sync.heartbeat.beat()).toBe(true);
    const times = await readSyncTimes(kiosk.database.db);
    expect(times.lastHeartbeatAt).not.toBeNull();
    expect(times.lastSyncAt).toBe(times.lastHeartbeatAt);
    const [listed] = await fleet();
    expect(listed).toMatchObject({
      version: '0.0.0-outbox-test',
      inService: true,
      outboxDepth: 1,
      outbox: { byKind: { reset_request: { pending: 1, inFlight: 0, refused: 0 } }, refusedCodes: {} },
    });
    expect(await kiosk.sync.heartbeat.portalConfig()).toMatchObject({ termsVersion: '2025-01' });
    const key = await kiosk.sync.keys.current();
    await f.closeCore(kiosk);

    // Restarted with the portal down: the key and the portal's settings come from the database.
    await f.portal.stop();
    const offline = await f.core(code);
    expect(await offline.sync.keys.current()).toEqual(key);
    expect(await offline.sync.heartbeat.portalConfig()).toMatchObject({ termsVersion: '2025-01' });
    const id = await offline.outbox.enqueue({
      kind: 'register',
      body: registration(0, 'hors.ligne@exemple.invalid'),
      seal: true,
    });
    expect(await outboxRow(offline, id)).toMatchObject({ state: 'pending' });
    expect(await offline.sync.heartbeat.beat()).toBe(false);
  });

  it('queues each staff action as an event, committed with the local audit row, and delivers it', async () => {
    const pinHash = await hashStaffPin('97531', { logN: 14, r: 8, p: 1 });
    const kiosk = await f.core(await f.portal.enrolmentCode(), { config: { staff: { pinHash } } });
    await ready(kiosk);
    expect((await kiosk.dispatch('staffUnlock', { pin: '13579' }, { channel: 'web' })).ok).toBe(false);
    expect((await kiosk.dispatch('staffUnlock', { pin: '97531' }, { channel: 'web' })).ok).toBe(true);
    expect(await kiosk.database.db.select().from(staffAudit)).toHaveLength(2);
    await until(async () => (await outboxRows(kiosk)).length === 0, 'the events delivered');
    await until(async () => {
      const [listed] = await fleet();
      const events = listed!.recentEvents as Record<string, number>;
      return events['staff.unlock.wrong_pin'] === 1 && events['staff.unlock.ok'] === 1;
    }, 'the events in the fleet listing');
  });

  it('after a key rotation: rows sealed within the grace are delivered; past it they are refused for staff, and new rows use the new key', async () => {
    // Two kiosks each seal a row to the first key while their drainer is off.
    const secondDir = tempDir();
    const queueOne = async (dir: string, i: number, email: string) => {
      const code = await f.portal.enrolmentCode();
      const kiosk = await startCore({ portalUrl: f.portal.url, enrolmentCode: code, dataDir: dir });
      await ready(kiosk);
      await kiosk.sync.stop();
      const id = await kiosk.outbox.enqueue({ kind: 'register', body: registration(i, email), seal: true });
      const keyId = (await kiosk.sync.keys.current())!.keyId;
      await kiosk.close();
      return { code, id, keyId };
    };
    const within = await queueOne(f.dataDir, 0, 'grace@exemple.invalid');
    const past = await queueOne(secondDir, 1, 'passee@exemple.invalid');
    try {
      const keys = await loadPortalKeys(f.portal.portal.db, f.portal.clock.now, { graceSeconds: 30 * 86_400 });
      await keys.rotate();
      // The first kiosk comes back while the old key is in its grace: its row is delivered.
      const first = await f.core(within.code);
      await until(async () => (await outboxRow(first, within.id)) === null, 'the row sealed within the grace');
      expect(await f.portal.accountsWithEmail('grace@exemple.invalid')).toBe(1);

      // The second comes back after the grace and a second rotation: the old private key is gone.
      f.portal.clock.advance(31 * 86_400);
      await keys.rotate();
      const current = await keys.current();
      expect(current.keyId).not.toBe(past.keyId);
      const second = await startCore({ portalUrl: f.portal.url, enrolmentCode: past.code, dataDir: secondDir });
      f.track(second);
      await until(async () => (await outboxRow(second, past.id))?.state === 'refused', 'the refusal');
      expect(await outboxRow(second, past.id)).toMatchObject({ lastErrorCode: 'sealing_key_retired', payload: null });
      expect((await second.outbox.figures()).refusedCodes).toEqual({ sealing_key_retired: 1 });
      expect(await f.portal.accountsWithEmail('passee@exemple.invalid')).toBe(0);
      await until(async () => (await second.sync.keys.current())?.keyId === current.keyId, 'the new key fetched');
      // The tenant (or staff) registers again: sealed to the new key, delivered.
      const fresh = await second.outbox.enqueue({
        kind: 'register',
        body: registration(1, 'passee@exemple.invalid'),
        seal: true,
      });
      expect(await second.outbox.wait(fresh, 60_000)).toMatchObject({ state: 'delivered' });
    } finally {
      rmSync(secondDir, { recursive: true, force: true });
    }
  });
});
