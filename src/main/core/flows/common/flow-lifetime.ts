import type { CallName, KioskApi } from '../../../../shared/kiosk-api/calls';
import { fail, type Failure, type Result } from '../../../../shared/result';
import type { CaptchaService } from '../../captcha/captcha-service';
import type { Logger } from '../../logger';
import type { PortalCallError } from '../../portal-client/client';
import { logUnreachable } from './checks';
import type { JourneyOutbox } from './journey-outbox';
import { secondsUntil, type Machine } from './machine';
import { Submissions } from './submissions';

/** What every journey is given; the registration and the forgotten password, all of it. */
export interface JourneyFlowOptions {
  journey: JourneyOutbox;
  /** The visit's captcha; null: turned off (the kiosk's configuration, or an assisted visit). */
  captcha: () => CaptchaService | null;
  expireAfterSeconds: number;
  logger: Logger;
  /** The flow's clock (tests set it); the system's by default. */
  now?: (() => Date) | undefined;
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

  /** `name` names the flow in the logs; `onWipe` forgets what else it holds beside its state. */
  constructor(
    private readonly name: string,
    private readonly machine: Pick<Machine<S, E>, 'transition'>,
    /** `expireAfterSeconds` null: never on its own (login: the visit's wipe ends it). */
    private readonly options: Pick<JourneyFlowOptions, 'logger' | 'now'> & { expireAfterSeconds: number | null },
    private readonly onWipe?: () => void,
  ) {}

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
    return this.secondsUntil(this.#touchedAt + (this.options.expireAfterSeconds ?? Infinity) * 1000);
  }

  secondsUntil(at: number): number {
    return secondsUntil(at, this.now());
  }

  start(initial: S): void {
    this.wipe();
    this.#state = initial;
    this.#touch();
  }

  wipe(): void {
    this.#generation += 1;
    this.#state = null;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.submissions.reset();
    this.onWipe?.();
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
    const next = this.machine.transition(this.#state!, event);
    if (!next.ok) {
      this.options.logger.error(
        { event: event.type, from: this.#state!.step, code: next.code },
        `${this.name} transition refused`,
      );
      return fail('wrong_step');
    }
    this.#state = next.state;
    this.#touch();
    return null;
  }

  /** A portal refusal as the answer of `call`, mapped by the flow's `fromPortal` (see logUnreachable). */
  refused<N extends CallName>(
    call: N,
    error: PortalCallError,
    fromPortal: { [K in N]: (error: PortalCallError) => Failure },
  ) {
    return logUnreachable(this.options.logger, call, error, fromPortal[call](error)) as Failure<
      KioskApi[N]['errors'][number]
    >;
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
