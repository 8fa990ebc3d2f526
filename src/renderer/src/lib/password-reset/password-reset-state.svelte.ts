import type { ResetStep } from '../../../../shared/kiosk-api/password-reset';
import type { CallResult } from '../../../../shared/kiosk-api/types';
import { errorWords } from '../i18n/errors';
import { CaptchaJourney } from '../journey/captcha-journey.svelte';
import { fieldErrors } from '../journey/fields';
import { Countdown } from '../journey/countdown.svelte';
import {
  ConfirmForm,
  RequestForm,
  RESET_FIELD_WORDS,
  type ConfirmField,
  type RequestField,
} from './reset-forms.svelte';

export type ResetView = 'request' | 'code' | 'done';

/** What the screen shows at the core's step: step 1 until there is a flow, or while the tenant corrects the address. */
export const resetView = (step: ResetStep, correcting: boolean): ResetView =>
  step === 'none' || (step === 'code' && correcting) ? 'request' : step;
type Failure<N extends 'requestReset' | 'confirmReset'> = Extract<CallResult<N>, { ok: false }>['error'];

const REQUEST_FIELDS: readonly RequestField[] = ['email', 'captchaAnswer'];
const CONFIRM_FIELDS: readonly ConfirmField[] = ['code', 'newPassword', 'newPasswordConfirmation'];

/**
 * The forgotten password as the tenant lives it: the address and captcha, then the code of the
 * email and the new password, then done. The flow itself lives in the kiosk core; this keeps only
 * what is on screen, and never tells an address with an account from one without.
 */
export class PasswordResetState extends CaptchaJourney<ResetStep> {
  // `correcting`: back from step 2 to correct the address or have a new email sent.
  readonly view = $derived(resetView(this.step, this.correcting));
  readonly request = new RequestForm();
  readonly confirm = new ConfirmForm();
  /**
   * The request (at `code`) or the new password (at `done`) is saved in the kiosk, waiting for
   * the service: the screens say the email or the change will come when it answers.
   */
  queued = $state(false);
  /** The address the code goes to (see `shown`). */
  readonly shownEmail = $derived(this.shown(this.request.email));
  /** Until the portal's interval has passed, « recevoir un nouvel email » could not work: a countdown instead. */
  readonly resendWait = new Countdown();

  /** A saved new password: followed until the service answers it. */
  protected override onTick(tick: number): void {
    if (tick % 3 === 0 && this.view === 'done' && this.queued) void this.resume();
  }

  /** The screen is shown: resume where the core's flow stands (after a help page), or start one. */
  override async resume(): Promise<void> {
    const result = await this.guard(this.api.getReset({}));
    if (!result) return;
    if (!result.ok) return this.flowNotice(result.error.code);
    this.captchaRequired = result.value.captchaRequired;
    const { step, maskedEmail, refusal } = result.value;
    const wasQueued = this.view === 'done' && this.queued;
    this.queued = result.value.queued;
    if (result.value.resendAvailableInSeconds !== null) this.resendWait.set(result.value.resendAvailableInSeconds);
    else this.resendWait.clear();
    if (wasQueued && step === 'code') {
      // The saved new password came back refused: the code step says why.
      this.step = step;
      this.correcting = false;
      if (refusal === 'not_delivered') this.notice = 'reset.error.not_delivered';
      else if (refusal) this.confirm.errors = { code: errorWords('confirmReset', refusal) };
      return;
    }
    if (step === 'none') {
      await this.#restart();
      return;
    }
    // Back on step 1 to correct the address is the tenant's choice (`correcting`); the core allows it.
    this.step = step;
    if (step === 'code' || step === 'done') this.maskedEmail = maskedEmail;
    await this.newCaptcha();
  }

  override async newCaptcha(): Promise<void> {
    if (this.view !== 'request') return;
    await this.drawCaptcha('password-reset', () => this.view === 'request');
  }

  /** Step 1. Whatever the address, a well-formed one leads to step 2 with the same words. */
  async submitRequest(): Promise<void> {
    if (this.busy) return;
    const form = this.request;
    this.notice = null;
    await this.run(async () => {
      // In the run: whether a captcha is asked is known only once the screen has resumed.
      if (!form.check(this.captchaRequired)) {
        form.captchaAnswer = '';
        return;
      }
      const result = await this.guard(
        this.api.requestReset({
          email: form.email,
          language: this.language(),
          ...(this.captcha ? { captchaId: this.captcha.id, captchaAnswer: form.captchaAnswer } : {}),
        }),
      );
      if (!result) return;
      form.captchaAnswer = '';
      if (result.ok) {
        this.maskedEmail = result.value.maskedEmail;
        this.queued = result.value.queued;
        if (result.value.resendAvailableInSeconds !== null) this.resendWait.set(result.value.resendAvailableInSeconds);
        else this.resendWait.clear();
        this.captcha = null;
        this.confirm.reset();
        this.step = 'code';
        this.correcting = false;
        return;
      }
      await this.#requestRefused(result.error);
      await this.newCaptcha();
    });
  }

  async #requestRefused(error: Failure<'requestReset'>): Promise<void> {
    switch (error.code) {
      case 'invalid_fields':
      case 'invalid_input':
        this.request.errors = fieldErrors(RESET_FIELD_WORDS, error.fields, REQUEST_FIELDS);
        return;
      case 'captcha_wrong':
      case 'captcha_expired':
        this.request.errors = { captchaAnswer: errorWords('requestReset', error.code) };
        return;
      default:
        return this.#common(error.code);
    }
  }

  /** Step 2. The code is cleared after every answer; the passwords once used, or refused themselves. */
  async submitConfirm(): Promise<void> {
    if (this.busy) return;
    const form = this.confirm;
    this.notice = null;
    await this.run(async () => {
      if (!form.check()) return form.clearSecrets();
      const result = await this.guard(
        this.api.confirmReset({
          code: form.code,
          newPassword: form.newPassword,
          newPasswordConfirmation: form.newPasswordConfirmation,
        }),
      );
      if (!result) return;
      if (result.ok) {
        form.clearSecrets({ passwords: true });
        this.queued = result.value.queued;
        this.step = 'done';
        return;
      }
      await this.#confirmRefused(result.error);
      form.clearSecrets();
    });
  }

  async #confirmRefused(error: Failure<'confirmReset'>): Promise<void> {
    switch (error.code) {
      case 'invalid_fields':
      case 'invalid_input':
        this.confirm.errors = fieldErrors(RESET_FIELD_WORDS, error.fields, CONFIRM_FIELDS);
        return;
      case 'code_wrong':
      case 'code_expired':
      case 'code_locked':
        this.confirm.errors = { code: errorWords('confirmReset', error.code) };
        return;
      default:
        return this.#common(error.code);
    }
  }

  /** Step 2 → step 1, the address still typed: to correct it, or to have a new email sent. */
  async again(): Promise<void> {
    this.correcting = true;
    this.notice = null;
    this.confirm.reset();
    this.request.errors = {};
    await this.newCaptcha();
  }

  /** Done, on to the login: the reset is over, nothing of it is kept for the rest of the visit. */
  async leave(): Promise<void> {
    this.reset();
    await this.api.cancelReset({});
  }

  async #common(code: string): Promise<void> {
    if (code === 'wrong_step') return this.resume();
    this.flowNotice(code);
    if (code === 'flow_expired') await this.#restart();
  }

  /** A fresh flow at step 1; the address typed stays on screen (the notice says why). */
  async #restart(): Promise<void> {
    const started = await this.guard(this.api.startReset({}));
    if (!started) return;
    if (!started.ok) return this.flowNotice(started.error.code);
    this.step = 'request';
    this.correcting = false;
    this.maskedEmail = null;
    this.confirm.reset();
    await this.newCaptcha();
  }

  protected override flowNotice(code: string): void {
    // About the whole step rather than a field: worded above the form.
    this.notice = errorWords('requestReset', code);
  }

  /** The end of the visit: every value, error and step forgotten. */
  reset(): void {
    this.endVisit();
    this.request.reset();
    this.confirm.reset();
    this.queued = false;
  }
}
