/** How a staff session ended, as the audit records it. */
export type SessionEnd = 'left' | 'finished' | 'idle' | 'restart' | 'expired' | 'assisted';

/**
 * The staff session: in the kiosk core only (the renderer never holds a token), one at a time,
 * for this kiosk's screen. It also ends on its own after `idleMs` without a staff call, in case
 * the screen that opened it never says goodbye (a crashed renderer, a pulled cable).
 */
export class StaffSession {
  #lastActiveAt: number | null = null;

  constructor(
    private readonly idleMs: number,
    private readonly now: () => Date,
  ) {}

  get open(): boolean {
    return this.#lastActiveAt !== null;
  }

  begin(): void {
    this.#lastActiveAt = this.now().getTime();
  }

  /**
   * True when a session is open and still fresh (and makes it fresh again); an expired one is
   * closed and reported through `onExpired`.
   */
  touch(onExpired: () => void): boolean {
    if (this.#lastActiveAt === null) return false;
    const at = this.now().getTime();
    if (at - this.#lastActiveAt > this.idleMs) {
      this.#lastActiveAt = null;
      onExpired();
      return false;
    }
    this.#lastActiveAt = at;
    return true;
  }

  /** Closes the session; true when one was open. */
  end(): boolean {
    const was = this.open;
    this.#lastActiveAt = null;
    return was;
  }
}
