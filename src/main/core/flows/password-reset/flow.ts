import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { KioskApi } from '../../../../shared/kiosk-api/calls';
import type { CallOutput } from '../../../../shared/kiosk-api/types';
import { DEFAULT_LANGUAGE } from '../../../../shared/locale';
import { fail, ok, type Failure, type Result } from '../../../../shared/result';
import { normalizeEmail } from '../../../../shared/rules/email';
import type { CaptchaService } from '../../captcha/captcha-service';
import type { Logger } from '../../logger';
import type { PortalCallError, PortalClient } from '../../portal-client/client';
import { Submissions } from '../registration/submissions';
import { confirmProblems, fromPortal, invalidFields, requestProblems, type ResetError } from './errors';
import { maskEmail, type ResetState } from './state';
import { transition, type ResetEvent } from './transitions';

type FlowCall = 'requestReset' | 'confirmReset';
type Answer<N extends FlowCall> = Result<CallOutput<N>, KioskApi[N]['errors'][number]>;
type Parsed<N extends FlowCall> = z.output<KioskApi[N]['input']>;

export interface PasswordResetFlowOptions {
  portal: PortalClient;
  /** null: the kiosk's captcha is turned off. */
  captcha: CaptchaService | null;
  expireAfterSeconds: number;
  logger: Logger;
  now?: () => Date;
}

const secondsUntil = (at: number, now: number) => Math.max(0, Math.ceil((at - now) / 1000));

/**
 * The visit's forgotten password: request → code → done (password-reset.mermaid). One at a time,
 * in memory only, dropped on expiry, on cancel and when the visit is wiped. A confirmation repeated
 * while the first is running joins it, and a repeat of one that succeeded gets the same answer, so
 * a double tap on « Valider » reaches the portal once.
 */
export class PasswordResetFlow {
  #state: ResetState | null = null;
  /** Bumped whenever the flow is replaced or dropped; answers of an older flow are discarded. */
  #generation = 0;
  #touchedAt = 0;
  #timer: NodeJS.Timeout | undefined;
  readonly #submissions = new Submissions();
  readonly #now: () => number;

  constructor(private readonly options: PasswordResetFlowOptions) {
    const now = options.now ?? (() => new Date());
    this.#now = () => now().getTime();
  }

  get step(): ResetState['step'] | 'none' {
    return this.#alive() ? this.#state!.step : 'none';
  }

  start(): CallOutput<'startReset'> {
    this.wipe();
    this.#state = { step: 'request' };
    this.#touch();
    return { step: 'request', expiresInSeconds: this.options.expireAfterSeconds };
  }

  /** Forgets the flow and everything it held (the address typed, the submissions' keys). */
  wipe(): void {
    this.#generation += 1;
    this.#state = null;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#submissions.reset();
  }

  snapshot(): CallOutput<'getReset'> {
    const alive = this.#alive();
    const state = alive ? this.#state! : null;
    return {
      step: state?.step ?? 'none',
      maskedEmail: state && 'maskedEmail' in state ? state.maskedEmail : null,
      expiresInSeconds: alive
        ? secondsUntil(this.#touchedAt + this.options.expireAfterSeconds * 1000, this.#now())
        : null,
      captchaRequired: this.options.captcha !== null,
    };
  }

  /**
   * Step 1. The portal answers alike whether or not the address has an account, and so does this:
   * the answer depends only on the address being well formed and the captcha being right.
   */
  requestReset(input: Parsed<'requestReset'>): Promise<Answer<'requestReset'>> {
    // No replay: asking again later ("nothing arrived") is a new request, not a repeated tap.
    return this.#once('requestReset', input, false, async (generation) => {
      if (!['request', 'code'].includes(this.#state!.step)) return fail('wrong_step');
      const problems = requestProblems(input);
      if (problems.length > 0) return invalidFields(problems);
      const captcha = this.#checkCaptcha(input);
      if (captcha) return captcha;
      const body = { email: normalizeEmail(input.email), language: input.language ?? DEFAULT_LANGUAGE };
      // One key per request: got may retry it safely; a later request is a new one.
      const answer = await this.options.portal.call('requestReset', { body, idempotencyKey: `reset-${randomUUID()}` });
      if (generation !== this.#generation) return fail('flow_expired');
      if (!answer.ok) return this.#refused('requestReset', answer.error, 'request');
      const maskedEmail = maskEmail(body.email);
      const moved = this.#apply({ type: 'reset_requested', email: body.email, maskedEmail, language: body.language });
      return moved ?? ok({ step: 'code' as const, maskedEmail });
    });
  }

  /** Step 2: the code of the email and the new password, checked here before the portal sees them. */
  confirmReset(input: Parsed<'confirmReset'>): Promise<Answer<'confirmReset'>> {
    return this.#once('confirmReset', input, true, async (generation) => {
      const state = this.#state!;
      if (state.step !== 'code') return fail('wrong_step');
      const problems = confirmProblems(input);
      if (problems.length > 0) return invalidFields(problems);
      const body = { email: state.email, code: input.code, newPassword: input.newPassword };
      const answer = await this.options.portal.call('confirmResetByCode', {
        body,
        idempotencyKey: this.#submissions.idempotencyKey('confirmResetByCode', body),
      });
      if (generation !== this.#generation) return fail('flow_expired');
      if (!answer.ok) return this.#refused('confirmReset', answer.error, 'confirm');
      return this.#apply({ type: 'password_changed' }) ?? ok({ step: 'done' as const });
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

  #apply(event: ResetEvent): ReturnType<typeof fail<'wrong_step'>> | null {
    const next = transition(this.#state!, event);
    if (!next.ok) {
      this.options.logger.error(
        { event: event.type, from: this.#state!.step, code: next.code },
        'password reset transition refused',
      );
      return fail('wrong_step');
    }
    this.#state = next.state;
    this.#touch();
    return null;
  }

  #checkCaptcha(input: { captchaId?: string | undefined; captchaAnswer?: string | undefined }) {
    if (!this.options.captcha) return null;
    const check = this.options.captcha.check(input.captchaId, 'password-reset', input.captchaAnswer);
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
    return answer as Failure<ResetError> as Failure<KioskApi[N]['errors'][number]>;
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
    // The address must not outlive the flow even if nobody calls again.
    this.#timer = setTimeout(() => this.#alive(), this.options.expireAfterSeconds * 1000 + 1000);
    this.#timer.unref();
  }
}
