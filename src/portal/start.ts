import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { destination, pino, type Logger } from 'pino';
import { parsePortalConfig, type PortalConfig } from './config';
import { PendingWork, type PortalContext, type PortalFaults } from './context';
import { openConfiguredDatabase, type PortalDb } from './db/open';
import { buildPortalApp } from './http/app';
import { closeConnectionsWhenDraining, registerReadiness, serveUpdates } from './http/operations';
import { createKiosk } from './kiosks/service';
import { startDemoReceiver, type DemoReceiver } from './mail/demo-receiver';
import { MAILBOX_PATH } from './mail/dev-mailbox';
import { createSmtpMailer, type Mailer } from './mail/mailer';
import { MailWorker } from './mail/queue';
import { resolveActivationRequest } from './activation/service';
import { resolveResetRequest } from './reset/service';
import { findPortalResourcesDir } from './paths';
import { loadPortalKeys } from './security/keys';
import { createPasswordHasher } from './security/passwords';
import { loadHashSecret } from './security/hash-secret';
import { Throttle } from './security/throttle';
import { housekeep, startHousekeeping } from './housekeeping';
import { upsertSignatories, type SignatoryRow, type UpsertReport } from './signatories/store';

export interface StartPortalOptions {
  /** Raw configuration (file/env already merged, or just what a test wants); validated here. */
  config: Record<string, unknown> | PortalConfig;
  /** The clock every rule uses; tests move it instead of waiting. */
  now?: () => Date;
  resourcesDir?: string;
  version?: string;
  logger?: Logger;
  /** Test-only fault injection (see PortalFaults). */
  faults?: PortalFaults;
}

export interface RunningPortal {
  url: string;
  port: number;
  config: PortalConfig;
  app: FastifyInstance;
  db: PortalDb;
  /** The demo mail catcher when no SMTP relay is configured. */
  mailbox: DemoReceiver | null;
  mailboxUrl: string | null;
  createKiosk(
    agencyCode: string,
    label: string,
  ): Promise<{ kioskId: string; enrolmentCode: string; expiresAt: string }>;
  importSignatories(rows: readonly SignatoryRow[]): Promise<UpsertReport>;
  /** Waits for work done after an answer: sends every queued email that is due. */
  settle(): Promise<void>;
  /** Purges throttle rows and idempotency records past their window now (also run every minute). */
  housekeep(): Promise<void>;
  /**
   * Work to stop on close (a mail worker's stop(), say): run after the server stopped taking
   * requests and its in-flight ones ended, before mail and the database close.
   */
  onStop(stop: () => Promise<void> | void): void;
  /** Graceful: no new requests (503 while closing), in-flight ones finish, then mail and database close. */
  close(): Promise<void>;
}

export function portalVersion(resourcesDir: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(dirname(resourcesDir), 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * Starts the reference portal in this process: database (migrated), keys, mail (SMTP, or the demo
 * receiver), HTTP on config.host:config.port (0 = a free port).
 */
export async function startPortal(options: StartPortalOptions): Promise<RunningPortal> {
  const config = parsePortalConfig(options.config as Record<string, unknown>);
  const now = options.now ?? (() => new Date());
  const resourcesDir = options.resourcesDir ?? findPortalResourcesDir(import.meta.dirname);
  const logger =
    options.logger ??
    pino(
      {
        level: config.logLevel,
        base: undefined,
        serializers: { err: (e: unknown) => ({ type: e instanceof Error ? e.name : typeof e }) },
      },
      destination(2),
    );
  const opened = await openConfiguredDatabase(config, resourcesDir);
  let receiver: DemoReceiver | null = null;
  let mailer: Mailer | undefined;
  let worker: MailWorker | undefined;
  try {
    const keys = await loadPortalKeys(opened.db, now, { graceSeconds: config.lifetimes.sealingKeyGraceSeconds });
    receiver = config.smtp ? null : await startDemoReceiver();
    const smtp = config.smtp ?? {
      host: receiver!.host,
      port: receiver!.port,
      secure: false,
      user: null,
      password: null,
      plain: true,
    };
    const hashSecret = await loadHashSecret(opened.db);
    let publicUrl = config.publicUrl?.replace(/\/$/, '') ?? '';
    const pending = new PendingWork();
    const base: Omit<PortalContext, 'log'> = {
      config,
      db: opened.db,
      now,
      hasher: createPasswordHasher(config.argon2),
      throttle: new Throttle(opened.db, now, hashSecret),
      keys,
      mail: { kick: () => worker?.kick(), settle: async () => worker?.settle() },
      version: options.version ?? portalVersion(resourcesDir),
      pending,
      publicUrl: () => publicUrl,
      ...(options.faults ? { faults: options.faults } : {}),
    };
    const { app, ctx } = await buildPortalApp(base, logger, receiver);
    registerReadiness(app, { client: opened.client, resourcesDir, mail: receiver ? 'demo' : 'smtp' });
    closeConnectionsWhenDraining(app);
    if (config.updatesDir) await serveUpdates(app, config.updatesDir);
    const stops: (() => Promise<void> | void)[] = [];
    mailer = createSmtpMailer(smtp, config.mailFrom, ctx.log);
    worker = new MailWorker(opened.db, mailer, now, ctx.log, {
      resolve: (tx, request) =>
        request.kind === 'activation'
          ? resolveActivationRequest(ctx, tx, request)
          : resolveResetRequest(ctx, tx, request),
    });
    worker.start();
    const housekeeping = startHousekeeping(ctx);
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host;
    const url = `http://${hostForUrl}:${port}`;
    if (!publicUrl) publicUrl = url;
    return {
      url,
      port,
      config,
      app,
      db: opened.db,
      mailbox: receiver,
      mailboxUrl: receiver ? `${url}${MAILBOX_PATH}` : null,
      createKiosk: (agencyCode, label) =>
        createKiosk(opened.db, { agencyCode, label }, now(), config.lifetimes.enrolmentCodeSeconds),
      importSignatories: (rows) => upsertSignatories(opened.db, rows, now()),
      async settle() {
        await pending.settle();
        await worker!.settle();
      },
      housekeep: () => housekeep(ctx),
      onStop: (stop) => void stops.push(stop),
      async close() {
        await app.close();
        housekeeping.stop();
        for (const stop of stops) await stop();
        await pending.settle();
        await worker!.stop();
        mailer?.close();
        await receiver?.close();
        opened.close();
      },
    };
  } catch (error) {
    await worker?.stop();
    mailer?.close();
    await receiver?.close();
    opened.close();
    throw error;
  }
}
