import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach } from 'vitest';
import { configSchema } from '../../../src/main/core/config';
import { outbox } from '../../../src/main/core/db/schema';
import { startKioskCore, type KioskCore, type KioskCoreOptions } from '../../../src/main/core/kiosk-core';
import { createLogger } from '../../../src/main/core/logger';
import { findResourcesDir } from '../../../src/main/host/paths';
import { startPortal, type RunningPortal } from '../../../src/portal';
import { accounts } from '../../../src/portal/db/schema';
import type { ReceivedMail } from '../../../src/portal/mail/demo-receiver';
import type { SignatoryRow } from '../../../src/portal/signatories/store';
import { identityOf, STRONG_PASSWORD, TEST_SIGNATORIES, TestClock } from '../portal/harness';

/**
 * A real portal that a test can stop and start again on the same port and database, as when the
 * agency's link goes down; the mail it sent before a stop is kept.
 */
export class PortalProcess {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'outbox-portal-'));
  /** Frozen at the test's start (real time), so kiosk events and heartbeats fall in the portal's windows. */
  readonly clock = new TestClock(Date.now());
  running: RunningPortal | null = null;
  #port = 0;
  #earlierMail: ReceivedMail[] = [];

  constructor(
    private readonly signatories: readonly SignatoryRow[] = TEST_SIGNATORIES,
    private readonly config: Record<string, unknown> = {},
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  get portal(): RunningPortal {
    if (!this.running) throw new Error('the portal is stopped');
    return this.running;
  }

  async start(): Promise<void> {
    const first = this.#port === 0;
    this.running = await startPortal({
      config: { dataDir: this.dataDir, port: this.#port, logLevel: 'silent', ...this.config },
      now: this.clock.now,
    });
    this.#port = this.running.port;
    if (first) await this.running.importSignatories(this.signatories);
  }

  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    await running.settle();
    this.#earlierMail.push(...(running.mailbox?.messages() ?? []));
    this.running = null;
    await running.close();
  }

  /** Every mail to `address`, this run and earlier ones, once the portal's queued sends are done. */
  async mailsTo(address: string): Promise<ReceivedMail[]> {
    await this.running?.settle();
    const now = this.running?.mailbox?.messages() ?? [];
    return [...this.#earlierMail, ...now].filter((m) => m.to.includes(address));
  }

  async enrolmentCode(): Promise<string> {
    return (await this.portal.createKiosk('CLERMONT', 'Borne outbox')).enrolmentCode;
  }

  async accountsWithEmail(email: string): Promise<number> {
    const [row] = await this.portal.db.select({ n: count() }).from(accounts).where(eq(accounts.email, email));
    return row?.n ?? 0;
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export const KEY = 'outbox-test-key-0123456789abcdef';

/** A kiosk core on a real libSQL file (kept across restarts in `dataDir`), pointed at `portalUrl`. */
export async function startCore(options: {
  portalUrl: string;
  enrolmentCode: string | null;
  dataDir: string;
  /** '' opens the file unencrypted, so a test can read its bytes. */
  databaseKey?: string;
  sync?: NonNullable<KioskCoreOptions['testing']>['sync'];
  config?: Record<string, unknown>;
}): Promise<KioskCore> {
  const config = configSchema.parse({
    dataDir: options.dataDir,
    portalUrl: options.portalUrl,
    enrolmentCode: options.enrolmentCode,
    logLevel: 'silent',
    ...options.config,
  });
  return startKioskCore({
    config,
    databaseKey: options.databaseKey ?? KEY,
    resourcesDir: findResourcesDir(import.meta.dirname),
    version: '0.0.0-outbox-test',
    logger: createLogger('silent'),
    testing: { ...(options.sync ? { sync: options.sync } : {}) },
  });
}

export const tempDir = () => mkdtempSync(join(tmpdir(), 'outbox-kiosk-'));

/** Signatory `i`'s registration as step 2 sends it. */
export const registration = (i: number, email: string, password = STRONG_PASSWORD) => ({
  identity: identityOf(i),
  email,
  password,
  acceptedTermsVersion: '2025-01',
  language: 'fr' as const,
});

export async function outboxRows(core: KioskCore) {
  return core.database.db.select().from(outbox);
}

export async function outboxRow(core: KioskCore, id: number) {
  return (await core.database.db.select().from(outbox).where(eq(outbox.id, id)).get()) ?? null;
}

/** Polls `check` until it holds (no fixed sleeps: a busy machine only makes it slower). */
export async function until<T>(
  check: () => Promise<T> | T,
  what: string,
  timeoutMs = 60_000,
): Promise<Exclude<T, false | null | undefined | 0 | ''>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as Exclude<T, false | null | undefined | 0 | ''>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The kiosk's enrolment is done and its sealing key cached. */
export async function ready(core: KioskCore): Promise<void> {
  await until(async () => (await core.enrolment?.credential()) != null, 'enrolment');
  await until(async () => (await core.sync.keys.current()) != null, 'sealing key');
}

/**
 * A loopback HTTP proxy in front of the portal that counts the requests to `path` in flight at
 * once, holding each for `holdMs` so overlapping sends are visible.
 */
export async function countingProxy(target: () => string, path: string, holdMs = 100) {
  const counts = { inFlight: 0, max: 0, total: 0 };
  const server = createServer((req, res) => {
    const counted = req.url === path;
    if (counted) {
      counts.inFlight += 1;
      counts.total += 1;
      counts.max = Math.max(counts.max, counts.inFlight);
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const forward = () => {
        const upstream = request(
          new URL(req.url!, target()),
          { method: req.method, headers: req.headers },
          (answer) => {
            res.writeHead(answer.statusCode!, answer.headers);
            answer.pipe(res);
            answer.on('end', () => counted && (counts.inFlight -= 1));
          },
        );
        upstream.on('error', () => {
          if (counted) counts.inFlight -= 1;
          res.destroy();
        });
        upstream.end(Buffer.concat(chunks));
      };
      if (counted) setTimeout(forward, holdMs);
      else forward();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Per test: a fresh portal (stoppable) and a kiosk data folder; `core` starts kiosk cores on that
 * folder, each closed after the test (or earlier with `closeCore`).
 */
export function outboxFixture(portalConfig: Record<string, unknown> = {}) {
  const cores: KioskCore[] = [];
  const fixture = {
    portal: null as unknown as PortalProcess,
    dataDir: '',
    async core(
      enrolmentCode: string | null,
      options: Pick<Parameters<typeof startCore>[0], 'sync' | 'config'> = {},
    ): Promise<KioskCore> {
      const started = await startCore({
        portalUrl: fixture.portal.url,
        enrolmentCode,
        dataDir: fixture.dataDir,
        ...options,
      });
      cores.push(started);
      return started;
    },
    /** A core started elsewhere (another data folder), closed after the test like the others. */
    track(core: KioskCore): KioskCore {
      cores.push(core);
      return core;
    },
    async closeCore(core: KioskCore): Promise<void> {
      cores.splice(cores.indexOf(core), 1);
      await core.close();
    },
  };
  beforeEach(async () => {
    fixture.portal = new PortalProcess(undefined, portalConfig);
    await fixture.portal.start();
    fixture.dataDir = tempDir();
  });
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
    await fixture.portal.close();
    rmSync(fixture.dataDir, { recursive: true, force: true });
  });
  return fixture;
}
