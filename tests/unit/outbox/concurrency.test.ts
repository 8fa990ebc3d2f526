import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../../src/main/core/kiosk-core';
import { countingProxy, outboxRows, PortalProcess, ready, startCore, tempDir, until } from './harness';

describe('outbox drainer concurrency', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('never has more deliveries in flight than its bound, and still drains every row', async () => {
    const portal = new PortalProcess();
    await portal.start();
    cleanups.push(() => portal.close());
    const dataDir = tempDir();
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const code = await portal.enrolmentCode();

    // Queue 16 rows with no drainer running (as rows left by an earlier run)…
    const first: KioskCore = await startCore({ portalUrl: portal.url, enrolmentCode: code, dataDir });
    await ready(first);
    await first.sync.stop();
    for (let i = 0; i < 16; i++) {
      await first.outbox.enqueue({ kind: 'reset_request', body: { email: `file${i}@exemple.invalid` }, seal: true });
    }
    await first.close();

    // …then a kiosk bound to 2 deliveries at once drains them through a proxy that counts.
    const proxy = await countingProxy(() => portal.url, '/v1/password-reset');
    cleanups.push(() => proxy.close());
    const second = await startCore({
      portalUrl: proxy.url,
      enrolmentCode: code,
      dataDir,
      sync: { engine: { concurrency: 2 } },
    });
    cleanups.push(() => second.close());
    await until(async () => (await outboxRows(second)).length === 0, 'every row delivered');
    expect(proxy.counts.total).toBeGreaterThanOrEqual(16);
    expect(proxy.counts.max).toBe(2);
  });
});
