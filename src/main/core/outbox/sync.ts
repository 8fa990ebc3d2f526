import type { OpenedDb } from '../db/open';
import type { Logger } from '../logger';
import type { PortalClient } from '../portal-client/client';
import type { PortalMonitor } from '../portal-status';
import type { KioskSettings } from '../staff/settings';
import { OutboxEngine, type OutboxEngineOptions } from './engine';
import { Heartbeat } from './heartbeat';
import { PortalCache } from './portal-cache';
import { SealingKeys } from './sealing-key';

export interface KioskSyncOptions {
  database: OpenedDb;
  portal: PortalClient;
  monitor: PortalMonitor;
  settings: KioskSettings;
  version: string;
  logger: Logger;
  now?: () => Date;
  /** Tuning for tests and the bench. */
  engine?: Pick<OutboxEngineOptions, 'concurrency' | 'backoff' | 'pollMs' | 'random'>;
  heartbeatMs?: number;
}

/** The kiosk's sync with the portal: the outbox, its sealing key, the heartbeats. */
export class KioskSync {
  readonly cache: PortalCache;
  readonly keys: SealingKeys;
  readonly outbox: OutboxEngine;
  readonly heartbeat: Heartbeat;
  #unsubscribe: (() => void) | null = null;

  constructor(private readonly options: KioskSyncOptions) {
    const { database, portal, logger, now } = options;
    this.cache = new PortalCache(database.db, now);
    this.keys = new SealingKeys(this.cache, portal, logger);
    this.outbox = new OutboxEngine({
      database,
      portal,
      monitor: options.monitor,
      keys: this.keys,
      logger,
      ...(now ? { now } : {}),
      ...options.engine,
    });
    this.heartbeat = new Heartbeat({
      db: database.db,
      portal,
      outbox: this.outbox,
      settings: options.settings,
      keys: this.keys,
      cache: this.cache,
      version: options.version,
      logger,
      ...(now ? { now } : {}),
      ...(options.heartbeatMs ? { intervalMs: options.heartbeatMs } : {}),
    });
  }

  /** Drains what earlier runs left, beats now and every minute, and again whenever the portal comes back. */
  async start(): Promise<void> {
    await this.outbox.start();
    this.heartbeat.start();
    this.#unsubscribe = this.options.monitor.onChange((status) => {
      if (status.portal === 'online') void this.heartbeat.beat();
    });
  }

  /** Stops sending; every row stays in the database for the next start. */
  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.heartbeat.stop();
    await this.outbox.stop();
  }
}
