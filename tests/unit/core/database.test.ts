import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseKeyError, openKioskDatabase } from '../../../src/main/core/db/open';
import { kioskMeta, visits } from '../../../src/main/core/db/schema';
import { findResourcesDir } from '../../../src/main/host/paths';
import { startTestCore, tempDir, TEST_DB_KEY } from '../helpers/kiosk';

const resourcesDir = findResourcesDir(import.meta.dirname);
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('kiosk database', () => {
  it('applies the committed migrations and is encrypted at rest', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const file = join(dir.path, 'kiosk.db');
    const opened = await openKioskDatabase({ file, key: TEST_DB_KEY, resourcesDir });
    await opened.db.insert(kioskMeta).values({ key: 'marker', value: 'plaintext-marker-xyz', updatedAt: 'now' });
    opened.close();
    expect(readFileSync(file).includes(Buffer.from('plaintext-marker-xyz'))).toBe(false);
    expect(readFileSync(file).subarray(0, 15).toString()).not.toBe('SQLite format 3');

    const again = await openKioskDatabase({ file, key: TEST_DB_KEY, resourcesDir });
    expect(await again.db.select().from(kioskMeta)).toEqual([
      { key: 'marker', value: 'plaintext-marker-xyz', updatedAt: 'now' },
    ]);
    again.close();
  });

  it('refuses a wrong key with a typed error', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const file = join(dir.path, 'kiosk.db');
    (await openKioskDatabase({ file, key: TEST_DB_KEY, resourcesDir })).close();
    await expect(openKioskDatabase({ file, key: 'another-key-0123456789abcdef', resourcesDir })).rejects.toBeInstanceOf(
      DatabaseKeyError,
    );
  });
});

describe('kiosk core over a real file', () => {
  it('answers getInfo from configuration and records visits without personal data', async () => {
    const kiosk = await startTestCore({ kioskId: 'agence-test-1', language: 'pt' });
    cleanups.push(kiosk.stop);
    const ctx = { channel: 'ipc' as const };
    const info = await kiosk.core.dispatch('getInfo', {}, ctx);
    expect(info).toMatchObject({
      ok: true,
      value: { kioskId: 'agence-test-1', defaultLanguage: 'pt', version: '9.9.9-test' },
    });
    expect(await kiosk.core.dispatch('getStatus', {}, ctx)).toEqual({
      ok: true,
      value: { portal: 'not_configured', checkedAt: null },
    });
    await kiosk.core.dispatch('startVisit', {}, ctx);
    await kiosk.core.dispatch('endVisit', { reason: 'idle' }, ctx);
    const rows = await kiosk.core.database.db.select().from(visits);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ endReason: 'idle' });
    expect(rows[0]!.endedAt).not.toBeNull();
  });

  it('marks a configured but unreachable portal offline', async () => {
    const kiosk = await startTestCore({ portalUrl: 'http://127.0.0.1:9' });
    cleanups.push(kiosk.stop);
    const status = await kiosk.core.portal.check();
    expect(status.portal).toBe('offline');
    expect(status.checkedAt).not.toBeNull();
  });
});
