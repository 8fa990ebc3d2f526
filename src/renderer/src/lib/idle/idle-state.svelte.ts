import { DEFAULT_IDLE, type IdleSettings } from '../../../../shared/idle';

/** What counts as someone being there: any touch, click, key or scroll. */
export const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * The visit's inactivity clock: quiet for `warnAfterSeconds` → "still there?" with a countdown of
 * `countdownSeconds` → `onexpire`. Time is read from Date.now() at each tick, so a slow or
 * paused page (or a test's fake clock) ends the countdown on time rather than late.
 */
export class IdleState {
  phase = $state<'off' | 'watching' | 'warning'>('off');
  /** Whole seconds left on the countdown while warning. */
  remaining = $state(0);
  #settings: IdleSettings = DEFAULT_IDLE;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #ticker: ReturnType<typeof setInterval> | null = null;
  #deadline = 0;

  constructor(private readonly onexpire: () => void) {}

  /** A visit began (or goes on with new settings): watch for inactivity. */
  start(settings: IdleSettings): void {
    const changed = settings.warnAfterSeconds !== this.#settings.warnAfterSeconds;
    this.#settings = settings;
    // New settings mid-visit (an assisted visit begins or ends): the quiet period restarts with them.
    if (this.phase === 'off' || (changed && this.phase === 'watching')) this.#watch();
  }

  /** Back on the attract screen: nothing to watch. */
  stop(): void {
    this.#clear();
    this.phase = 'off';
  }

  /** Someone touched the screen: the quiet period starts again (not while the question is up). */
  activity(): void {
    if (this.phase === 'watching') this.#watch();
  }

  /** « Oui, je continue »: a full quiet period again. */
  extend(): void {
    if (this.phase !== 'off') this.#watch();
  }

  #watch(): void {
    this.#clear();
    this.phase = 'watching';
    this.#timer = setTimeout(() => this.#warn(), this.#settings.warnAfterSeconds * 1000);
  }

  #warn(): void {
    this.#clear();
    this.phase = 'warning';
    this.#deadline = Date.now() + this.#settings.countdownSeconds * 1000;
    this.remaining = this.#settings.countdownSeconds;
    this.#ticker = setInterval(() => this.#tick(), 250);
  }

  #tick(): void {
    const left = this.#deadline - Date.now();
    this.remaining = Math.max(0, Math.ceil(left / 1000));
    if (left > 0) return;
    this.stop();
    this.onexpire();
  }

  #clear(): void {
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#ticker) clearInterval(this.#ticker);
    this.#timer = null;
    this.#ticker = null;
  }
}
