// The kiosk core as a child process of the fault suite: started on a data dir, it enqueues what the
// parent sends through its outbox (acknowledging each row once committed) and reports its figures,
// until the parent SIGKILLs it. Wiring only. Run: node --import tsx tests/faults/kiosk-child.ts
import { join } from 'node:path';
import { destination } from 'pino';
import { configSchema } from '../../src/main/core/config';
import { startKioskCore } from '../../src/main/core/kiosk-core';
import { createLogger } from '../../src/main/core/logger';
import { findResourcesDir } from '../../src/main/host/paths';
import type { OutboxKind } from '../../src/shared/portal-api/outbox';
import type { ChildMessage, ParentMessage } from './messages';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const send = (message: ChildMessage) => process.send?.(message);
const dataDir = env('FAULTS_DATA_DIR');

// Synchronous writes: a SIGKILL must not take lines still in a buffer with it (the canary check reads them).
const logger = createLogger('debug', destination({ dest: join(dataDir, 'kiosk.log'), sync: true }));
const core = await startKioskCore({
  config: configSchema.parse({
    dataDir,
    portalUrl: env('FAULTS_PORTAL_URL'),
    enrolmentCode: process.env.FAULTS_ENROLMENT_CODE || null,
    captcha: false,
    logLevel: 'debug',
  }),
  // Unencrypted, so the parent can look for the payloads' canaries in every byte of the file.
  databaseKey: '',
  resourcesDir: findResourcesDir(import.meta.dirname),
  version: '0.0.0-faults',
  logger,
  testing: {
    sync: {
      engine: { concurrency: 2, backoff: { baseMs: 50, capMs: 1_000 }, pollMs: 200 },
      heartbeatMs: 2_000,
    },
  },
});

async function until(check: () => Promise<unknown>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 50));
}
// Enrolled, with the portal's sealing key cached (both fetched through the faulty proxy).
await until(async () => (await core.enrolment?.credential().catch(() => null)) != null);
await until(async () => (await core.sync.keys.current()) != null);

const report = async () => {
  const figures = await core.outbox.figures().catch(() => null);
  if (figures) send({ type: 'figures', figures });
};
setInterval(() => void report(), 100).unref();

let queue = Promise.resolve();
process.on('message', (message: ParentMessage) => {
  if (message.type === 'enqueue') {
    // One at a time, in order: each acknowledgement means that row is committed.
    queue = queue.then(async () => {
      for (const item of message.items) {
        await core.outbox.enqueue({ kind: item.kind as OutboxKind, body: item.body, seal: item.kind !== 'event' });
        send({ type: 'ack', ref: item.ref });
      }
    });
  } else if (message.type === 'stop') {
    void queue.then(async () => {
      await core.close();
      process.exit(0);
    });
  }
});
send({ type: 'ready' });
