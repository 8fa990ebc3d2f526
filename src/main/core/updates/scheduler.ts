import type { UPDATE_STATES } from '../../../shared/kiosk-api/updates';
import type { Logger } from '../logger';
import type { UpdatesConfig } from './config';

/**
 * What the scheduler asks of an updater (electron-updater in the packaged kiosk, a fake in tests).
 * The updater checks latest.yml's sha512 (and, on Windows, the installer's signature) itself.
 */
export interface UpdateSource {
  /** A newer version this kiosk may take (a staged rollout may leave it out), or null. */
  check(): Promise<{ version: string } | null>;
  download(): Promise<void>;
  /** Quits and installs; the kiosk comes back on the new version. */
  install(): void;
}

export type UpdateState = (typeof UPDATE_STATES)[number];

export interface UpdateStatus {
  version: string;
  state: UpdateState;
  /** The version downloaded (or being downloaded), waiting for the install window. */
  pendingVersion: string | null;
  checkedAt: string | null;
}

export interface UpdateSchedulerOptions {
  source: UpdateSource | null;
  config: UpdatesConfig;
  version: string;
  /** True while a tenant (or staff) is at the kiosk: nothing that could restart it then. */
  visitInProgress: () => Promise<boolean>;
  logger: Logger;
  now?: () => Date;
}

/** Whether `hour` is in [from, to), a window that may wrap past midnight (22 → 5). */
export const inWindow = (hour: number, { fromHour, toHour }: UpdatesConfig['installWindow']): boolean =>
  fromHour <= toHour ? hour >= fromHour && hour < toHour : hour >= fromHour || hour < toHour;

/**
 * When the kiosk looks for an update and when it installs one: it looks whenever no visit is in
 * progress (every checkEveryMinutes), downloads in the background, and installs — which restarts
 * it — only in the night window and only between visits. Plain Node: tested without Electron.
 */
export class UpdateScheduler {
  readonly #now: () => Date;
  #state: UpdateState;
  #pending: string | null = null;
  #checkedAt: Date | null = null;
  #busy = false;
  #timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: UpdateSchedulerOptions) {
    this.#now = options.now ?? (() => new Date());
    this.#state = options.source ? 'idle' : 'not_configured';
  }

  status(): UpdateStatus {
    return {
      version: this.options.version,
      state: this.#state,
      pendingVersion: this.#pending,
      checkedAt: this.#checkedAt?.toISOString() ?? null,
    };
  }

  /** Ticks every minute; the first look comes at the first tick with no visit. */
  start(everyMs = 60_000): void {
    if (!this.options.source || this.#timer) return;
    this.#timer = setInterval(() => void this.tick(), everyMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** One decision: install, look, or wait. Never overlaps itself; never throws. */
  async tick(): Promise<void> {
    const { source, config, logger } = this.options;
    if (!source || this.#busy) return;
    this.#busy = true;
    try {
      if (await this.options.visitInProgress()) return;
      const now = this.#now();
      if (this.#state === 'ready') {
        if (!inWindow(now.getHours(), config.installWindow)) return;
        logger.info({ from: this.options.version, to: this.#pending }, 'installing update');
        source.install();
        return;
      }
      const due = !this.#checkedAt || now.getTime() - this.#checkedAt.getTime() >= config.checkEveryMinutes * 60_000;
      if (due) await this.#checkAndDownload(source, now);
    } catch (error) {
      this.#state = 'failed';
      this.#pending = null;
      logger.warn({ err: error, state: 'failed' }, 'update check failed');
    } finally {
      this.#busy = false;
    }
  }

  async #checkAndDownload(source: UpdateSource, now: Date): Promise<void> {
    this.#state = 'checking';
    this.#checkedAt = now;
    const found = await source.check();
    if (!found) {
      this.#state = 'idle';
      return;
    }
    this.#state = 'downloading';
    this.#pending = found.version;
    await source.download();
    this.#state = 'ready';
    this.options.logger.info({ version: found.version }, 'update downloaded, waiting for the install window');
  }
}
