import { z } from 'zod';
import type { Logger } from '../logger';
import type { PortalClient } from '../portal-client/client';
import type { PortalCache } from './portal-cache';
import type { SealingKey } from './seal';

const CACHE_NAME = 'sealingKey';
const sealingKeySchema = z.strictObject({ keyId: z.string().min(1).max(64), publicKey: z.string().length(43) });

/**
 * The portal's public sealing key: fetched from GET /v1/keys when the portal answers, kept in the
 * kiosk database, and used from there offline. Fetched again when the portal says the key a row
 * was sealed to is retired, and on each heartbeat, so new rows use the newest key.
 */
export class SealingKeys {
  #current: SealingKey | null = null;
  #refreshing: Promise<SealingKey | null> | null = null;

  constructor(
    private readonly cache: PortalCache,
    private readonly portal: PortalClient,
    private readonly logger: Logger,
  ) {}

  /** The key to seal with: memory, else the cache, else the portal (null: never fetched and offline). */
  async current(): Promise<SealingKey | null> {
    if (this.#current) return this.#current;
    this.#current = (await this.cache.read(CACHE_NAME, sealingKeySchema))?.value ?? null;
    return this.#current ?? this.refresh();
  }

  /** Asks the portal for its key now; concurrent callers share one request. Keeps the old key on failure. */
  refresh(): Promise<SealingKey | null> {
    this.#refreshing ??= this.#fetch().finally(() => (this.#refreshing = null));
    return this.#refreshing;
  }

  async #fetch(): Promise<SealingKey | null> {
    const answer = await this.portal.call('keys', { retry: false, timeoutMs: 5_000 });
    if (!answer.ok) {
      this.logger.warn({ code: answer.error.code }, 'sealing key not fetched');
      return this.#current;
    }
    const key = sealingKeySchema.parse({
      keyId: answer.value.sealing.keyId,
      publicKey: answer.value.sealing.publicKey,
    });
    if (key.keyId !== this.#current?.keyId) {
      await this.cache.write(CACHE_NAME, key);
      this.logger.info({ keyId: key.keyId }, 'sealing key cached');
    }
    this.#current = key;
    return key;
  }
}
