import { LOCKED, staffMachine, type StaffEvent, type StaffState } from './state';

/** How a staff session ended, as the audit records it. */
export type SessionEnd = 'left' | 'finished' | 'idle' | 'restart' | 'expired' | 'assisted';

/**
 * The staff session (staff.mermaid): in the kiosk core only (the renderer never holds a token),
 * one at a time, for this kiosk's screen. It also ends on its own after `idleMs` without a staff
 * call, in case the screen that opened it never says goodbye (a crashed renderer, a pulled cable).
 */
export class StaffSession {
  #state: StaffState = LOCKED;

  constructor(
    private readonly idleMs: number,
    private readonly now: () => Date,
  ) {}

  get open(): boolean {
    return this.#state.step === 'open';
  }

  begin(): void {
    this.#apply({ type: 'unlocked', at: this.now().getTime() });
  }

  /**
   * True when a session is open and still fresh (and makes it fresh again); an expired one is
   * closed and reported through `onExpired`.
   */
  touch(onExpired: () => void): boolean {
    const state = this.#state;
    if (!staffMachine.allows(state, 'touched')) return false;
    const at = this.now().getTime();
    if (at - state.lastActiveAt > this.idleMs) {
      this.#apply({ type: 'ended' });
      onExpired();
      return false;
    }
    this.#apply({ type: 'touched', at });
    return true;
  }

  /** Closes the session; true when one was open. */
  end(): boolean {
    const was = this.open;
    this.#apply({ type: 'ended' });
    return was;
  }

  #apply(event: StaffEvent): void {
    const next = staffMachine.transition(this.#state, event);
    // Every call checks its step first; a refusal (a clock before 1970) leaves the session as it was.
    if (next.ok) this.#state = next.state;
  }
}
