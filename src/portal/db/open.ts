import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { databaseKeyOf, databaseUrlOf, type PortalConfig } from '../config';
import { findPortalResourcesDir } from '../paths';
import * as schema from './schema';

export type PortalDb = LibSQLDatabase<typeof schema> & { $client: Client };
export type PortalTx = Parameters<Parameters<PortalDb['transaction']>[0]>[0];

export interface OpenedPortalDb {
  db: PortalDb;
  client: Client;
  close(): void;
}

/** Path of a `file:` URL, or null for a remote libSQL URL. */
function localPath(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  return url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length);
}

/**
 * Opens the portal database — a local file or any libSQL URL, the same code either way — and applies
 * the committed drizzle-kit migrations.
 */
export async function openPortalDatabase(options: {
  url: string;
  authToken?: string | null;
  encryptionKey?: string | null;
  resourcesDir: string;
}): Promise<OpenedPortalDb> {
  const path = localPath(options.url);
  if (path) mkdirSync(dirname(path), { recursive: true });
  const client = createClient({
    url: options.url,
    ...(options.authToken ? { authToken: options.authToken } : {}),
    ...(options.encryptionKey ? { encryptionKey: options.encryptionKey } : {}),
    // Concurrent write transactions on a local file wait for each other rather than fail at once.
    timeout: 10_000,
  });
  try {
    if (path) {
      // WAL lets readers (logins, feeds) proceed while one writer commits.
      await client.execute('PRAGMA journal_mode = WAL');
    }
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder: join(options.resourcesDir, 'migrations', 'portal') });
    return { db, client, close: () => client.close() };
  } catch (error) {
    client.close();
    throw error;
  }
}

/**
 * The database a portal's configuration names: its URL, token and key (given, or read from
 * `databaseKeyFile`), for the service and every command alike.
 */
export function openConfiguredDatabase(
  config: PortalConfig,
  resourcesDir: string = findPortalResourcesDir(),
): Promise<OpenedPortalDb> {
  return openPortalDatabase({
    url: databaseUrlOf(config),
    authToken: config.databaseAuthToken,
    encryptionKey: databaseKeyOf(config),
    resourcesDir,
  });
}
