import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const KEY_FILE = 'db-key.bin';

/** The key cannot be had: said in one line to whoever starts the kiosk. */
export class DatabaseKeyUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseKeyUnavailableError';
  }
}

/** The part of Electron's safeStorage this needs, described here so the logic needs no Electron. */
export interface KeyVault {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string }>;
  getSelectedStorageBackend(): string;
}

export interface DatabaseKeyOptions {
  safeStorage: KeyVault;
  dataDir: string;
  /** config.databaseKey (KIOSK_DB_KEY): used only where the OS cannot protect a stored key. */
  configuredKey: string | null;
  platform?: NodeJS.Platform;
}

export type DatabaseKey = { key: string; source: 'safe-storage' | 'config' };

/**
 * The database key: 32 random bytes made on first start and kept in dataDir encrypted by the OS
 * (Keychain, DPAPI, libsecret/KWallet through safeStorage), so the database file alone is useless.
 * On Linux without a keyring safeStorage only obfuscates ("basic_text"), which counts as unavailable.
 */
export async function electronDatabaseKey(options: DatabaseKeyOptions): Promise<DatabaseKey> {
  const { safeStorage } = options;
  const platform = options.platform ?? process.platform;
  const protectedByOs =
    (await safeStorage.isAsyncEncryptionAvailable()) &&
    !(platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text');
  if (!protectedByOs) {
    if (options.configuredKey) return { key: options.configuredKey, source: 'config' };
    throw new DatabaseKeyUnavailableError(
      'the operating system offers no protected storage for the database key (safeStorage unavailable) and no KIOSK_DB_KEY is configured: set KIOSK_DB_KEY (or "databaseKey" in the configuration file)',
    );
  }
  const file = join(options.dataDir, KEY_FILE);
  let stored: Buffer | null = null;
  try {
    stored = readFileSync(file);
  } catch {
    // first start: made below
  }
  if (stored) {
    try {
      const { result } = await safeStorage.decryptStringAsync(stored);
      if (result.length >= 16) return { key: result, source: 'safe-storage' };
    } catch {
      // said below: a new key would make the existing database unreadable, so never replace it
    }
    throw new DatabaseKeyUnavailableError(
      `the stored database key (${file}) cannot be decrypted by this user's OS key store: restore the key store, or move the data folder aside to start afresh`,
    );
  }
  const key = randomBytes(32).toString('base64url');
  mkdirSync(options.dataDir, { recursive: true });
  writeFileSync(file, await safeStorage.encryptStringAsync(key), { mode: 0o600, flag: 'wx' });
  return { key, source: 'safe-storage' };
}
