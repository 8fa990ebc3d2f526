import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/main/core/config';
import { hashStaffPin } from '../../../src/main/core/staff/pin-hash';
import { inWindow, UpdateScheduler, type UpdateSource } from '../../../src/main/core/updates/scheduler';
import { VisitTracker } from '../../../src/main/core/visits';
import { memoryLogger, startTestCore } from '../helpers/kiosk';

/** An updater that records what it was asked; `latest` is what the update server offers. */
class FakeSource implements UpdateSource {
  calls: string[] = [];
  latest: string | null = '1.1.0';
  failNext = false;
  async check() {
    this.calls.push('check');
    if (this.failNext) {
      this.failNext = false;
      throw new Error('ENOTFOUND updates.example.invalid /private/path');
    }
    return this.latest ? { version: this.latest } : null;
  }
  async download() {
    this.calls.push('download');
  }
  install() {
    this.calls.push('install');
  }
}

let kiosk: Awaited<ReturnType<typeof startTestCore>>;
beforeAll(async () => {
  kiosk = await startTestCore({ staff: { pinHash: await hashStaffPin('97531', { logN: 14, r: 8, p: 1 }) } });
});
afterAll(() => kiosk?.stop());

/** A scheduler over the kiosk's real visits table, with a clock the test sets (local hours). */
function scheduler(config: Record<string, unknown> = {}) {
  const source = new FakeSource();
  const visits = new VisitTracker(kiosk.core.database.db);
  let now = new Date(2025, 5, 16, 14, 0);
  const { logger, lines } = memoryLogger();
  const s = new UpdateScheduler({
    source,
    config: configSchema.parse({ dataDir: '/tmp/x', updates: config }).updates,
    version: '1.0.0',
    visitInProgress: () => visits.inProgress(),
    logger,
    now: () => now,
  });
  const at = (hour: number, minute = 0, day = 16) => (now = new Date(2025, 5, day, hour, minute));
  return { s, source, visits, at, lines };
}

describe('update scheduling', () => {
  it('never checks while a visit is in progress; checks as soon as it ends', async () => {
    const { s, source, visits } = scheduler();
    await visits.start();
    await s.tick();
    expect(source.calls).toEqual([]);
    expect(s.status()).toMatchObject({ state: 'idle', checkedAt: null });
    await visits.end('finished');
    await s.tick();
    expect(source.calls).toEqual(['check', 'download']);
    expect(s.status()).toMatchObject({ version: '1.0.0', state: 'ready', pendingVersion: '1.1.0' });
  });

  it('installs a downloaded update only in the night window and only between visits', async () => {
    const { s, source, visits, at } = scheduler({ installWindow: { fromHour: 2, toHour: 5 } });
    await s.tick();
    expect(s.status().state).toBe('ready');
    at(23, 30);
    await s.tick();
    at(3, 0, 17);
    await visits.start();
    await s.tick();
    expect(source.calls).not.toContain('install');
    await visits.end('idle');
    await s.tick();
    expect(source.calls.filter((c) => c === 'install')).toHaveLength(1);
  });

  it('looks again only every checkEveryMinutes, and never twice at once', async () => {
    const { s, source, at } = scheduler({ checkEveryMinutes: 60 });
    source.latest = null;
    await Promise.all([s.tick(), s.tick(), s.tick()]);
    expect(source.calls).toEqual(['check']);
    at(14, 59);
    await s.tick();
    expect(source.calls).toEqual(['check']);
    at(15, 0);
    await s.tick();
    expect(source.calls).toEqual(['check', 'check']);
    expect(s.status()).toMatchObject({ state: 'idle', pendingVersion: null });
  });

  it('a failed check is logged without its detail and retried when due', async () => {
    const { s, source, at, lines } = scheduler({ checkEveryMinutes: 15 });
    source.failNext = true;
    await s.tick();
    expect(s.status().state).toBe('failed');
    expect(lines.join('\n')).not.toMatch(/ENOTFOUND|private/);
    at(14, 15);
    await s.tick();
    expect(s.status()).toMatchObject({ state: 'ready', pendingVersion: '1.1.0' });
  });

  it('reads install windows that wrap past midnight', () => {
    expect([21, 22, 0, 4, 5].map((h) => inWindow(h, { fromHour: 22, toHour: 5 }))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
    expect([1, 2, 4, 5].map((h) => inWindow(h, { fromHour: 2, toHour: 5 }))).toEqual([false, true, true, false]);
  });
});

describe('getUpdateStatus', () => {
  it('is for staff only, and tells the version and that updates are not set up here', async () => {
    const call = (name: string, input: unknown = {}) => kiosk.core.dispatch(name, input, { channel: 'ipc' });
    expect(await call('getUpdateStatus')).toEqual({ ok: false, error: { code: 'staff_locked' } });
    expect(await call('staffUnlock', { pin: '97531' })).toMatchObject({ ok: true });
    expect(await call('getUpdateStatus')).toEqual({
      ok: true,
      value: { version: '9.9.9-test', state: 'not_configured', pendingVersion: null, checkedAt: null },
    });
  });
});
