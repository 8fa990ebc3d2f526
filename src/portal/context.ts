import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { PortalConfig } from './config';
import type { PortalDb } from './db/open';
import type { MailWorker } from './mail/queue';
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
  /** Sends what services queue with enqueueMail (mail/queue.ts); kick() after a commit sends at once. */
  mail: Pick<MailWorker, 'kick' | 'settle'>;
  log: FastifyBaseLogger;
  version: string;
  /** Work finished after the answer (background emails); awaited on close and by tests. */
  pending: PendingWork;
  /** Base of links in emails (config.publicUrl, else the listening address once known). */
  publicUrl(): string;
  /** Test-only fault injection (startPortal's `faults`); absent in production. */
  faults?: PortalFaults;
}

export interface PortalFaults {
  /** Runs after a route's effect committed, before its answer is sent (a crash or reset there). */
  afterEffect?(route: string, request: FastifyRequest): Promise<void>;
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
