import { afterEach, describe, expect, it, vi } from 'vitest';
import { PortalMonitor } from '../../../src/main/core/portal-status';
import { startTestCore } from '../helpers/kiosk';

// A real core on a real libSQL file; its portal (a closed loopback port) never answers. The spy
// only records when the portal checks begin: nothing is replaced.
const PORTAL = { portalUrl: 'http://127.0.0.1:9' };

describe("the core's background work (portal check, enrolment, outbox, heartbeats)", () => {
  afterEach(() => vi.restoreAllMocks());

  it('starts with the core when the host gives no signal', async () => {
    const checks = vi.spyOn(PortalMonitor.prototype, 'start');
    const kiosk = await startTestCore(PORTAL);
    expect(checks).toHaveBeenCalledTimes(1);
    await kiosk.stop();
  });

  it("waits for the host's signal, answering calls meanwhile, then starts", async () => {
    const checks = vi.spyOn(PortalMonitor.prototype, 'start');
    let firstPaint!: () => void;
    const kiosk = await startTestCore(PORTAL, { backgroundAfter: new Promise<void>((r) => (firstPaint = r)) });
    const info = await kiosk.core.dispatch('getInfo', {}, { channel: 'web' });
    expect(info.ok).toBe(true);
    expect(checks).not.toHaveBeenCalled();
    firstPaint();
    await vi.waitFor(() => expect(checks).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(kiosk.core.portal.status.checkedAt).not.toBeNull());
    await kiosk.stop();
  });

  it('never starts when the core is closed before the signal', async () => {
    const checks = vi.spyOn(PortalMonitor.prototype, 'start');
    let firstPaint!: () => void;
    const kiosk = await startTestCore(PORTAL, { backgroundAfter: new Promise<void>((r) => (firstPaint = r)) });
    const stopped = kiosk.stop();
    firstPaint();
    await stopped;
    expect(checks).not.toHaveBeenCalled();
  });
});
