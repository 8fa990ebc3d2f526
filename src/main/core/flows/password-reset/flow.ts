import type { CallAnswer, CallOutput, ParsedInput } from '../../../../shared/kiosk-api/types';
import { DEFAULT_LANGUAGE } from '../../../../shared/locale';
import { fail, ok } from '../../../../shared/result';
import { normalizeEmail } from '../../../../shared/rules/email';
import type { DeliveryOutcome, OutboxEntryId } from '../../outbox/types';
import { checkForm, invalidFields } from '../common/checks';
import { FlowLifetime, type JourneyFlowOptions } from '../common/flow-lifetime';
import { outcomeCode } from '../common/journey-outbox';
import { maskEmail } from '../common/address';
import { nextResetAt } from '../common/resend';
import { confirmProblems, fromPortal, requestProblems } from './errors';
import { resetMachine, type ResetEvent, type ResetState } from './state';

type Refusal = CallOutput<'getReset'>['refusal'];

/**
 * The visit's forgotten password: request → code → done (password-reset.mermaid), both writes
 * through the outbox. Expiry, double taps and late answers: FlowLifetime.
 */
export class PasswordResetFlow {
  readonly #flow: FlowLifetime<ResetState, ResetEvent>;
  /** What a queued new password was refused for, while the tenant is still here to read it. */
  #refusal: Refusal = null;
  /** When the portal will send another email (its interval, from its answer); null when not known. */
  #resendAt: number | null = null;

  constructor(private readonly options: JourneyFlowOptions) {
    this.#flow = new FlowLifetime('password reset', resetMachine, options, () => {
      this.#refusal = null;
      this.#resendAt = null;
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
        state?.step === 'code' && this.#resendAt !== null ? this.#flow.secondsUntil(this.#resendAt) : null,
    };
  }

  /**
   * Step 1. The portal answers alike whether or not the address has an account, and so does this:
   * the answer depends only on the address being well formed and the captcha being right.
   */
  requestReset(input: ParsedInput<'requestReset'>): Promise<CallAnswer<'requestReset'>> {
    // No replay: asking again later ("nothing arrived") is a new request, not a repeated tap.
    return this.#flow.once('requestReset', input, false, async (generation, state) => {
      if (!resetMachine.allows(state, 'reset_requested')) return fail('wrong_step');
      const refused = checkForm(requestProblems(input), this.options.captcha(), 'password-reset', input);
      if (refused) return refused;
      const body = { email: normalizeEmail(input.email), language: input.language ?? DEFAULT_LANGUAGE };
      // One row per request (its own Idempotency-Key): a later request is a new one.
      const { outcome } = await this.options.journey.send('reset_request', body);
      await this.options.journey.record('password_reset', outcome.state === 'pending' ? 'queued' : 'requested');
      if (generation !== this.#flow.generation) return fail('flow_expired');
      if (outcome.state === 'refused') return this.#flow.refused('requestReset', outcome.error, fromPortal);
      this.#refusal = null;
      const maskedEmail = maskEmail(body.email);
      // Queued or not, the same answer: nothing here depends on the address having an account.
      const queued = outcome.state === 'pending';
      this.#resendAt = nextResetAt(outcome, this.#flow.now());
      const moved = this.#flow.apply({ type: 'reset_requested', ...body, maskedEmail, queued });
      const resendAvailableInSeconds = this.#resendAt === null ? null : this.#flow.secondsUntil(this.#resendAt);
      return moved ?? ok({ step: 'code' as const, maskedEmail, queued, resendAvailableInSeconds });
    });
  }

  /** Step 2: the code of the email and the new password, checked here before the portal sees them. */
  confirmReset(input: ParsedInput<'confirmReset'>): Promise<CallAnswer<'confirmReset'>> {
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
      if (outcome.state === 'refused') return this.#flow.refused('confirmReset', outcome.error, fromPortal);
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
    const code = fromPortal.confirmReset(outcome.error).error.code;
    this.#refusal = code === 'code_wrong' || code === 'code_expired' || code === 'code_locked' ? code : 'not_delivered';
    this.#flow.apply({ type: 'queued_refused' });
  }
}
