import { fail, type Failure, type Result } from '../../../../shared/result';
import type { Logger } from '../../logger';
import { secondsUntil, type Machine } from './machine';
import { Submissions } from './submissions';

export interface FlowLifetimeOptions<S extends { step: string }, E extends { type: string }> {
  /** Names the flow in the logs ("registration", "password reset"). */
  name: string;
  /** Null: the flow never expires on its own (login: the visit's wipe ends it). */
  expireAfterSeconds: number | null;
  /** The flow's clock (tests set it); the system's by default. */
  now?: (() => Date) | undefined;
  logger: Logger;
  machine: Pick<Machine<S, E>, 'transition'>;
  /** Whatever else the flow holds beside its state, forgotten with it (a check still running…). */
  onWipe?: () => void;
}

/**
 * The life of a journey the kiosk core keeps for the visit (registration, forgotten password, login):
 * one at a time, in memory only, dropped when left untouched for `expireAfterSeconds` (login: never),
 * on cancel and when the visit is wiped. Every drop bumps a generation, so a portal answer arriving
 * for a flow that is gone is discarded instead of moving its successor. The journeys differ in their
 * states and calls; this holds only what they must do alike, so that a fix reaches every one.
 */
export class FlowLifetime<S extends { step: string }, E extends { type: string }> {
  #state: S | null = null;
  #generation = 0;
  #touchedAt = 0;
  #timer: NodeJS.Timeout | undefined;
  /** The flow's double-tap guard and Idempotency-Keys; reset with the flow. */
  readonly submissions = new Submissions();

  constructor(private readonly options: FlowLifetimeOptions<S, E>) {}

  /** The flow's clock, in milliseconds. */
  now(): number {
    return (this.options.now?.() ?? new Date()).getTime();
  }

  /** The flow's state, or null when there is none; an expired flow is dropped on the way. */
  live(): S | null {
    if (!this.#state) return null;
    const { expireAfterSeconds } = this.options;
    if (expireAfterSeconds === null || this.now() - this.#touchedAt < expireAfterSeconds * 1000) return this.#state;
    this.wipe();
    return null;
  }

  /** The state as held, without the expiry check (for answers of checks already under way). */
  get held(): S | null {
    return this.#state;
  }

  get generation(): number {
    return this.#generation;
  }

  /** Seconds before the flow dies if left untouched from now (ask only while `live()`). */
  secondsLeft(): number {
    return secondsUntil(this.#touchedAt + (this.options.expireAfterSeconds ?? Infinity) * 1000, this.now());
  }

  /** A new flow at `initial`, dropping any earlier one. */
  start(initial: S): void {
    this.wipe();
    this.#state = initial;
    this.#touch();
  }

  /** Forgets the flow and everything it held. */
  wipe(): void {
    this.#generation += 1;
    this.#state = null;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.submissions.reset();
    this.options.onWipe?.();
  }

  /**
   * Runs a submission once per distinct input (see Submissions), within the live flow. `run` gets
   * the generation to compare with `generation` after each await, and the state it starts from.
   */
  async once<T extends Result<unknown, string>>(
    call: string,
    input: unknown,
    replay: boolean,
    run: (generation: number, state: S) => Promise<T>,
  ): Promise<T> {
    if (!this.live()) return fail('flow_expired') as T;
    this.#touch();
    const generation = this.#generation;
    return this.submissions.once(call, input, { replay, step: () => this.#state?.step ?? null }, () =>
      run(generation, this.#state!),
    );
  }

  /** Moves the flow by `event`; a refused transition is a bug, logged, and `wrong_step` to the caller. */
  apply(event: E): Failure<'wrong_step'> | null {
    const next = this.options.machine.transition(this.#state!, event);
    if (!next.ok) {
      this.options.logger.error(
        { event: event.type, from: this.#state!.step, code: next.code },
        `${this.options.name} transition refused`,
      );
      return fail('wrong_step');
    }
    this.#state = next.state;
    this.#touch();
    return null;
  }

  #touch(): void {
    this.#touchedAt = this.now();
    clearTimeout(this.#timer);
    const { expireAfterSeconds } = this.options;
    if (expireAfterSeconds === null) return;
    // Personal data (an identity, an address) must not outlive the flow even if nobody calls again.
    this.#timer = setTimeout(() => this.live(), expireAfterSeconds * 1000 + 1000);
    this.#timer.unref();
  }
}
