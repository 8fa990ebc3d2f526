import type { MessageKey } from '../i18n/catalogue';

/**
 * What every journey's screen state shares: one visit at a time, one submit at a time, one notice
 * above the form. An answer that arrives after the end of its visit belongs to the previous visitor:
 * `run` and `guard` drop it here, once, instead of a check in every method.
 */
export class JourneyController {
  busy = $state(false);
  /** A message about the whole step (expired flow, portal down…), or null. */
  notice = $state<MessageKey | null>(null);
  /** Ticked every second while the screen is shown: the countdowns read it. */
  now = $state(Date.now());
  #visit = new AbortController();
  /** The screen's first look at the core (see `attach`): a submit waits for it. */
  #resumed: Promise<void> = Promise.resolve();

  /** Aborted at the end of the visit this journey is in. */
  get signal(): AbortSignal {
    return this.#visit.signal;
  }

  /** Awaits `call`; `undefined` when the visit ended meanwhile (nothing of the answer may show). */
  async guard<T>(call: Promise<T>): Promise<T | undefined> {
    const signal = this.#visit.signal;
    const answer = await call;
    return signal.aborted ? undefined : answer;
  }

  /**
   * One submit at a time: refused while another runs, `busy` meanwhile; the notice of the last
   * try is cleared. `step` gets the visit's signal to stop after an await that outlived it.
   * A tap in the first moment of a screen is not lost: the step runs once the screen knows from
   * the core where the journey stands and whether a captcha is asked (until then it may not).
   */
  async run(step: (signal: AbortSignal) => Promise<void>): Promise<void> {
    if (this.busy) return;
    const signal = this.#visit.signal;
    this.busy = true;
    try {
      await this.#resumed;
      if (signal.aborted) return;
      await step(signal);
    } finally {
      if (!signal.aborted) this.busy = false;
    }
  }

  /** The screen is shown (again, after a help page): ask the core where the journey stands. */
  async resume(): Promise<void> {}

  /** Each second the screen is shown, after the countdowns moved: a journey's polls. */
  protected onTick(_tick: number): void {}

  /** The screen is shown: `resume`, then a tick each second. Returns the detach. */
  attach(): () => void {
    // Its failures are the resume's own to word; a submit only waits for it to end.
    this.#resumed = this.resume().catch(() => undefined);
    let tick = 0;
    const timer = setInterval(() => {
      this.now = Date.now();
      this.onTick(++tick);
    }, 1000);
    return () => clearInterval(timer);
  }

  /** Seconds left until `epochMs` (0 once past or when none), as of the last tick. */
  secondsUntil(epochMs: number | null): number {
    return epochMs ? Math.max(0, (epochMs - this.now) / 1000) : 0;
  }

  /** Epoch ms `seconds` from now; the countdowns start at once. */
  inSeconds(seconds: number): number {
    this.now = Date.now();
    return this.now + seconds * 1000;
  }

  /** The end of the visit: every answer still on its way is dropped. */
  endVisit(): void {
    this.#visit.abort();
    this.#visit = new AbortController();
    this.busy = false;
    this.notice = null;
  }
}
