// `npm run bench:sync`: the kiosk's outbox against the real portal. Enqueue latency of a sealed
// registration (seal + commit), drain rate of queued registrations against the portal's hash-bound
// registration rate measured in the same run, time from the portal's return to the first and last
// delivery, and the database's size with the rows pending. Prints figures; asserts nothing.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import { configSchema } from '../src/main/core/config';
import { startKioskCore } from '../src/main/core/kiosk-core';
import { createLogger } from '../src/main/core/logger';
import { seal } from '../src/main/core/outbox/seal';
import { findResourcesDir } from '../src/main/host/paths';
import { parsePortalConfig, startPortal, type RunningPortal } from '../src/portal';
import { demoSignatories } from '../src/portal/signatories/demo-data';
import { percentile, root } from './lib';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const ROWS = arg('rows', 1_000);
const ENQUEUE_SAMPLES = Math.min(ROWS, arg('enqueue', 200));
const SECONDS = arg('seconds', 4);
const CONCURRENCY = arg('concurrency', 4);
const PASSWORD = 'Tournesol-Vert-42';
const fmt = (n: number) => n.toFixed(1);

const portalDir = mkdtempSync(join(tmpdir(), 'sync-bench-portal-'));
const kioskDir = mkdtempSync(join(tmpdir(), 'sync-bench-kiosk-'));
const portalConfig = { dataDir: portalDir, port: 0, logLevel: 'silent' };
const { argon2 } = parsePortalConfig(portalConfig);

/** The portal's own password hash, as many at once as the machine runs: the ceiling of registrations/s. */
async function hashBound(seconds: number): Promise<number> {
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  let n = 0;
  const options = { algorithm: 2, ...argon2 } as const;
  await Promise.all(
    Array.from({ length: Math.max(availableParallelism(), 4) }, async () => {
      while (performance.now() < end) {
        await hash(PASSWORD, options);
        n++;
      }
    }),
  );
  return n / ((performance.now() - start) / 1000);
}

/** The portal in its own process (as a remote portal would be), on `port`, until stopped. */
async function portalProcess(port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'src/portal/cli.ts'), '--port', String(port), '--data-dir', portalDir],
    { env: { ...process.env, PORTAL_LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^Portal URL: (\S+)$/m.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`portal exited (${code})`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Registrations posted straight to the portal by `clients` at once (plain JSON, with an Idempotency-Key, no outbox). */
async function directRate(url: string, credential: string, bodies: unknown[], clients: number): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const r = await fetch(`${url}/v1/registrations`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${credential}`,
            'idempotency-key': `direct-${next}-${randomUUID()}`,
          },
          body: JSON.stringify(body),
        });
        if (r.status !== 201) throw new Error(`direct registration ${r.status}`);
      }
    }),
  );
  return bodies.length / ((performance.now() - start) / 1000);
}

const until = async (check: () => Promise<boolean> | boolean) => {
  while (!(await check())) await new Promise((r) => setTimeout(r, 10));
};
const sizeOf = (f: string) => (existsSync(join(kioskDir, f)) ? statSync(join(kioskDir, f)).size : 0);
const dbBytes = () => ({ file: sizeOf('kiosk.db'), wal: sizeOf('kiosk.db-wal') });

console.log(
  `Sync bench — ${availableParallelism()} cores, ${ROWS} registrations, drainer concurrency ${CONCURRENCY}, argon2id m=${argon2.memoryCost} KiB t=${argon2.timeCost}`,
);

// Set-up in this process: signatories, the kiosk's enrolment code.
const setup: RunningPortal = await startPortal({ config: portalConfig });
const port = setup.port;
const signatories = demoSignatories(ROWS * 8 + 500);
await setup.importSignatories(signatories);
const current = signatories.filter((s) => s.leaseStatus === 'current' && s.agencyCode === 'CLERMONT');
const DIRECT = Math.min(Math.floor((current.length - ROWS) / 2), 100);
if (DIRECT < 20) throw new Error(`only ${current.length} current CLERMONT signatories`);
const { enrolmentCode } = await setup.createKiosk('CLERMONT', 'bench');
await setup.close();
const registrationOf = (i: number) => {
  const s = current[i]!;
  return {
    identity: {
      accountNumber: s.accountNumber,
      lastName: s.lastName,
      firstName: s.firstName,
      dateOfBirth: s.dateOfBirth,
    },
    email: `file.${i}@exemple.invalid`,
    password: PASSWORD,
    acceptedTermsVersion: '2025-01',
    language: 'fr' as const,
  };
};

let portal = await portalProcess(port);
const core = await startKioskCore({
  config: configSchema.parse({ dataDir: kioskDir, portalUrl: portal.url, enrolmentCode, logLevel: 'silent' }),
  databaseKey: 'sync-bench-key-0123456789abcdef',
  resourcesDir: findResourcesDir(import.meta.dirname),
  version: '0.0.0-bench',
  logger: createLogger('silent'),
  testing: { sync: { engine: { concurrency: CONCURRENCY } } },
});
try {
  await until(async () => (await core.enrolment!.credential()) !== null && (await core.sync.keys.current()) !== null);
  const credential = (await core.enrolment!.credential())!;
  // The portal's own rate, before and after the drain (a shared machine's load moves): the same
  // number of clients as the drainer, straight to the portal.
  const directBefore = await directRate(
    portal.url,
    credential,
    Array.from({ length: DIRECT }, (_, k) => registrationOf(ROWS + k)),
    CONCURRENCY,
  );

  // The portal goes away: every registration is queued offline.
  await portal.stop();
  // What sealing alone costs (X25519 key agreement + HKDF + AES-GCM), apart from the commit.
  const recipient = (await core.sync.keys.current())!;
  const sealing: number[] = [];
  for (let i = 0; i < ENQUEUE_SAMPLES; i++) {
    const t = performance.now();
    seal(recipient, registrationOf(i));
    sealing.push(performance.now() - t);
  }
  const latencies: number[] = [];
  const ids = new Set<number>();
  for (let i = 0; i < ROWS; i++) {
    const t = performance.now();
    ids.add(await core.outbox.enqueue({ kind: 'register', body: registrationOf(i), seal: true }));
    if (i < ENQUEUE_SAMPLES) latencies.push(performance.now() - t);
  }
  console.log(
    `enqueue (validate + seal + commit, encrypted WAL file): p50 ${fmt(percentile(latencies, 50))} ms, p95 ${fmt(percentile(latencies, 95))} ms (n=${latencies.length})  [target p95 ≤ 20 ms]; sealing alone p50 ${fmt(percentile(sealing, 50))} ms, p95 ${fmt(percentile(sealing, 95))} ms`,
  );
  const size = dbBytes();
  console.log(
    `database with ${ROWS} pending: ${fmt(size.file / 1024)} KiB file (${fmt(size.file / ROWS)} bytes a row) + ${fmt(size.wal / 1024)} KiB WAL`,
  );

  const boundBefore = await hashBound(SECONDS);
  // The portal comes back on the same address: time to the first and the last delivery.
  let first = 0;
  let last = 0;
  let delivered = 0;
  let refused = 0;
  core.outbox.onSettled((id, outcome) => {
    if (!ids.has(id)) return;
    if (outcome.state === 'delivered') delivered++;
    else refused++;
    const t = performance.now();
    if (first === 0) first = t;
    last = t;
  });
  portal = await portalProcess(port);
  const back = performance.now();
  await until(() => delivered + refused >= ROWS);
  const drainSeconds = (last - back) / 1000;
  const rate = ROWS / drainSeconds;
  const directAfter = await directRate(
    portal.url,
    credential,
    Array.from({ length: DIRECT }, (_, k) => registrationOf(ROWS + DIRECT + k)),
    CONCURRENCY,
  );
  const direct = (directBefore + directAfter) / 2;
  await portal.stop();
  const bound = (boundBefore + (await hashBound(SECONDS))) / 2;
  console.log(
    `portal back → first delivery ${fmt(first - back)} ms  [target ≤ 2000 ms]; → last ${fmt(drainSeconds)} s (${delivered} delivered, ${refused} refused)`,
  );
  console.log(
    `hash-bound registration limit: ${fmt(bound)}/s (argon2id on all cores, mean of before and after the drain: ${fmt(boundBefore)}, ${fmt(2 * bound - boundBefore)})`,
  );
  console.log(
    `drain: ${fmt(rate)} registrations/s = ${fmt((100 * rate) / bound)} % of the hash-bound limit  [target ≥ 80 %]; the portal's own rate for ${CONCURRENCY} direct clients: ${fmt(direct)}/s (before ${fmt(directBefore)}, after ${fmt(directAfter)}; n=${DIRECT} each) → drain = ${fmt((100 * rate) / direct)} % of it`,
  );
  const after = dbBytes();
  console.log(`database after the drain: ${fmt(after.file / 1024)} KiB file + ${fmt(after.wal / 1024)} KiB WAL`);
} finally {
  await core.close();
  rmSync(kioskDir, { recursive: true, force: true });
  rmSync(portalDir, { recursive: true, force: true });
}
