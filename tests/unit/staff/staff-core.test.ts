import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OutboxFigures } from '../../../src/shared/portal-api/outbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { kioskMeta, staffAudit, staffPinGuard, visits } from '../../../src/main/core/db/schema';
import { FIRST_LOCKOUT_SECONDS, MAX_WRONG_PINS } from '../../../src/main/core/staff/pin-guard';
import { hashStaffPin } from '../../../src/main/core/staff/pin-hash';
import { LAST_SYNC_KEY } from '../../../src/main/core/staff/status';
import { startHarness, TestClock } from '../portal/harness';
import { startTestKiosk, type TestKiosk } from '../registration/kiosk-harness';

const PIN = '97531';
let pinHash: string;
beforeAll(async () => {
  // The lowest cost the format allows: the same code path, quicker tests.
  pinHash = await hashStaffPin(PIN, { logN: 14, r: 8, p: 1 });
});

const dirs: string[] = [];
const open: TestKiosk[] = [];
afterEach(async () => {
  for (const k of open.splice(0)) await k.close();
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A kiosk core on a real libSQL file; the same `dataDir` again is the same kiosk after a restart. */
async function kiosk(options: { dataDir?: string; clock?: TestClock; config?: Record<string, unknown> } = {}) {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kiosk-staff-'));
  if (!options.dataDir) dirs.push(dataDir);
  const k = await startTestKiosk({
    portalUrl: null,
    dataDir,
    ...(options.clock ? { clock: options.clock } : {}),
    config: { staff: { pinHash }, ...options.config },
  });
  open.push(k);
  return k;
}

const auditRows = (k: TestKiosk) => k.core.database.db.select().from(staffAudit).orderBy(staffAudit.id);
const auditOf = async (k: TestKiosk) =>
  (await auditRows(k)).map((r) => [r.action, r.outcome, r.detail] as [string, string, string | null]);

describe('staff PIN', () => {
  it('a right PIN opens the staff session; a wrong one does not', async () => {
    const k = await kiosk();
    expect((await k.call('staffEntry')).value).toEqual({ pin: 'configured', lockedForSeconds: 0, demoPin: null });
    expect(await k.call('staffUnlock', { pin: '13579' })).toEqual({ ok: false, error: { code: 'staff_pin_wrong' } });
    expect((await k.call('staffStatus')).error.code).toBe('staff_locked');
    expect(await k.call('staffUnlock', { pin: PIN })).toEqual({ ok: true, value: { unlocked: true } });
    expect((await k.call('staffStatus')).ok).toBe(true);
  });

  it('refuses a PIN that is not 4 to 8 digits before checking it: it never counts as a try', async () => {
    const k = await kiosk();
    for (const pin of ['123', '123456789', '12a45', ' 97531']) {
      expect((await k.call('staffUnlock', { pin })).error.code).toBe('invalid_input');
    }
    expect(await k.core.database.db.select().from(staffPinGuard)).toEqual([]);
  });

  it('locks the entry after 5 wrong PINs, for a while, and the lock-out survives a restart', async () => {
    const clock = new TestClock();
    const first = await kiosk({ clock });
    for (let i = 1; i < MAX_WRONG_PINS; i++) {
      expect((await first.call('staffUnlock', { pin: '0000' })).error.code).toBe('staff_pin_wrong');
    }
    const fifth = await first.call('staffUnlock', { pin: '0000' });
    expect(fifth.error).toEqual({ code: 'staff_pin_lockout', retryAfterSeconds: FIRST_LOCKOUT_SECONDS });
    await first.close();
    open.splice(open.indexOf(first), 1);

    // Switched off and on again: still locked, even for the right PIN.
    const again = await kiosk({ dataDir: first.dataDir, clock });
    clock.advance(60);
    expect((await again.call('staffEntry')).value.lockedForSeconds).toBe(FIRST_LOCKOUT_SECONDS - 60);
    const refused = await again.call('staffUnlock', { pin: PIN });
    expect(refused.error).toEqual({ code: 'staff_pin_lockout', retryAfterSeconds: FIRST_LOCKOUT_SECONDS - 60 });
    expect((await again.call('staffStatus')).error.code).toBe('staff_locked');

    // After the wait the right PIN works, and clears the count.
    clock.advance(FIRST_LOCKOUT_SECONDS);
    expect((await again.call('staffUnlock', { pin: PIN })).ok).toBe(true);
    expect(await again.core.database.db.select().from(staffPinGuard)).toMatchObject([
      { failures: 0, lockouts: 0, lockedUntil: null },
    ]);
  });

  it('each lock-out without a right PIN between lasts twice as long as the one before', async () => {
    const clock = new TestClock();
    const k = await kiosk({ clock });
    for (let i = 0; i < MAX_WRONG_PINS; i++) await k.call('staffUnlock', { pin: '0000' });
    clock.advance(FIRST_LOCKOUT_SECONDS);
    for (let i = 1; i < MAX_WRONG_PINS; i++) await k.call('staffUnlock', { pin: '0000' });
    expect((await k.call('staffUnlock', { pin: '0000' })).error.retryAfterSeconds).toBe(2 * FIRST_LOCKOUT_SECONDS);
  });

  it('says staff mode is off when no PIN hash is configured', async () => {
    const k = await kiosk({ config: { staff: { pinHash: null } } });
    expect((await k.call('staffEntry')).value).toEqual({ pin: 'not_configured', lockedForSeconds: 0, demoPin: null });
    expect((await k.call('staffUnlock', { pin: PIN })).error.code).toBe('staff_not_configured');
  });
});

describe('staff session', () => {
  it('refuses every staff call without a session', async () => {
    const k = await kiosk();
    const calls: [string, unknown][] = [
      ['staffStatus', {}],
      ['staffSetDefaultLanguage', { language: 'en' }],
      ['staffSetOutOfService', { outOfService: true }],
      ['staffLeave', {}],
    ];
    for (const [name, input] of calls)
      expect((await k.call(name, input)).error, name).toEqual({ code: 'staff_locked' });
    // Nothing changed.
    expect((await k.call('getInfo')).value.defaultLanguage).toBe('fr');
    expect((await k.call('getAvailability')).value).toEqual({ outOfService: false });
    expect((await k.call('startVisit')).ok).toBe(true);
  });

  it('ends on « Quitter le mode personnel », on « Terminer », on idle and on the next visit', async () => {
    const k = await kiosk();
    const unlock = async () => expect((await k.call('staffUnlock', { pin: PIN })).ok).toBe(true);
    const isOpen = async () => (await k.call('staffStatus')).ok;

    await unlock();
    expect((await k.call('staffLeave')).value).toEqual({ left: true });
    expect(await isOpen()).toBe(false);

    for (const reason of ['finished', 'idle'] as const) {
      await unlock();
      await k.call('endVisit', { reason });
      expect(await isOpen()).toBe(false);
    }
    await unlock();
    await k.call('startVisit');
    expect(await isOpen()).toBe(false);
    await k.core.close();
    open.splice(open.indexOf(k), 1);
    const reopened = await kiosk({ dataDir: k.dataDir });
    const ends = (await auditOf(reopened)).filter(([action]) => action === 'session_end' || action === 'leave');
    expect(ends).toEqual([
      ['leave', 'ok', null],
      ['session_end', 'ok', 'finished'],
      ['session_end', 'ok', 'idle'],
      ['session_end', 'ok', 'restart'],
    ]);
  });

  it('ends by itself after the idle wait without staff calls', async () => {
    const clock = new TestClock();
    const k = await kiosk({ clock, config: { idle: { warnAfterSeconds: 60, countdownSeconds: 20 } } });
    await k.call('staffUnlock', { pin: PIN });
    clock.advance(70);
    expect((await k.call('staffStatus')).ok).toBe(true);
    clock.advance(70);
    expect((await k.call('staffStatus')).ok).toBe(true);
    clock.advance(81);
    expect((await k.call('staffStatus')).error.code).toBe('staff_locked');
  });
});

describe('staff settings and status', () => {
  it('the default language persists and getInfo gives it; the configuration is the fallback', async () => {
    const k = await kiosk({ config: { language: 'pt' } });
    expect((await k.call('getInfo')).value.defaultLanguage).toBe('pt');
    await k.call('staffUnlock', { pin: PIN });
    expect((await k.call('staffSetDefaultLanguage', { language: 'en' })).value).toEqual({ defaultLanguage: 'en' });
    expect((await k.call('getInfo')).value.defaultLanguage).toBe('en');
    expect((await k.call('staffSetDefaultLanguage', { language: 'xx' })).error.code).toBe('invalid_input');
    await k.close();
    open.splice(open.indexOf(k), 1);

    const again = await kiosk({ dataDir: k.dataDir, config: { language: 'pt' } });
    expect((await again.call('getInfo')).value.defaultLanguage).toBe('en');
  });

  it('out of service persists, stops visits, and keeps the staff entry open', async () => {
    const k = await kiosk();
    await k.call('staffUnlock', { pin: PIN });
    expect((await k.call('staffSetOutOfService', { outOfService: true })).value).toEqual({ outOfService: true });
    await k.call('staffLeave');
    expect((await k.call('getAvailability')).value).toEqual({ outOfService: true });
    expect(await k.call('startVisit')).toEqual({ ok: false, error: { code: 'out_of_service' } });
    await k.close();
    open.splice(open.indexOf(k), 1);

    const again = await kiosk({ dataDir: k.dataDir });
    expect((await again.call('startVisit')).error.code).toBe('out_of_service');
    expect((await again.call('staffEntry')).value.pin).toBe('configured');
    expect((await again.call('staffUnlock', { pin: PIN })).ok).toBe(true);
    expect((await again.call('staffStatus')).value.outOfService).toBe(true);
    await again.call('staffSetOutOfService', { outOfService: false });
    expect((await again.call('startVisit')).ok).toBe(true);
    expect(await again.core.database.db.select().from(visits)).toHaveLength(1);
  });

  it('shows the kiosk’s health: id, version, portal, enrolment, last sync, visits today, service', async () => {
    const k = await kiosk({ config: { kioskId: 'agence-nord-2' } });
    const db = k.core.database.db;
    await k.call('startVisit');
    await k.call('endVisit', { reason: 'finished' });
    await k.call('startVisit');
    // A visit of yesterday is not today's.
    await db.insert(visits).values({ startedAt: new Date(Date.now() - 2 * 86_400_000).toISOString() });
    await db.insert(kioskMeta).values({ key: LAST_SYNC_KEY, value: '2026-01-02T03:04:05.000Z', updatedAt: 'x' });
    await k.call('staffUnlock', { pin: PIN });
    expect((await k.call('staffStatus')).value).toEqual({
      kioskId: 'agence-nord-2',
      version: '0.0.0-test',
      portal: 'not_configured',
      portalCheckedAt: null,
      enrolment: 'no_portal',
      lastHeartbeatAt: null,
      lastSyncAt: '2026-01-02T03:04:05.000Z',
      visitsToday: 2,
      defaultLanguage: 'fr',
      outOfService: false,
      pin: 'configured',
      // The unlock's audit row waits for the portal (there is none here).
      outbox: {
        byKind: { event: { pending: 1, inFlight: 0, refused: 0 } },
        oldestPendingAt: expect.any(String),
        refusedCodes: {},
      },
    });
  });

  it('names the kiosk as the portal knows it once enrolled, not by its configured name', async () => {
    const h = await startHarness();
    try {
      const created = await h.portal.createKiosk('CLERMONT', 'Borne de test');
      const k = await startTestKiosk({
        portalUrl: h.url,
        enrolmentCode: created.enrolmentCode,
        clock: h.clock,
        config: { staff: { pinHash }, kioskId: 'borne-demo' },
      });
      open.push(k);
      await k.core.enrolment!.credential();
      await k.call('staffUnlock', { pin: PIN });
      const status = await k.call('staffStatus');
      expect(status.value.enrolment).toBe('enrolled');
      expect(status.value.kioskId).toBe(created.kioskId);
      expect(status.value.kioskId).not.toBe('borne-demo');
    } finally {
      for (const k of open.splice(0)) await k.close();
      await h.close();
    }
  });

  it('shows what waits in the outbox, and « Synchroniser maintenant » is a staff action, audited', async () => {
    const k = await kiosk();
    const event = { at: new Date().toISOString(), source: 'journey', event: 'login', outcome: 'ok' };
    await k.core.outbox.enqueue({ kind: 'event', body: event, seal: false });
    await k.core.outbox.enqueue({ kind: 'event', body: { ...event, outcome: 'invalid_credentials' }, seal: false });
    expect(await k.call('staffSyncNow')).toEqual({ ok: false, error: { code: 'staff_locked' } });
    await k.call('staffUnlock', { pin: PIN });
    const { outbox } = (await k.call('staffStatus')).value as { outbox: OutboxFigures };
    // The two above, and the staff audit's own rows (each is an event for the portal too).
    const audited = (await auditRows(k)).length;
    expect(outbox.byKind.event).toEqual({ pending: 2 + audited, inFlight: 0, refused: 0 });
    expect(Date.parse(outbox.oldestPendingAt!)).toBeLessThanOrEqual(Date.now());
    const synced = await k.call('staffSyncNow');
    expect(synced).toMatchObject({ ok: true, value: { lastSyncAt: null } });
    // No portal here: nothing can leave, and « Synchroniser maintenant » loses nothing either.
    expect((synced.value as { outbox: OutboxFigures }).outbox.byKind.event?.pending).toBe(2 + audited + 1);
    expect((await auditOf(k)).filter(([action]) => action === 'sync_now')).toEqual([
      ['sync_now', 'refused', 'no_session'],
      ['sync_now', 'ok', null],
    ]);
  });
});

describe('staff audit', () => {
  it('writes one row per staff action, with its outcome and no personal data', async () => {
    const k = await kiosk();
    await k.call('staffSetOutOfService', { outOfService: true });
    await k.call('staffUnlock', { pin: '13579' });
    await k.call('staffUnlock', { pin: PIN });
    await k.call('staffStatus');
    await k.call('staffSetDefaultLanguage', { language: 'ar' });
    await k.call('staffSetOutOfService', { outOfService: true });
    await k.call('staffSetOutOfService', { outOfService: false });
    await k.call('staffLeave');
    expect(await auditOf(k)).toEqual([
      ['set_out_of_service', 'refused', 'no_session'],
      ['unlock', 'wrong_pin', null],
      ['unlock', 'ok', null],
      ['set_default_language', 'ok', 'ar'],
      ['set_out_of_service', 'ok', 'on'],
      ['set_out_of_service', 'ok', 'off'],
      ['leave', 'ok', null],
    ]);
    const rows = await auditRows(k);
    // Only when, what, how it went and a setting's value: never a PIN, wrong or right.
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(['action', 'at', 'detail', 'id', 'outcome']);
    expect(JSON.stringify(rows)).not.toMatch(/97531|13579/);
    expect(rows.every((r) => !Number.isNaN(Date.parse(r.at)))).toBe(true);
  });

  it('records the wrong PIN that locks the entry, and the tries refused during the lock-out', async () => {
    const k = await kiosk();
    for (let i = 0; i <= MAX_WRONG_PINS; i++) await k.call('staffUnlock', { pin: '0000' });
    expect((await auditOf(k)).slice(-2)).toEqual([
      ['unlock', 'wrong_pin', `lockout:${FIRST_LOCKOUT_SECONDS}`],
      ['unlock', 'locked_out', null],
    ]);
  });
});
