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
import { checkCaptcha, logUnreachable } from '../common/checks';
import { FlowLifetime } from '../common/flow-lifetime';
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

/**
 * The visit's forgotten password: request → code → done (password-reset.mermaid). One at a time,
 * in memory only, dropped on expiry, on cancel and when the visit is wiped. A confirmation repeated
 * while the first is running joins it, and a repeat of one that succeeded gets the same answer, so
 * a double tap on « Valider » reaches the portal once. Expiry, double taps and late answers are
 * handled by FlowLifetime, alike for the registration.
 */
export class PasswordResetFlow {
  readonly #flow: FlowLifetime<ResetState, ResetEvent>;

  constructor(private readonly options: PasswordResetFlowOptions) {
    const now = options.now ?? (() => new Date());
    this.#flow = new FlowLifetime({
      name: 'password reset',
      expireAfterSeconds: options.expireAfterSeconds,
      now: () => now().getTime(),
      logger: options.logger,
      transition,
    });
  }

  get step(): ResetState['step'] | 'none' {
    return this.#flow.live()?.step ?? 'none';
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
      step: state?.step ?? 'none',
      maskedEmail: state && 'maskedEmail' in state ? state.maskedEmail : null,
      expiresInSeconds: state ? this.#flow.secondsLeft() : null,
      captchaRequired: this.options.captcha !== null,
    };
  }

  /**
   * Step 1. The portal answers alike whether or not the address has an account, and so does this:
   * the answer depends only on the address being well formed and the captcha being right.
   */
  requestReset(input: Parsed<'requestReset'>): Promise<Answer<'requestReset'>> {
    // No replay: asking again later ("nothing arrived") is a new request, not a repeated tap.
    return this.#flow.once('requestReset', input, false, async (generation, state) => {
      if (!['request', 'code'].includes(state.step)) return fail('wrong_step');
      const problems = requestProblems(input);
      if (problems.length > 0) return invalidFields(problems);
      const captcha = checkCaptcha(this.options.captcha, 'password-reset', input);
      if (captcha) return captcha;
      const body = { email: normalizeEmail(input.email), language: input.language ?? DEFAULT_LANGUAGE };
      // One key per request: got may retry it safely; a later request is a new one.
      const answer = await this.options.portal.call('requestReset', { body, idempotencyKey: `reset-${randomUUID()}` });
      if (generation !== this.#flow.generation) return fail('flow_expired');
      if (!answer.ok) return this.#refused('requestReset', answer.error, 'request');
      const maskedEmail = maskEmail(body.email);
      const moved = this.#flow.apply({
        type: 'reset_requested',
        email: body.email,
        maskedEmail,
        language: body.language,
      });
      return moved ?? ok({ step: 'code' as const, maskedEmail });
    });
  }

  /** Step 2: the code of the email and the new password, checked here before the portal sees them. */
  confirmReset(input: Parsed<'confirmReset'>): Promise<Answer<'confirmReset'>> {
    return this.#flow.once('confirmReset', input, true, async (generation, state) => {
      if (state.step !== 'code') return fail('wrong_step');
      const problems = confirmProblems(input);
      if (problems.length > 0) return invalidFields(problems);
      const body = { email: state.email, code: input.code, newPassword: input.newPassword };
      const answer = await this.options.portal.call('confirmResetByCode', {
        body,
        idempotencyKey: this.#flow.submissions.idempotencyKey('confirmResetByCode', body),
      });
      if (generation !== this.#flow.generation) return fail('flow_expired');
      if (!answer.ok) return this.#refused('confirmReset', answer.error, 'confirm');
      return this.#flow.apply({ type: 'password_changed' }) ?? ok({ step: 'done' as const });
    });
  }

  /** Each step's mapping yields only codes its call lists (checked again by the binder). */
  #refused<N extends FlowCall>(
    call: N,
    error: PortalCallError,
    step: Parameters<typeof fromPortal>[1],
  ): Failure<KioskApi[N]['errors'][number]> {
    const answer = logUnreachable(this.options.logger, call, error, fromPortal(error, step));
    return answer as Failure<ResetError> as Failure<KioskApi[N]['errors'][number]>;
  }
}
