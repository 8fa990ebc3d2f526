import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPortalDatabase, type OpenedPortalDb } from '../../src/portal/db/open';
import { createKiosk } from '../../src/portal/kiosks/service';
import { startDemoReceiver, type DemoReceiver } from '../../src/portal/mail/demo-receiver';
import { findPortalResourcesDir } from '../../src/portal/paths';
import { upsertSignatories } from '../../src/portal/signatories/store';
import { TEST_SIGNATORIES, type Answer } from '../unit/portal/harness';

const ROOT = join(import.meta.dirname, '..', '..');
const KEY = 'clef-des-deux-portails-0123456789';

export interface TwoPortals {
  urls: [string, string];
  /** The test's own connection to the shared database (seeding, counting rows). */
  db: OpenedPortalDb;
  mail: DemoReceiver;
  credential: string;
  call(which: 0 | 1, path: string, body: unknown, headers?: Record<string, string>): Promise<Answer>;
  /** Waits until `address` has received `count` emails (sent by either process's worker). */
  mailsTo(address: string, count?: number): Promise<DemoReceiver extends { messages(): infer M } ? M : never>;
  close(): Promise<void>;
}

/** One portal process (`npm run portal`'s entry, run from source): its own event loop and connection. */
export function spawnPortal(
  dataDir: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/portal/cli.ts', '--port', '0', '--data-dir', dataDir],
    { cwd: ROOT, env: { ...process.env, PORTAL_CONFIG: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let errors = '';
  child.stderr!.on('data', (d: Buffer) => (errors += d.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Portal URL: (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`portal process exited (${code}): ${errors.slice(0, 500)}`)));
  });
}

/** One portal process on the shared database file, sending through the test's SMTP receiver. */
const startChild = (dataDir: string, mail: DemoReceiver) =>
  spawnPortal(dataDir, {
    PORTAL_DATABASE_KEY: KEY,
    PORTAL_SMTP_HOST: mail.host,
    PORTAL_SMTP_PORT: String(mail.port),
    PORTAL_SMTP_REQUIRE_TLS: 'false',
    PORTAL_LOG_LEVEL: 'warn',
  });

/** Two portal processes on one encrypted libSQL file, a real SMTP receiver, one enrolled kiosk. */
export async function startTwoPortals(): Promise<TwoPortals> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-two-'));
  const mail = await startDemoReceiver();
  const first = await startChild(dataDir, mail); // migrates the database first
  const second = await startChild(dataDir, mail);
  const db = await openPortalDatabase({
    url: `file:${join(dataDir, 'portal.db')}`,
    encryptionKey: KEY,
    resourcesDir: findPortalResourcesDir(join(ROOT, 'src', 'portal')),
  });
  await upsertSignatories(db.db, TEST_SIGNATORIES, new Date());
  const urls: [string, string] = [first.url, second.url];
  const call: TwoPortals['call'] = async (which, path, body, headers = {}) => {
    const r = await fetch(urls[which] + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: await r.json(), headers: r.headers };
  };
  const { enrolmentCode } = await createKiosk(db.db, { agencyCode: 'CLERMONT', label: 'Borne' }, new Date(), 3600);
  const credential = (await call(1, '/v1/kiosks/enrol', { enrolmentCode })).body.value.credential as string;
  return {
    urls,
    db,
    mail,
    credential,
    call: (which, path, body, headers = {}) =>
      call(which, path, body, { authorization: `Bearer ${credential}`, ...headers }),
    async mailsTo(address, count = 1) {
      // The workers poll the shared queue: wait for the condition, not for a time.
      for (;;) {
        const mails = mail.messages().filter((m) => m.to.includes(address));
        if (mails.length >= count) return mails;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      for (const { child } of [first, second]) {
        child.removeAllListeners('exit');
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      db.close();
      await mail.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
