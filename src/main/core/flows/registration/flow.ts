import { randomUUID } from 'node:crypto';
import type { KioskApi } from '../../../../shared/kiosk-api/calls';
import type { CallOutput } from '../../../../shared/kiosk-api/types';
import type { z } from 'zod';
import { DEFAULT_LANGUAGE } from '../../../../shared/locale';
import { fail, ok, type Failure, type Result } from '../../../../shared/result';
import { normalizeEmail } from '../../../../shared/rules/email';
import type { CaptchaService } from '../../captcha/captcha-service';
import type { Logger } from '../../logger';
import type { PortalCallError, PortalClient } from '../../portal-client/client';
import { fromPortal, identityProblems, invalidFields, loginDetailsProblems, type RegistrationError } from './errors';
import { maskEmail, type RegistrationState } from './state';
import { Submissions } from './submissions';
import { transition, type RegistrationEvent } from './transitions';

type FlowCall = 'submitIdentity' | 'submitLoginDetails' | 'activateByCode' | 'resendActivation';
type Answer<N extends FlowCall> = Result<CallOutput<N>, KioskApi[N]['errors'][number]>;
/** What the handlers receive: the contract's parsed input (account number already canonical). */
type Parsed<N extends FlowCall> = z.output<KioskApi[N]['input']>;

export interface RegistrationFlowOptions {
  portal: PortalClient;
  /** null: the kiosk's captcha is turned off. */
  captcha: CaptchaService | null;
  termsVersion: string;
  expireAfterSeconds: number;
  logger: Logger;
  now?: () => Date;
  /** How often the activation screen's polling may ask the portal (link opened elsewhere). */
  statusPollSeconds?: number;
}

const secondsUntil = (at: number, now: number) => Math.max(0, Math.ceil((at - now) / 1000));

/**
 * The visit's registration: identity → login details → activation → done (registration.mermaid).
 * One at a time, in memory only, dropped on expiry, on cancel and when the visit is wiped. A call
 * repeated while the first is running joins it, and a repeat of a call that succeeded gets the
 * same answer, so a double tap on « Valider » reaches the portal once; the portal's
 * Idempotency-Key makes got's retries of that one request create one account too.
 */
export class RegistrationFlow {
  #state: RegistrationState | null = null;
  /** Bumped whenever the flow is replaced or dropped; answers of an older flow are discarded. */
  #generation = 0;
  #touchedAt = 0;
  #timer: NodeJS.Timeout | undefined;
  readonly #submissions = new Submissions();
  #statusCheck: { at: number; running: Promise<void> | null } = { at: 0, running: null };
  readonly #now: () => number;

  constructor(private readonly options: RegistrationFlowOptions) {
    const now = options.now ?? (() => new Date());
    this.#now = () => now().getTime();
  }

  get step(): RegistrationState['step'] | 'none' {
    return this.#alive() ? this.#state!.step : 'none';
  }

  start(): CallOutput<'startRegistration'> {
    this.wipe();
    this.#state = { step: 'identity' };
    this.#touch();
    return { step: 'identity', expiresInSeconds: this.options.expireAfterSeconds };
  }

  /** Forgets the flow and everything it held (identity, email, keys). */
  wipe(): void {
    this.#generation += 1;
    this.#state = null;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#submissions.reset();
    this.#statusCheck = { at: 0, running: null };
  }

  async snapshot(): Promise<CallOutput<'getRegistration'>> {
    if (this.#alive() && this.#state!.step === 'activation') await this.#checkActivatedElsewhere();
    const alive = this.#alive();
    const state = alive ? this.#state! : null;
    const now = this.#now();
    return {
      step: state?.step ?? 'none',
      maskedEmail: state && 'maskedEmail' in state ? state.maskedEmail : null,
      resendAvailableInSeconds: state?.step === 'activation' ? secondsUntil(state.resendAvailableAt, now) : null,
      expiresInSeconds: alive ? secondsUntil(this.#touchedAt + this.options.expireAfterSeconds * 1000, now) : null,
      captchaRequired: this.options.captcha !== null,
      termsVersion: this.options.termsVersion,
    };
  }

  submitIdentity(input: Parsed<'submitIdentity'>): Promise<Answer<'submitIdentity'>> {
    return this.#once('submitIdentity', input, true, async (generation) => {
      if (!['identity', 'login-details'].includes(this.#state!.step)) return fail('wrong_step');
      const problems = identityProblems(input, new Date(this.#now()).toISOString().slice(0, 10));
      if (problems.length > 0) return invalidFields(problems);
      const captcha = this.#checkCaptcha('identity', input);
      if (captcha) return captcha;
      const identity = {
        accountNumber: input.accountNumber,
        lastName: input.lastName,
        firstName: input.firstName,
        dateOfBirth: input.dateOfBirth,
      };
      // One key per submission (the captcha differs), not per identity: the portal must count a
      // deliberate retry of the same wrong identity towards the cool-down, not replay its answer.
      const answer = await this.options.portal.call('checkIdentity', {
        body: identity,
        idempotencyKey: this.#submissions.idempotencyKey('checkIdentity', input),
      });
      if (generation !== this.#generation) return fail('flow_expired');
      if (!answer.ok) return this.#refused('submitIdentity', answer.error, 'identity');
      const moved = this.#apply({ type: 'identity_confirmed', identity });
      return moved ?? ok({ step: 'login-details' as const, expiresInSeconds: this.options.expireAfterSeconds });
    });
  }

  submitLoginDetails(input: Parsed<'submitLoginDetails'>): Promise<Answer<'submitLoginDetails'>> {
    return this.#once('submitLoginDetails', input, true, async (generation) => {
      const state = this.#state!;
      if (state.step !== 'login-details') return fail('wrong_step');
      const problems = loginDetailsProblems(input, this.options.termsVersion);
      if (problems.length > 0) return invalidFields(problems);
      const captcha = this.#checkCaptcha('login-details', input);
      if (captcha) return captcha;
      const body = {
        identity: state.identity,
        email: normalizeEmail(input.email),
        password: input.password,
        acceptedTermsVersion: input.acceptedTermsVersion!,
        language: input.language ?? DEFAULT_LANGUAGE,
      };
      const answer = await this.options.portal.call('register', {
        body,
        idempotencyKey: this.#submissions.idempotencyKey('register', body),
      });
      if (generation !== this.#generation) return fail('flow_expired');
      if (!answer.ok) return this.#refused('submitLoginDetails', answer.error, 'details');
      const resendAvailableAt = Date.parse(answer.value.resendAvailableAt);
      const maskedEmail = maskEmail(body.email);
      const moved = this.#apply({
        type: 'details_accepted',
        email: body.email,
        maskedEmail,
        language: body.language,
        resendAvailableAt,
      });
      return (
        moved ??
        ok({
          step: 'activation' as const,
          maskedEmail,
          resendAvailableInSeconds: secondsUntil(resendAvailableAt, this.#now()),
        })
      );
    });
  }

  activateByCode(input: Parsed<'activateByCode'>): Promise<Answer<'activateByCode'>> {
    return this.#once('activateByCode', input, true, async (generation) => {
      const state = this.#state!;
      if (state.step === 'done') return ok({ step: 'done' as const });
      if (state.step !== 'activation') return fail('wrong_step');
      const body = { email: state.email, code: input.code };
      const answer = await this.options.portal.call('activateByCode', {
        body,
        idempotencyKey: this.#submissions.idempotencyKey('activateByCode', body),
      });
      if (generation !== this.#generation) return fail('flow_expired');
      if (!answer.ok && answer.error.code !== 'already_active')
        return this.#refused('activateByCode', answer.error, 'code');
      return this.#apply({ type: 'activated' }) ?? ok({ step: 'done' as const });
    });
  }

  resendActivation(input: Parsed<'resendActivation'>): Promise<Answer<'resendActivation'>> {
    // No replay: a later resend with the same input is a new request, not a repeated tap.
    return this.#once('resendActivation', input, false, async (generation) => {
      const state = this.#state!;
      if (state.step !== 'activation') return fail('wrong_step');
      const body = { email: state.email, language: input.language ?? state.language };
      const answer = await this.options.portal.call('resendActivation', {
        body,
        idempotencyKey: `resend-${randomUUID()}`,
      });
      if (generation !== this.#generation) return fail('flow_expired');
      if (!answer.ok) return this.#refused('resendActivation', answer.error, 'resend');
      const resendAvailableAt = Date.parse(answer.value.resendAvailableAt);
      return (
        this.#apply({ type: 'activation_resent', resendAvailableAt }) ??
        ok({ resendAvailableInSeconds: secondsUntil(resendAvailableAt, this.#now()) })
      );
    });
  }

  /** Runs a submission once per distinct input (see Submissions), within the current flow. */
  async #once<T extends Result<unknown, string>>(
    call: string,
    input: unknown,
    replay: boolean,
    run: (generation: number) => Promise<T>,
  ): Promise<T> {
    if (!this.#alive()) return fail('flow_expired') as T;
    this.#touch();
    const generation = this.#generation;
    return this.#submissions.once(call, input, { replay, step: () => this.#state?.step ?? null }, () =>
      run(generation),
    );
  }

  #apply(event: RegistrationEvent): ReturnType<typeof fail<'wrong_step'>> | null {
    const next = transition(this.#state!, event);
    if (!next.ok) {
      this.options.logger.error(
        { event: event.type, from: this.#state!.step, code: next.code },
        'registration transition refused',
      );
      return fail('wrong_step');
    }
    this.#state = next.state;
    this.#touch();
    return null;
  }

  #checkCaptcha(
    purpose: 'identity' | 'login-details',
    input: { captchaId?: string | undefined; captchaAnswer?: string | undefined },
  ) {
    if (!this.options.captcha) return null;
    const check = this.options.captcha.check(input.captchaId, purpose, input.captchaAnswer);
    return check === 'ok' ? null : fail(check === 'expired' ? 'captcha_expired' : 'captcha_wrong');
  }

  /** Each step's mapping yields only codes its call lists (checked again by the binder). */
  #refused<N extends FlowCall>(
    call: N,
    error: PortalCallError,
    step: Parameters<typeof fromPortal>[1],
  ): Failure<KioskApi[N]['errors'][number]> {
    const answer = fromPortal(error, step);
    if (answer.error.code === 'portal_unreachable')
      this.options.logger.warn({ call, code: error.code, status: error.status }, 'portal call failed');
    return answer as Failure<RegistrationError> as Failure<KioskApi[N]['errors'][number]>;
  }

  async #checkActivatedElsewhere(): Promise<void> {
    const pollMs = (this.options.statusPollSeconds ?? 3) * 1000;
    if (this.#statusCheck.running) return this.#statusCheck.running;
    if (this.#now() - this.#statusCheck.at < pollMs) return;
    const generation = this.#generation;
    const email = (this.#state as Extract<RegistrationState, { step: 'activation' }>).email;
    const check = this.options.portal
      .call('registrationStatus', { body: { email }, retry: false, timeoutMs: 3_000 })
      .then((answer) => {
        if (generation !== this.#generation) return;
        this.#statusCheck = { at: this.#now(), running: null };
        const active = answer.ok && answer.value.status === 'active';
        if (active && this.#state?.step === 'activation') this.#apply({ type: 'activated' });
      });
    this.#statusCheck = { at: this.#statusCheck.at, running: check };
    return check;
  }

  #alive(): boolean {
    if (!this.#state) return false;
    if (this.#now() - this.#touchedAt < this.options.expireAfterSeconds * 1000) return true;
    this.wipe();
    return false;
  }

  #touch(): void {
    this.#touchedAt = this.#now();
    clearTimeout(this.#timer);
    // Personal data must not outlive the flow even if nobody calls again.
    this.#timer = setTimeout(() => this.#alive(), this.options.expireAfterSeconds * 1000 + 1000);
    this.#timer.unref();
  }
}
