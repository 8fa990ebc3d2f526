import type { LinkState } from '../../shared/kiosk-api/calls';
import type { OutboxFigures } from '../../shared/portal-api/outbox';

export type PortalState = 'online' | 'offline' | 'not_configured';
export interface PortalStatus {
  portal: PortalState;
  checkedAt: string | null;
}

/** The portal answers this path without credentials, so reachability is known before enrolment. */
export const PORTAL_HEALTH_PATH = '/health';

export interface PortalMonitorTiming {
  /** Between checks while the portal answers. */
  intervalMs: number;
  /** Between checks while it does not: short, so the outbox drains within a second or two of its return. */
  offlineIntervalMs: number;
}

/**
 * Keeps a fresh view of whether the central portal answers. It only reads; the outbox subscribes
 * to its transitions (`onChange`) to try at once when the portal comes back.
 */
export class PortalMonitor {
  #status: PortalStatus;
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #checking: Promise<PortalStatus> | null = null;
  readonly #listeners = new Set<(status: PortalStatus) => void>();
  readonly #timing: PortalMonitorTiming;

  constructor(
    private portalUrl: string | null,
    timing: Partial<PortalMonitorTiming> | number = {},
    private readonly now: () => Date = () => new Date(),
  ) {
    this.#timing = {
      intervalMs: 30_000,
      offlineIntervalMs: 1_000,
      ...(typeof timing === 'number' ? { intervalMs: timing } : timing),
    };
    this.#status = { portal: portalUrl ? 'offline' : 'not_configured', checkedAt: null };
  }

  get status(): PortalStatus {
    return this.#status;
  }

  /** Called on every change of `portal` (online ↔ offline); returns the unsubscribe. */
  onChange(listener: (status: PortalStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Checks now; concurrent callers (the timer, the outbox after a failed delivery) share one check. */
  check(): Promise<PortalStatus> {
    if (!this.portalUrl) return Promise.resolve(this.#status);
    this.#checking ??= this.#check().finally(() => (this.#checking = null));
    return this.#checking;
  }

  async #check(): Promise<PortalStatus> {
    let reachable = false;
    try {
      // Loaded on first use: the kiosk shows its attract screen before it needs HTTP.
      const { got } = await import('got');
      const response = await got(new URL(PORTAL_HEALTH_PATH, this.portalUrl!), {
        timeout: { request: 3_000 },
        retry: { limit: 0 },
        throwHttpErrors: false,
      });
      reachable = response.statusCode === 200;
    } catch {
      reachable = false;
    }
    const before = this.#status.portal;
    this.#status = { portal: reachable ? 'online' : 'offline', checkedAt: this.now().toISOString() };
    if (this.#running) this.#schedule();
    if (before !== this.#status.portal) {
      for (const listener of this.#listeners) listener(this.#status);
    }
    return this.#status;
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    const ms = this.#status.portal === 'online' ? this.#timing.intervalMs : this.#timing.offlineIntervalMs;
    this.#timer = setTimeout(() => void this.check(), ms);
    this.#timer.unref();
  }

  /** The set-up screen chose another portal: it is the one checked from now on. */
  retarget(portalUrl: string): void {
    if (portalUrl === this.portalUrl) return;
    this.portalUrl = portalUrl;
    void this.check();
  }

  start(): void {
    if (!this.portalUrl || this.#running) return;
    this.#running = true;
    void this.check();
  }

  stop(): void {
    this.#running = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/**
 * A write older than this still waiting while the portal answers makes the link `degraded`: the
 * drainer sends a row at once when the portal answers, so one waiting longer means deliveries fail
 * or crawl. Rows only just queued (a tenant's registration being sent) do not count.
 */
export const DEGRADED_AFTER_MS = 20_000;

/** What the status indicator says, from the monitor's last look and the outbox's figures. */
export function linkState(portal: PortalState, figures: OutboxFigures | null, now: Date): LinkState {
  if (portal !== 'online') return portal;
  const oldest = figures?.oldestPendingAt ? Date.parse(figures.oldestPendingAt) : null;
  return oldest !== null && now.getTime() - oldest > DEGRADED_AFTER_MS ? 'degraded' : 'online';
}
