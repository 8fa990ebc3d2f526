import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
// The local-file driver alone: the kiosk's database is always a file, and the package's main entry
// also loads the remote (HTTP, WebSocket) clients, a third of the core's load time at start.
import { createClient, type Client } from '@libsql/client/sqlite3';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import { drizzle } from 'drizzle-orm/libsql/sqlite3';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { DatabaseKeyError } from './errors';
import * as schema from './schema';

export type KioskDb = LibSQLDatabase<typeof schema>;

export interface OpenedDb {
  db: KioskDb;
  client: Client;
  close(): void;
}

export { DatabaseKeyError };

/**
 * Opens (creating if needed) the kiosk's libSQL file, encrypted at rest with `key`, and brings its
 * schema up to date with the committed drizzle-kit migrations.
 */
export async function openKioskDatabase(options: {
  file: string;
  key: string;
  resourcesDir: string;
}): Promise<OpenedDb> {
  mkdirSync(dirname(options.file), { recursive: true });
  const client = createClient({ url: `file:${options.file}`, encryptionKey: options.key });
  const db = drizzle(client, { schema });
  try {
    await migrate(db, { migrationsFolder: join(options.resourcesDir, 'migrations', 'kiosk') });
  } catch (error) {
    client.close();
    if (isNotADatabase(error)) throw new DatabaseKeyError();
    throw error;
  }
  // WAL: a commit (an outbox row before the tenant is told anything) costs one fsync of the log
  // instead of the rollback journal's several; synchronous stays FULL, so a committed row survives
  // a power cut. The outbox checkpoints the log after erasing a row. Persistent in the file.
  await client.execute('PRAGMA journal_mode = WAL');
  return { db, client, close: () => client.close() };
}

/** A wrong key reads as "not a database"; drizzle wraps the driver's error in `cause`. */
function isNotADatabase(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (e.code === 'SQLITE_NOTADB') return true;
    e = e.cause as typeof e;
  }
  return false;
}
