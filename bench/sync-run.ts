// `npm run bench:sync`: the kiosk's outbox against the real portal. Enqueue latency of a sealed
// registration (seal + commit), drain rate of queued registrations against the portal's hash-bound
// registration rate measured in the same run, time from the portal's return to the first and last
// delivery, and the database's size with the rows pending. Prints figures; asserts nothing.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import { configSchema } from '../src/main/core/config';
import { startKioskCore } from '../src/main/core/kiosk-core';
import { createLogger } from '../src/main/core/logger';
import { findResourcesDir } from '../src/main/core/paths';
import { parsePortalConfig, startPortal, type RunningPortal } from '../src/portal';
import { demoSignatories } from '../src/portal/signatories/demo-data';
import { percentile } from './lib';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const ROWS = arg('rows', 1_000);
const ENQUEUE_SAMPLES = Math.min(ROWS, arg('enqueue', 200));
const SECONDS = arg('seconds', 4);
const CONCURRENCY = arg('concurrency', 2);
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

const until = async (check: () => Promise<boolean> | boolean) => {
  while (!(await check())) await new Promise((r) => setTimeout(r, 10));
};
const dbBytes = () =>
  readdirSync(kioskDir)
    .filter((f) => f.startsWith('kiosk.db'))
    .reduce((n, f) => n + statSync(join(kioskDir, f)).size, 0);

console.log(
  `Sync bench — ${availableParallelism()} cores, ${ROWS} registrations, drainer concurrency ${CONCURRENCY}, argon2id m=${argon2.memoryCost} KiB t=${argon2.timeCost}`,
);
const bound = await hashBound(SECONDS);
console.log(`hash-bound registration limit: ${fmt(bound)}/s (argon2id hashes on all cores)`);

let portal: RunningPortal = await startPortal({ config: portalConfig });
const port = portal.port;
const signatories = demoSignatories(ROWS * 6 + 500);
await portal.importSignatories(signatories);
const current = signatories.filter((s) => s.leaseStatus === 'current' && s.agencyCode === 'CLERMONT');
if (current.length < ROWS) throw new Error(`only ${current.length} current CLERMONT signatories`);
const { enrolmentCode } = await portal.createKiosk('CLERMONT', 'bench');

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

  // The portal goes away: every registration is queued offline.
  await portal.close();
  const latencies: number[] = [];
  const ids = new Set<number>();
  for (let i = 0; i < ROWS; i++) {
    const s = current[i]!;
    const body = {
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
    const t = performance.now();
    ids.add(await core.outbox.enqueue({ kind: 'register', body, seal: true }));
    if (i < ENQUEUE_SAMPLES) latencies.push(performance.now() - t);
  }
  console.log(
    `enqueue (validate + seal + commit, encrypted file): p50 ${fmt(percentile(latencies, 50))} ms, p95 ${fmt(percentile(latencies, 95))} ms (n=${latencies.length})  [target p95 ≤ 20 ms]`,
  );
  console.log(`database with ${ROWS} pending: ${fmt(dbBytes() / 1024)} KiB (${fmt(dbBytes() / ROWS)} bytes a row)`);

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
  portal = await startPortal({ config: { ...portalConfig, port } });
  const back = performance.now();
  await until(() => delivered + refused >= ROWS);
  const drainSeconds = (last - back) / 1000;
  const rate = ROWS / drainSeconds;
  console.log(
    `portal back → first delivery ${fmt(first - back)} ms  [target ≤ 2000 ms]; → last ${fmt(drainSeconds)} s (${delivered} delivered, ${refused} refused)`,
  );
  console.log(
    `drain: ${fmt(rate)} registrations/s = ${fmt((100 * rate) / bound)} % of the hash-bound limit  [target ≥ 80 %]`,
  );
  console.log(`database after the drain: ${fmt(dbBytes() / 1024)} KiB`);
} finally {
  await core.close();
  await portal.close();
  rmSync(kioskDir, { recursive: true, force: true });
  rmSync(portalDir, { recursive: true, force: true });
}
