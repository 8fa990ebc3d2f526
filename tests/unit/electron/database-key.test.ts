import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DatabaseKeyError, openKioskDatabase } from '../../../src/main/core/db/open';
import { findResourcesDir } from '../../../src/main/host/paths';
import { DatabaseKeyUnavailableError, electronDatabaseKey, KEY_FILE } from '../../../src/main/electron/database-key';
import { tempDir } from '../helpers/kiosk';
import { safeStorage } from './fake-electron';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('db-key-');
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
  vi.clearAllMocks();
});
afterEach(() => dir.remove());

const getKey = (configuredKey: string | null = null, platform: NodeJS.Platform = 'linux') =>
  electronDatabaseKey({ safeStorage: safeStorage as never, dataDir: dir.path, configuredKey, platform });

describe('database key from safeStorage', () => {
  it('makes a random key once, keeps it encrypted by the OS, and gives it back on the next start', async () => {
    const first = await getKey();
    expect(first.source).toBe('safe-storage');
    expect(first.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const file = join(dir.path, KEY_FILE);
    expect(readFileSync(file).includes(Buffer.from(first.key))).toBe(false);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledTimes(1);
    expect(await getKey()).toEqual(first);
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledTimes(1);
    expect((await getKey('configured-key-0123456789')).key).toBe(first.key);
  });

  it('opens the same encrypted database across starts', async () => {
    const resourcesDir = findResourcesDir(import.meta.dirname);
    const file = join(dir.path, 'kiosk.db');
    const first = await openKioskDatabase({ file, key: (await getKey()).key, resourcesDir });
    first.close();
    const again = await openKioskDatabase({ file, key: (await getKey()).key, resourcesDir });
    again.close();
    await expect(openKioskDatabase({ file, key: 'another-key-0123456789abcdef', resourcesDir })).rejects.toBeInstanceOf(
      DatabaseKeyError,
    );
  });

  it('two kiosks never share a key', async () => {
    const a = (await getKey()).key;
    dir.remove();
    dir = tempDir('db-key-');
    expect((await getKey()).key).not.toBe(a);
  });

  it('falls back to the configured key when safeStorage is unavailable or only obfuscates (Linux basic_text)', async () => {
    safeStorage.available = false;
    expect(await getKey('configured-key-0123456789')).toEqual({ key: 'configured-key-0123456789', source: 'config' });
    safeStorage.available = true;
    safeStorage.backend = 'basic_text';
    expect(await getKey('configured-key-0123456789')).toEqual({ key: 'configured-key-0123456789', source: 'config' });
    expect(safeStorage.encryptStringAsync).not.toHaveBeenCalled();
  });

  it('basic_text only matters on Linux', async () => {
    safeStorage.backend = 'basic_text';
    expect((await getKey(null, 'win32')).source).toBe('safe-storage');
  });

  it('refuses to start, saying what to set, when there is neither', async () => {
    safeStorage.available = false;
    const refusal = getKey(null);
    await expect(refusal).rejects.toBeInstanceOf(DatabaseKeyUnavailableError);
    await expect(refusal).rejects.toThrow(/safeStorage unavailable.*KIOSK_DB_KEY/);
  });

  it('never replaces a stored key it cannot decrypt (that would orphan the database)', async () => {
    const file = join(dir.path, KEY_FILE);
    writeFileSync(file, Buffer.from('sealed by another user'));
    await expect(getKey('configured-key-0123456789')).rejects.toThrow(/cannot be decrypted/);
    expect(readFileSync(file, 'utf8')).toBe('sealed by another user');
  });
});
