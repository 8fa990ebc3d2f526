import type { z } from 'zod';
import type { KioskApi } from '../../../../shared/kiosk-api/calls';
import type { CallOutput } from '../../../../shared/kiosk-api/types';
import { DEFAULT_LANGUAGE } from '../../../../shared/locale';
import { fail, ok, type Result } from '../../../../shared/result';
import { normalizeEmail } from '../../../../shared/rules/email';
import type { CaptchaService } from '../../captcha/captcha-service';
import type { Logger } from '../../logger';
import type { DeliveryOutcome, OutboxEntryId } from '../../outbox/types';
import { checkCaptcha, invalidFields, refusalsFor } from '../common/checks';
import type { JourneyOutbox } from '../common/journey-outbox';
import { outcomeCode } from '../common/journey-outbox';
import { FlowLifetime } from '../common/flow-lifetime';
import { secondsUntil } from '../common/machine';
import { nextResetAt } from '../common/resend';
import { confirmProblems, fromPortal, requestProblems } from './errors';
import { maskEmail } from '../common/mask-email';
import { resetMachine, type ResetEvent, type ResetState } from './state';

type FlowCall = 'requestReset' | 'confirmReset';
type Answer<N extends FlowCall> = Result<CallOutput<N>, KioskApi[N]['errors'][number]>;
type Parsed<N extends FlowCall> = z.output<KioskApi[N]['input']>;

type Refusal = CallOutput<'getReset'>['refusal'];

export interface PasswordResetFlowOptions {
  /** Both writes (request, new password) go through the outbox. */
  journey: JourneyOutbox;
  /** The visit's captcha; null: turned off (the kiosk's configuration, or an assisted visit). */
  captcha: () => CaptchaService | null;
  expireAfterSeconds: number;
  logger: Logger;
  now?: () => Date;
}

/**
 * The visit's forgotten password: request → code → done (password-reset.mermaid). One at a time,
 * in memory only, dropped on expiry, on cancel and when the visit is wiped. A confirmation repeated
 * while the first is running joins it, and a repeat of one that succeeded gets the same answer, so
 * a double tap on « Valider » reaches the portal once. Expiry, double taps and late answers are
 * handled by FlowLifetime, alike for the registration.
 */
export class PasswordResetFlow {
  readonly #flow: FlowLifetime<ResetState, ResetEvent>;
  /** A portal refusal as the answer of one of this flow's calls (see refusalsFor). */
  readonly #refused: ReturnType<typeof refusalsFor<Parameters<typeof fromPortal>[1]>>;
  /** What a queued new password was refused for, while the tenant is still here to read it. */
  #refusal: Refusal = null;
  /** When the portal will send another email (its interval, from its answer); null when not known. */
  #resendAt: number | null = null;

  constructor(private readonly options: PasswordResetFlowOptions) {
    this.#refused = refusalsFor(options.logger, fromPortal);
    this.#flow = new FlowLifetime({
      name: 'password reset',
      expireAfterSeconds: options.expireAfterSeconds,
      now: options.now,
      logger: options.logger,
      machine: resetMachine,
      onWipe: () => {
        this.#refusal = null;
        this.#resendAt = null;
      },
    });
    options.journey.onSettled((id, outcome) => this.#settled(id, outcome));
  }

  get step(): CallOutput<'getReset'>['step'] {
    const step = this.#flow.live()?.step ?? 'none';
    return step === 'done-queued' ? 'done' : step;
  }

  start(): CallOutput<'startReset'> {
    this.#flow.start({ step: 'request' });
    return { step: 'request', expiresInSeconds: this.options.expireAfterSeconds };
  }

  /** Forgets the flow and everything it held (the address typed, the submissions' keys). */
  wipe(): void {
    this.#flow.wipe();
  }

  snapshot(): CallOutput<'getReset'> {
    const state = this.#flow.live();
    return {
      step: this.step,
      maskedEmail: state && 'maskedEmail' in state ? state.maskedEmail : null,
      expiresInSeconds: state ? this.#flow.secondsLeft() : null,
      captchaRequired: this.options.captcha() !== null,
      queued: state?.step === 'done-queued' || (state?.step === 'code' && state.queued),
      refusal: state ? this.#refusal : null,
      resendAvailableInSeconds:
        state?.step === 'code' && this.#resendAt !== null ? secondsUntil(this.#resendAt, this.#flow.now()) : null,
    };
  }

  /**
   * Step 1. The portal answers alike whether or not the address has an account, and so does this:
   * the answer depends only on the address being well formed and the captcha being right.
   */
  requestReset(input: Parsed<'requestReset'>): Promise<Answer<'requestReset'>> {
    // No replay: asking again later ("nothing arrived") is a new request, not a repeated tap.
    return this.#flow.once('requestReset', input, false, async (generation, state) => {
      if (!resetMachine.allows(state, 'reset_requested')) return fail('wrong_step');
      const problems = requestProblems(input);
      if (problems.length > 0) return invalidFields(problems);
      const captcha = checkCaptcha(this.options.captcha(), 'password-reset', input);
      if (captcha) return captcha;
      const body = { email: normalizeEmail(input.email), language: input.language ?? DEFAULT_LANGUAGE };
      // One row per request (its own Idempotency-Key): a later request is a new one.
      const { outcome } = await this.options.journey.send('reset_request', body);
      await this.options.journey.record('password_reset', outcome.state === 'pending' ? 'queued' : 'requested');
      if (generation !== this.#flow.generation) return fail('flow_expired');
      if (outcome.state === 'refused') return this.#refused('requestReset', outcome.error, 'request');
      this.#refusal = null;
      const maskedEmail = maskEmail(body.email);
      // Queued or not, the same answer: nothing here depends on the address having an account.
      const queued = outcome.state === 'pending';
      this.#resendAt = nextResetAt(outcome, this.#flow.now());
      const moved = this.#flow.apply({
        type: 'reset_requested',
        email: body.email,
        maskedEmail,
        language: body.language,
        queued,
      });
      const resendAvailableInSeconds = this.#resendAt === null ? null : secondsUntil(this.#resendAt, this.#flow.now());
      return moved ?? ok({ step: 'code' as const, maskedEmail, queued, resendAvailableInSeconds });
    });
  }

  /** Step 2: the code of the email and the new password, checked here before the portal sees them. */
  confirmReset(input: Parsed<'confirmReset'>): Promise<Answer<'confirmReset'>> {
    return this.#flow.once('confirmReset', input, true, async (generation, state) => {
      if (!resetMachine.allows(state, 'password_queued')) return fail('wrong_step');
      const problems = confirmProblems(input);
      if (problems.length > 0) return invalidFields(problems);
      const body = { email: state.email, code: input.code, newPassword: input.newPassword };
      this.#refusal = null;
      const { id, outcome } = await this.options.journey.send('reset_confirm', body);
      if (generation !== this.#flow.generation) {
        await this.options.journey.record('password_reset', outcomeCode(outcome), 'left');
        return fail('flow_expired');
      }
      if (outcome.state === 'pending') {
        const moved = this.#flow.apply({ type: 'password_queued', entryId: id });
        await this.options.journey.record('password_reset', 'confirm_queued');
        return moved ?? ok({ step: 'done' as const, queued: true });
      }
      await this.options.journey.record('password_reset', outcomeCode(outcome, 'confirmed'));
      if (outcome.state === 'refused') return this.#refused('confirmReset', outcome.error, 'confirm');
      return this.#flow.apply({ type: 'password_changed' }) ?? ok({ step: 'done' as const, queued: false });
    });
  }

  /** A queued new password answered while the tenant is still here: done, or back to the code. */
  #settled(id: OutboxEntryId, outcome: DeliveryOutcome): void {
    const state = this.#flow.held;
    if (state?.step !== 'done-queued' || state.entryId !== id || outcome.state === 'pending') return;
    void this.options.journey.record('password_reset', outcomeCode(outcome, 'confirmed'), 'late');
    if (outcome.state === 'delivered') {
      this.#flow.apply({ type: 'password_changed' });
      return;
    }
    const code = fromPortal(outcome.error, 'confirm').error.code;
    this.#refusal = code === 'code_wrong' || code === 'code_expired' || code === 'code_locked' ? code : 'not_delivered';
    this.#flow.apply({ type: 'queued_refused' });
  }
}
