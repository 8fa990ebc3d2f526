import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KioskConfig } from '../core/config';

/**
 * The web shell has no safeStorage: its database key comes from configuration (KIOSK_DB_KEY). For
 * the demo and development, without one, a key is kept beside the data with owner-only rights, and
 * the caller says plainly that this is weaker than a configured key.
 */
export function webShellDatabaseKey(config: KioskConfig): { key: string; source: 'config' | 'local-file' } {
  if (config.databaseKey) return { key: config.databaseKey, source: 'config' };
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, 'db-key.local');
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 16) return { key: existing, source: 'local-file' };
  } catch {
    // first start: create it below
  }
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
  return { key, source: 'local-file' };
}
