import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Client } from '@libsql/client';

/**
 * A consistent copy of a running portal's database in one new file: SQLite's `VACUUM INTO` reads
 * one snapshot (WAL readers go on; writers wait only for the copy's read lock), so the portal
 * stays up. The copy has the source's encryption (the same key opens it).
 */
export async function backupDatabase(client: Client, target: string): Promise<string> {
  const file = resolve(target);
  if (existsSync(file)) throw Object.assign(new Error(`backup target exists: ${file}`), { code: 'EEXIST' });
  mkdirSync(dirname(file), { recursive: true });
  await client.execute({ sql: 'VACUUM INTO ?', args: [file] });
  return file;
}
