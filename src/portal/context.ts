import type { FastifyBaseLogger } from 'fastify';
import type { PortalConfig } from './config';
import type { PortalDb } from './db/open';
import type { Mailer } from './mail/mailer';
import type { PortalKeys } from './security/keys';
import type { PasswordHasher } from './security/passwords';
import type { Throttle } from './security/throttle';

/** What every flow's service needs; built once by startPortal, passed explicitly (no globals). */
export interface PortalContext {
  config: PortalConfig;
  db: PortalDb;
  now: () => Date;
  hasher: PasswordHasher;
  throttle: Throttle;
  keys: PortalKeys;
  mailer: Mailer;
  log: FastifyBaseLogger;
  version: string;
  /** Work finished after the answer (background emails); awaited on close and by tests. */
  pending: PendingWork;
  /** Base of links in emails (config.publicUrl, else the listening address once known). */
  publicUrl(): string;
}

export interface KioskPrincipal {
  id: string;
  agencyCode: string;
}

export const isoAfter = (now: Date, seconds: number): string => new Date(now.getTime() + seconds * 1000).toISOString();

export class PendingWork {
  #set = new Set<Promise<unknown>>();
  track(work: Promise<unknown>): void {
    const p = work.catch(() => undefined).finally(() => this.#set.delete(p));
    this.#set.add(p);
  }
  async settle(): Promise<void> {
    while (this.#set.size > 0) await Promise.all([...this.#set]);
  }
}
