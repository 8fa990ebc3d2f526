export type PortalState = 'online' | 'offline' | 'not_configured';
export interface PortalStatus {
  portal: PortalState;
  checkedAt: string | null;
}

/** The portal answers this path without credentials, so reachability is known before enrolment. */
export const PORTAL_HEALTH_PATH = '/health';

/**
 * Keeps a fresh view of whether the central portal answers. It only reads; the outbox and the
 * directory sync (later) decide what to do about it.
 */
export class PortalMonitor {
  #status: PortalStatus;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly portalUrl: string | null,
    private readonly intervalMs = 30_000,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.#status = { portal: portalUrl ? 'offline' : 'not_configured', checkedAt: null };
  }

  get status(): PortalStatus {
    return this.#status;
  }

  async check(): Promise<PortalStatus> {
    if (!this.portalUrl) return this.#status;
    let reachable = false;
    try {
      // Loaded on first use: the kiosk shows its attract screen before it needs HTTP.
      const { got } = await import('got');
      const response = await got(new URL(PORTAL_HEALTH_PATH, this.portalUrl), {
        timeout: { request: 3_000 },
        retry: { limit: 0 },
        throwHttpErrors: false,
      });
      reachable = response.statusCode === 200;
    } catch {
      reachable = false;
    }
    this.#status = { portal: reachable ? 'online' : 'offline', checkedAt: this.now().toISOString() };
    return this.#status;
  }

  start(): void {
    if (!this.portalUrl || this.#timer) return;
    void this.check();
    this.#timer = setInterval(() => void this.check(), this.intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
