import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCAL_KEY_FILE = 'portal-db-key.local';

/**
 * The embedded demo portal's database key, kept beside its data with owner-only rights (the demo
 * has no secret store; a real portal takes `databaseEncryptionKey` / `databaseKeyFile`). A database
 * left by a run from before the key existed is unencrypted demo data: it is removed, to be rebuilt.
 */
export function localDatabaseKey(dataDir: string, databaseFile = 'portal.db'): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, LOCAL_KEY_FILE);
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 16) return existing;
  } catch {
    // first start: create it below
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, databaseFile + suffix), { force: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}
