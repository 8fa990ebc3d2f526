import type { KioskDb } from '../db/open';
import type { Logger } from '../logger';
import { portalRoutes } from '../../../shared/portal-api/routes';
import type { PortalClient, PortalValue } from '../portal-client/client';
import type { KioskSettings } from '../staff/settings';
import { LAST_HEARTBEAT_KEY, LAST_SYNC_KEY, readSyncTimes, writeMeta } from '../staff/status';
import type { PortalCache } from './portal-cache';
import type { SealingKeys } from './sealing-key';

const KIOSK_CONFIG_CACHE = 'kioskConfig';
import type { Outbox } from './types';

export interface HeartbeatOptions {
  db: KioskDb;
  portal: PortalClient;
  outbox: Pick<Outbox, 'figures'>;
  settings: KioskSettings;
  keys: SealingKeys;
  cache: PortalCache;
  version: string;
  logger: Logger;
  now?: () => Date;
  intervalMs?: number;
}

/**
 * The kiosk's status to the portal every minute (version, in service, outbox figures, last sync),
 * sent directly: it is a status, not a write, so it never queues. A heartbeat the portal takes
 * counts as a sync, and each one refreshes what the kiosk caches: the sealing key, the terms
 * version and the portal's settings for kiosks.
 */
export class Heartbeat {
  readonly #now: () => Date;
  #timer: NodeJS.Timeout | undefined;
  #last: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: HeartbeatOptions) {
    this.#now = options.now ?? (() => new Date());
  }

  start(): void {
    if (this.#timer) return;
    void this.beat();
    this.#timer = setInterval(() => void this.beat(), this.options.intervalMs ?? 60_000);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** One heartbeat now, after any still being sent (so its figures are today's); true when the portal took it. */
  beat(): Promise<boolean> {
    const next = this.#last.then(() =>
      this.#beat().catch((error: unknown) => {
        this.options.logger.error({ err: error }, 'heartbeat failed');
        return false;
      }),
    );
    this.#last = next;
    return next;
  }

  async #beat(): Promise<boolean> {
    const { db, portal, outbox, settings, version } = this.options;
    const [figures, current, times] = await Promise.all([outbox.figures(), settings.get(), readSyncTimes(db)]);
    const answer = await portal.call('heartbeat', {
      body: { version, inService: !current.outOfService, outbox: figures, lastSyncAt: times.lastSyncAt },
      retry: false,
      timeoutMs: 10_000,
    });
    if (!answer.ok) {
      this.options.logger.warn({ code: answer.error.code }, 'heartbeat not taken');
      return false;
    }
    const at = this.#now().toISOString();
    await writeMeta(db, { [LAST_HEARTBEAT_KEY]: at, [LAST_SYNC_KEY]: at }, at);
    await Promise.all([this.options.keys.refresh(), this.#refreshConfig()]);
    return true;
  }

  /** The terms version and the portal's settings for kiosks, kept for offline use. */
  async #refreshConfig(): Promise<void> {
    const answer = await this.options.portal.call('kioskConfig', { retry: false, timeoutMs: 5_000 });
    if (answer.ok) await this.options.cache.write(KIOSK_CONFIG_CACHE, answer.value);
  }

  /** What the portal last said about this kiosk's terms and settings, or null before the first heartbeat. */
  async portalConfig(): Promise<PortalValue<'kioskConfig'> | null> {
    return (await this.options.cache.read(KIOSK_CONFIG_CACHE, portalRoutes.kioskConfig.value))?.value ?? null;
  }
}
