import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePortalConfig } from '../../../src/portal';
import { openConfiguredDatabase } from '../../../src/portal/db/open';

const root = join(import.meta.dirname, '../../..');
const run = promisify(execFile);
const cli = (file: string, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', `src/portal/${file}`, ...args], { cwd: root });

const work = mkdtempSync(join(tmpdir(), 'portal-cli-key-'));
const keyFile = join(work, 'database.key');
const configFile = join(work, 'portal.json');
const settings = { dataDir: join(work, 'data'), databaseKeyFile: keyFile };

// Every portal command opens the database the configuration names, key file included: the backup
// and the demo-data import once read only `databaseEncryptionKey`, so with the key in a file they
// could not open the encrypted database (each wrote its own opening; now one, openConfiguredDatabase).
beforeAll(async () => {
  writeFileSync(keyFile, 'a-database-key-from-a-file-0123\n', { mode: 0o600 });
  writeFileSync(configFile, JSON.stringify(settings));
  (await openConfiguredDatabase(parsePortalConfig(settings))).close();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('portal commands with the database key in a file', () => {
  it('the database is encrypted: without the key it does not open', async () => {
    const client = createClient({ url: `file:${join(settings.dataDir, 'portal.db')}` });
    try {
      await expect(client.execute('SELECT count(*) FROM sqlite_master')).rejects.toThrow();
    } finally {
      client.close();
    }
  });

  it('portal:backup copies it', async () => {
    const { stdout } = await cli('backup-cli.ts', '--to', join(work, 'copy.db'), '--config', configFile);
    expect(stdout).toMatch(/^Backup written: .*copy\.db/);
  });

  it('portal:demo-data --import loads into it', async () => {
    const out = join(work, 'demo.csv');
    const { stdout } = await cli(
      'demo-data-cli.ts',
      '--tenants',
      '3',
      '--out',
      out,
      '--import',
      '--config',
      configFile,
    );
    expect(stdout).toMatch(/Imported them in \d+ ms/);
  });
});
