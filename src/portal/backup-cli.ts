// `npm run portal:backup -- --to FILE`: a consistent copy of the portal's database while it runs.
import { parseArgs } from 'node:util';
import { createClient } from '@libsql/client';
import { CONFIG_OPTIONS, configFromArgs, runCli } from './cli/common';
import { databaseKeyOf, databaseUrlOf } from './config';
import { backupDatabase } from './db/backup';

const USAGE = 'Usage: portal-backup --to FILE [--config FILE] [--data-dir DIR]';

await runCli(USAGE, async () => {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { ...CONFIG_OPTIONS, to: { type: 'string' } },
    strict: true,
  });
  if (!values.to) throw Object.assign(new Error('--to FILE is required'), { code: 'ERR_PARSE_ARGS_BACKUP' });
  const config = configFromArgs(values);
  const url = databaseUrlOf(config);
  if (!url.startsWith('file:'))
    throw new Error('a libSQL server keeps its own backups (docs/portal-operations.md); this copies a file database');
  const encryptionKey = databaseKeyOf(config);
  const client = createClient({ url, ...(encryptionKey ? { encryptionKey } : {}) });
  try {
    process.stdout.write(`Backup written: ${await backupDatabase(client, values.to)}\n`);
  } finally {
    client.close();
  }
});
