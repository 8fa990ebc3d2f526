import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../src/main/core/config';
import { startKioskCore } from '../../../src/main/core/kiosk-core';
import { PortalMonitor } from '../../../src/main/core/portal-status';
import { findResourcesDir } from '../../../src/main/host/paths';
import { memoryLogger, tempDir, TEST_DB_KEY } from '../helpers/kiosk';

// A real core on a real libSQL file; its portal (a closed loopback port) never answers. The spy
// only records when the portal checks begin: nothing is replaced.
async function startCore(backgroundAfter?: Promise<unknown>) {
  const dir = tempDir();
  const config = loadConfig({
    env: {},
    overrides: { dataDir: dir.path, portalUrl: 'http://127.0.0.1:9' },
    defaultDataDir: dir.path,
  });
  const core = await startKioskCore({
    config,
    databaseKey: TEST_DB_KEY,
    resourcesDir: findResourcesDir(import.meta.dirname),
    version: '9.9.9-test',
    logger: memoryLogger().logger,
    ...(backgroundAfter ? { backgroundAfter } : {}),
  });
  return { core, dir };
}

describe("the core's background work (portal check, enrolment, outbox, heartbeats)", () => {
  afterEach(() => vi.restoreAllMocks());

  it('starts with the core when the host gives no signal', async () => {
    const checks = vi.spyOn(PortalMonitor.prototype, 'start');
    const { core, dir } = await startCore();
    expect(checks).toHaveBeenCalledTimes(1);
    await core.close();
    dir.remove();
  });

  it("waits for the host's signal, answering calls meanwhile, then starts", async () => {
    const checks = vi.spyOn(PortalMonitor.prototype, 'start');
    let firstPaint!: () => void;
    const { core, dir } = await startCore(new Promise<void>((resolve) => (firstPaint = resolve)));
    const info = await core.dispatch('getInfo', {}, { channel: 'web' });
    expect(info.ok).toBe(true);
    expect(checks).not.toHaveBeenCalled();
    firstPaint();
    await vi.waitFor(() => expect(checks).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(core.portal.status.checkedAt).not.toBeNull());
    await core.close();
    dir.remove();
  });

  it('never starts when the core is closed before the signal', async () => {
    const checks = vi.spyOn(PortalMonitor.prototype, 'start');
    let firstPaint!: () => void;
    const { core, dir } = await startCore(new Promise<void>((resolve) => (firstPaint = resolve)));
    const closed = core.close();
    firstPaint();
    await closed;
    expect(checks).not.toHaveBeenCalled();
    dir.remove();
  });
});
