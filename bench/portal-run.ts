// `npm run bench:portal`: login throughput/latency against the hash-bound limit, registration
// throughput, and 100k-signatory import time. Prints figures; asserts nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { hash, verify } from '@node-rs/argon2';
import { startPortal } from '../src/portal';
import { parseSignatoriesCsv } from '../src/portal/signatories/csv-import';
import { demoSignatories, toCsv } from '../src/portal/signatories/demo-data';

const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const PASSWORD = 'Tournesol-Vert-42';
const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const SECONDS = arg('seconds', 4);
const IMPORT_ROWS = arg('import', 100_000);

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const fmt = (n: number) => n.toFixed(1);

/** Runs `task` with `concurrency` workers for `seconds`; returns per-call latencies in ms. */
async function closedLoop(
  concurrency: number,
  seconds: number,
  task: (i: number) => Promise<void>,
): Promise<{ rate: number; p50: number; p95: number; n: number }> {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  let i = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await task(i++);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { rate: latencies.length / elapsed, p50: pct(latencies, 50), p95: pct(latencies, 95), n: latencies.length };
}

/**
 * The login load runs in a worker thread, like a remote kiosk would: the server's event loop then
 * carries only its own work. Plain JS (eval) so the worker needs no TypeScript loader.
 */
const LOGIN_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, credential, emails, password, concurrency, seconds } = workerData;
(async () => {
  const latencies = [];
  let i = 0, failures = 0;
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) {
      const email = emails[i++ % emails.length];
      const t = performance.now();
      const r = await fetch(url + '/v1/sessions', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + credential }, body: JSON.stringify({ email, password }) });
      await r.arrayBuffer();
      if (r.status !== 201) failures++;
      latencies.push(performance.now() - t);
    }
  }));
  parentPort.postMessage({ latencies, failures, elapsed: (performance.now() - start) / 1000 });
})();
`;

function loginLoad(data: {
  url: string;
  credential: string;
  emails: string[];
  concurrency: number;
  seconds: number;
}): Promise<{ rate: number; p50: number; p95: number; n: number; failures: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOGIN_WORKER, { eval: true, workerData: { ...data, password: PASSWORD } });
    worker.once('error', reject);
    worker.once('message', (m: { latencies: number[]; failures: number; elapsed: number }) => {
      const sorted = m.latencies.sort((a, b) => a - b);
      resolve({
        rate: sorted.length / m.elapsed,
        p50: pct(sorted, 50),
        p95: pct(sorted, 95),
        n: sorted.length,
        failures: m.failures,
      });
      void worker.terminate();
    });
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'portal-bench-'));
const cores = availableParallelism();
console.log(
  `Portal bench — ${cores} cores, argon2id m=${ARGON2.memoryCost} KiB t=${ARGON2.timeCost} p=${ARGON2.parallelism}, UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}`,
);

const stored = await hash(PASSWORD, ARGON2);
const bound = await closedLoop(Math.max(cores, 4), SECONDS, async () => {
  await verify(stored, PASSWORD);
});
console.log(`hash-bound limit: ${fmt(bound.rate)} verifications/s on all cores (p50 ${fmt(bound.p50)} ms)`);

const portal = await startPortal({ config: { dataDir, port: 0, logLevel: 'silent' } });
try {
  const rows = demoSignatories(5_000);
  await portal.importSignatories(rows);
  const { enrolmentCode } = await portal.createKiosk('CLERMONT', 'bench');
  const post = async (path: string, body: unknown, credential?: string) => {
    const r = await fetch(portal.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
      body: JSON.stringify(body),
    });
    return {
      status: r.status,
      body: (await r.json()) as { value?: { credential?: string } } & Record<string, unknown>,
    };
  };
  const credential = (await post('/v1/kiosks/enrol', { enrolmentCode })).body.value!.credential!;
  const current = rows.filter((r) => r.leaseStatus === 'current' && r.agencyCode === 'CLERMONT');
  const identity = (i: number) => ({
    accountNumber: current[i]!.accountNumber,
    lastName: current[i]!.lastName,
    firstName: current[i]!.firstName,
    dateOfBirth: current[i]!.dateOfBirth,
  });

  let next = 0;
  const reg = await closedLoop(10, SECONDS, async () => {
    const i = next++;
    const r = await post(
      '/v1/registrations',
      {
        identity: identity(i),
        email: `bench${i}@exemple.invalid`,
        password: PASSWORD,
        acceptedTermsVersion: '2025-01',
      },
      credential,
    );
    if (r.status !== 201) throw new Error(`registration ${r.status} ${JSON.stringify(r.body)}`);
  });
  console.log(
    `registration, 10 clients: ${fmt(reg.rate)}/s, p50 ${fmt(reg.p50)} ms, p95 ${fmt(reg.p95)} ms (n=${reg.n}; argon2 hash + transactions; the email is queued, sent after the answer)`,
  );

  // Activate the registered accounts through the mail catcher's codes.
  await portal.settle();
  const accountsReady: string[] = [];
  for (const m of portal.mailbox!.messages()) {
    const email = m.to[0]!;
    const r = await post('/v1/activation/code', { email, code: m.codes[0] }, credential);
    if (r.status === 200) accountsReady.push(email);
  }
  for (const concurrency of [1, 10]) {
    const login = await loginLoad({
      url: portal.url,
      credential,
      emails: accountsReady,
      concurrency,
      seconds: SECONDS,
    });
    if (login.failures > 0) throw new Error(`${login.failures} logins failed`);
    const share = (100 * login.rate) / bound.rate;
    console.log(
      `login, ${concurrency} client(s): ${fmt(login.rate)}/s = ${fmt(share)} % of the hash-bound limit, p50 ${fmt(login.p50)} ms, p95 ${fmt(login.p95)} ms (n=${login.n})${concurrency === 10 ? `  [target ≥ 80 %, p95 ≤ 250 ms]` : ''}`,
    );
  }
} finally {
  await portal.close();
}

// Import: a fresh database, the whole path from CSV text to committed rows.
const importDir = mkdtempSync(join(tmpdir(), 'portal-bench-import-'));
const importer = await startPortal({ config: { dataDir: importDir, port: 0, logLevel: 'silent' } });
try {
  const csv = toCsv(demoSignatories(IMPORT_ROWS));
  const t0 = performance.now();
  const parsed = parseSignatoriesCsv(csv);
  if (!parsed.ok) throw new Error('demo CSV rejected');
  const t1 = performance.now();
  await importer.importSignatories(parsed.rows);
  const t2 = performance.now();
  await importer.importSignatories(parsed.rows);
  const t3 = performance.now();
  console.log(
    `import ${IMPORT_ROWS} signatories: ${fmt((t2 - t0) / 1000)} s (parse+check ${fmt((t1 - t0) / 1000)} s, write ${fmt((t2 - t1) / 1000)} s); re-import unchanged ${fmt((t3 - t2) / 1000)} s  [target ≤ 10 s]`,
  );
} finally {
  await importer.close();
  rmSync(importDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
}
