import type { QueuedRefusal } from '../../../../shared/kiosk-api/registration';
import type { CallAnswer, CallOutput, ParsedInput } from '../../../../shared/kiosk-api/types';
import { DEFAULT_LANGUAGE } from '../../../../shared/locale';
import { fail, ok } from '../../../../shared/result';
import { normalizeEmail } from '../../../../shared/rules/email';
import type { DeliveryOutcome, OutboxEntryId } from '../../outbox/types';
import type { PortalClient } from '../../portal-client/client';
import { checkForm } from '../common/checks';
import { FlowLifetime, type JourneyFlowOptions } from '../common/flow-lifetime';
import { outcomeCode, unreachable } from '../common/journey-outbox';
import { maskEmail } from '../common/address';
import { nextResendAt, sendActivationResend } from '../common/resend';
import { fromPortal, identityProblems, loginDetailsProblems, queuedRefusal } from './errors';
import { registrationMachine, type RegistrationEvent, type RegistrationState } from './state';

export interface RegistrationFlowOptions extends JourneyFlowOptions {
  /** Reads only (identity check, activation status): every write goes through `journey`. */
  portal: PortalClient;
  termsVersion: string;
  /** How often the activation screen's polling may ask the portal (link opened elsewhere). */
  statusPollSeconds?: number;
  /** Whether staff assist this visit: step 1 is then sent `assisted`, for « pourquoi ? » (issue #12). */
  assisted?: () => boolean;
}

/**
 * The visit's registration: identity → login details → activation → done (registration.mermaid).
 * Expiry, double taps and late answers: FlowLifetime. A double tap on « Valider » reaches the
 * portal once, and its Idempotency-Key makes got's retries of that one request create one account.
 */
export class RegistrationFlow {
  readonly #flow: FlowLifetime<RegistrationState, RegistrationEvent>;
  #statusCheck: { at: number; running: Promise<void> | null } = { at: 0, running: null };
  /** What a queued registration was refused for, while the tenant is still here to read it. */
  #refusal: QueuedRefusal | null = null;
  /** Rows that settled before the flow had moved to `queued` for them (a delivery just after the wait). */
  readonly #early = new Map<OutboxEntryId, DeliveryOutcome>();
  /** The portal's reference of this visit's latest refused assisted step 1, until asked about. */
  #attemptRef: string | null = null;

  constructor(private readonly options: RegistrationFlowOptions) {
    this.#flow = new FlowLifetime('registration', registrationMachine, options, () => {
      this.#statusCheck = { at: 0, running: null };
      this.#refusal = null;
      this.#early.clear();
      this.#attemptRef = null;
    });
    options.journey.onSettled((id, outcome) => this.#settled(id, outcome));
  }

  /** The latest step 1 refusal's reference (assisted visits only); `forget` once asked about. */
  get attemptRef(): string | null {
    return this.#attemptRef;
  }

  forgetAttemptRef(): void {
    this.#attemptRef = null;
  }

  get step(): RegistrationState['step'] | 'none' {
    return this.#flow.live()?.step ?? 'none';
  }

  start(): CallOutput<'startRegistration'> {
    this.#flow.start({ step: 'identity' });
    return { step: 'identity', expiresInSeconds: this.options.expireAfterSeconds };
  }

  wipe(): void {
    this.#flow.wipe();
  }

  async snapshot(): Promise<CallOutput<'getRegistration'>> {
    if (this.#flow.live()?.step === 'activation') await this.#checkActivatedElsewhere();
    const state = this.#flow.live();
    return {
      step: state?.step ?? 'none',
      maskedEmail: state && 'maskedEmail' in state ? state.maskedEmail : null,
      resendAvailableInSeconds: state?.step === 'activation' ? this.#flow.secondsUntil(state.resendAvailableAt) : null,
      expiresInSeconds: state ? this.#flow.secondsLeft() : null,
      captchaRequired: this.options.captcha() !== null,
      termsVersion: this.options.termsVersion,
      refusal: state ? this.#refusal : null,
    };
  }

  submitIdentity(input: ParsedInput<'submitIdentity'>): Promise<CallAnswer<'submitIdentity'>> {
    return this.#flow.once('submitIdentity', input, true, async (generation, state) => {
      if (!registrationMachine.allows(state, 'identity_confirmed')) return fail('wrong_step');
      const today = new Date(this.#flow.now()).toISOString().slice(0, 10);
      const refused = checkForm(identityProblems(input, today), this.options.captcha(), 'identity', input);
      if (refused) return refused;
      const { accountNumber, lastName, firstName, dateOfBirth } = input;
      const identity = { accountNumber, lastName, firstName, dateOfBirth };
      this.#refusal = null;
      this.#attemptRef = null;
      // Offline the form is all the kiosk can check: it holds nothing that could confirm an
      // identity, so the portal decides when step 2 is delivered, with the same throttles.
      let checkedBy: 'portal' | 'form' = 'form';
      if (!this.options.journey.portalDown) {
        // One key per submission (the captcha differs), not per identity: the portal must count a
        // deliberate retry of the same wrong identity towards the cool-down, not replay its answer.
        const answer = await this.options.portal.call('checkIdentity', {
          body: this.options.assisted?.() ? { ...identity, assisted: true } : identity,
          idempotencyKey: this.#flow.submissions.idempotencyKey('checkIdentity', input),
        });
        if (generation !== this.#flow.generation) return fail('flow_expired');
        if (!answer.ok) this.#attemptRef = answer.error.attemptRef ?? null;
        if (!answer.ok && !unreachable(answer.error))
          return this.#flow.refused('submitIdentity', answer.error, fromPortal);
        if (answer.ok) checkedBy = 'portal';
        else {
          this.options.logger.warn({ call: 'checkIdentity', code: answer.error.code }, 'identity left to delivery');
          this.options.journey.recheck();
        }
      }
      if (checkedBy === 'form' && !(await this.options.journey.canQueue()))
        return this.#flow.refused('submitIdentity', { code: 'unreachable' }, fromPortal);
      if (generation !== this.#flow.generation) return fail('flow_expired');
      const moved = this.#flow.apply({ type: 'identity_confirmed', identity });
      return (
        moved ?? ok({ step: 'login-details' as const, expiresInSeconds: this.options.expireAfterSeconds, checkedBy })
      );
    });
  }

  submitLoginDetails(input: ParsedInput<'submitLoginDetails'>): Promise<CallAnswer<'submitLoginDetails'>> {
    return this.#flow.once('submitLoginDetails', input, true, async (generation, state) => {
      if (!registrationMachine.allows(state, 'details_accepted')) return fail('wrong_step');
      const problems = loginDetailsProblems(input, this.options.termsVersion);
      const refused = checkForm(problems, this.options.captcha(), 'login-details', input);
      if (refused) return refused;
      const body = {
        identity: state.identity,
        email: normalizeEmail(input.email),
        password: input.password,
        acceptedTermsVersion: input.acceptedTermsVersion!,
        language: input.language ?? DEFAULT_LANGUAGE,
      };
      this.#refusal = null;
      const { id, outcome } = await this.options.journey.send('register', body);
      const maskedEmail = maskEmail(body.email);
      if (generation !== this.#flow.generation) {
        // The tenant left; the row stays and its outcome is emailed to the address typed.
        await this.options.journey.record('registration', outcomeCode(outcome), 'left');
        return fail('flow_expired');
      }
      if (outcome.state === 'pending') {
        const queued = { type: 'details_queued' as const, email: body.email, maskedEmail, language: body.language };
        const moved = this.#flow.apply({ ...queued, entryId: id });
        await this.options.journey.record('registration', 'queued');
        this.#settleEarly(id);
        return moved ?? ok({ step: 'queued' as const, maskedEmail });
      }
      await this.options.journey.record('registration', outcomeCode(outcome));
      if (outcome.state === 'refused') return this.#flow.refused('submitLoginDetails', outcome.error, fromPortal);
      const resendAvailableAt = nextResendAt(outcome.value, this.#flow.now());
      const { email, language } = body;
      const moved = this.#flow.apply({ type: 'details_accepted', email, maskedEmail, language, resendAvailableAt });
      const resendAvailableInSeconds = this.#flow.secondsUntil(resendAvailableAt);
      return moved ?? ok({ step: 'activation' as const, maskedEmail, resendAvailableInSeconds });
    });
  }

  activateByCode(input: ParsedInput<'activateByCode'>): Promise<CallAnswer<'activateByCode'>> {
    return this.#flow.once('activateByCode', input, true, async (generation, state) => {
      if (state.step === 'done') return ok({ step: 'done' as const, queued: state.queued });
      if (!registrationMachine.allows(state, 'activated')) return fail('wrong_step');
      const { outcome } = await this.options.journey.send('activate_code', { email: state.email, code: input.code });
      await this.options.journey.record('activation', outcomeCode(outcome));
      if (generation !== this.#flow.generation) return fail('flow_expired');
      if (outcome.state === 'refused' && outcome.error.code !== 'already_active')
        return this.#flow.refused('activateByCode', outcome.error, fromPortal);
      const queued = outcome.state === 'pending';
      return this.#flow.apply({ type: 'activated', queued }) ?? ok({ step: 'done' as const, queued });
    });
  }

  resendActivation(input: ParsedInput<'resendActivation'>): Promise<CallAnswer<'resendActivation'>> {
    // No replay: a later resend with the same input is a new request, not a repeated tap.
    return this.#flow.once('resendActivation', input, false, async (generation, state) => {
      if (!registrationMachine.allows(state, 'activation_resent')) return fail('wrong_step');
      const body = { email: state.email, language: input.language ?? state.language };
      const sent = await sendActivationResend(this.options.journey, body, () => this.#flow.now(), this.options.logger);
      if (generation !== this.#flow.generation) return fail('flow_expired');
      if (!sent.ok) return sent;
      const { queued, resendAvailableAt } = sent.value;
      const moved = this.#flow.apply({ type: 'activation_resent', resendAvailableAt });
      return moved ?? ok({ resendAvailableInSeconds: this.#flow.secondsUntil(resendAvailableAt), queued });
    });
  }

  /** A queued registration answered while the tenant is still here: the screen moves on as online. */
  #settled(id: OutboxEntryId, outcome: DeliveryOutcome): void {
    const state = this.#flow.held;
    if (state?.step !== 'queued' || state.entryId !== id) {
      // Perhaps settled between the end of the wait and the move to `queued`: kept for a moment.
      if (state?.step === 'login-details' && this.#early.size < 8) this.#early.set(id, outcome);
      return;
    }
    if (outcome.state === 'pending') return;
    void this.options.journey.record('registration', outcomeCode(outcome), 'late');
    if (outcome.state === 'delivered') {
      this.#flow.apply({ type: 'queued_delivered', resendAvailableAt: nextResendAt(outcome.value, this.#flow.now()) });
      return;
    }
    const refused = queuedRefusal(fromPortal.submitLoginDetails(outcome.error).error.code);
    this.#refusal = refused.code;
    if (refused.back) this.#flow.apply({ type: 'queued_refused', back: refused.back });
  }

  #settleEarly(id: OutboxEntryId): void {
    const outcome = this.#early.get(id);
    this.#early.clear();
    if (outcome) this.#settled(id, outcome);
  }

  async #checkActivatedElsewhere(): Promise<void> {
    const pollMs = (this.options.statusPollSeconds ?? 3) * 1000;
    if (this.#statusCheck.running) return this.#statusCheck.running;
    if (this.#flow.now() - this.#statusCheck.at < pollMs) return;
    const generation = this.#flow.generation;
    const email = (this.#flow.held as Extract<RegistrationState, { step: 'activation' }>).email;
    const check = this.options.portal
      .call('registrationStatus', { body: { email }, retry: false, timeoutMs: 3_000 })
      .then((answer) => {
        if (generation !== this.#flow.generation) return;
        this.#statusCheck = { at: this.#flow.now(), running: null };
        const active = answer.ok && answer.value.status === 'active';
        if (active && this.#flow.held?.step === 'activation') this.#flow.apply({ type: 'activated' });
      });
    this.#statusCheck = { at: this.#statusCheck.at, running: check };
    return check;
  }
}
