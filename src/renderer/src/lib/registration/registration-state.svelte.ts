import type { RegistrationStep } from '../../../../shared/kiosk-api/registration';
import type { MessageKey } from '../i18n/catalogue';
import { errorWords } from '../i18n/errors';
import { CaptchaJourney } from '../journey/captcha-journey.svelte';
import { fieldErrors, isCodeRefusal, SIX_DIGITS, type FieldErrors } from '../journey/fields';
import { IDENTITY_FIELDS, IdentityForm } from './identity-form.svelte';
import { DETAILS_FIELDS, LoginDetailsForm } from './login-details-form.svelte';
import { REGISTRATION_FIELD_WORDS } from './registration-fields';
import {
  AS_ONLINE,
  NEXT_TO_FORM,
  POLL_EVERY_TICKS,
  registrationView,
  type Failure,
  type IdentityOutcome,
  type Terms,
} from './registration-view';

/**
 * First registration as the tenant lives it: the two forms, the captcha, the activation code
 * and where they are. The flow itself lives in the kiosk core; this keeps only what is on screen.
 */
/** Its steps are the core's (registration.mermaid). */
export class RegistrationState extends CaptchaJourney<RegistrationStep> {
  readonly view = $derived(registrationView(this.step, this.correcting));
  readonly identity = new IdentityForm();
  readonly details = new LoginDetailsForm();
  code = $state('');
  codeError = $state<MessageKey | null>(null);
  termsVersion = $state<string | null>(null);
  terms = $state.raw<Terms | null>(null);
  outcome = $state.raw<IdentityOutcome>(null);
  /** A happy message (a new email was sent). */
  info = $state<MessageKey | null>(null);
  /** Step 1 could check only the form (the service was out of reach): step 2 says so. */
  checkedOffline = $state(false);
  /** The queued registration could not be delivered at all: the queued screen sends to the front desk. */
  notDelivered = $state(false);
  /** The activation code was saved, not yet checked by the service. */
  doneQueued = $state(false);
  /** Epoch ms after which step 1 may be tried again / an email resent. */
  cooldownUntil = $state<number | null>(null);
  resendAt = $state<number | null>(null);

  readonly cooldownLeft = $derived(this.secondsUntil(this.cooldownUntil));
  readonly resendLeft = $derived(this.secondsUntil(this.resendAt));
  /** The address the activation email goes to (see `shown`). */
  readonly shownEmail = $derived(this.shown(this.details.email));

  /** While the screen waits for the activation: watch for the link. */
  protected override onTick(tick: number): void {
    const waiting = this.view === 'activation' || (this.view === 'queued' && !this.notDelivered);
    if (waiting && tick % POLL_EVERY_TICKS === 0) void this.poll();
  }

  override async resume(): Promise<void> {
    const result = await this.guard(this.api.getRegistration({}));
    if (!result) return;
    if (!result.ok) return this.flowNotice(result.error.code);
    const state = result.value;
    this.captchaRequired = state.captchaRequired;
    this.termsVersion = state.termsVersion;
    if (state.step === 'activation' || state.step === 'done' || state.step === 'queued') {
      this.maskedEmail = state.maskedEmail;
      this.notDelivered = state.refusal === 'not_delivered';
      if (state.resendAvailableInSeconds !== null) this.resendAt = this.inSeconds(state.resendAvailableInSeconds);
      this.step = state.step;
      return;
    }
    if (state.step === 'none') {
      const started = await this.guard(this.api.startRegistration({}));
      if (!started) return;
      if (!started.ok) return this.flowNotice(started.error.code);
      this.#restarted();
    } else this.step = state.step;
    await this.newCaptcha();
  }

  override async newCaptcha(): Promise<void> {
    if (this.view !== 'identity' && this.view !== 'login-details') return;
    const purpose = this.view;
    await this.drawCaptcha(purpose, () => this.view === purpose);
  }

  async submitIdentity(): Promise<void> {
    if (this.busy || this.cooldownLeft > 0) return;
    const form = this.identity;
    this.notice = this.outcome = null;
    await this.run(async () => {
      // In the run: whether a captcha is asked is known only once the screen has resumed.
      if (!form.check(this.captchaRequired)) return form.clearSecrets();
      const result = await this.guard(this.api.submitIdentity(form.input(this.captcha?.id ?? null)));
      if (!result) return;
      form.clearSecrets();
      if (result.ok) {
        this.step = 'login-details';
        this.correcting = false;
        this.checkedOffline = result.value.checkedBy === 'form';
        this.captcha = null;
      } else this.#identityRefused(result.error);
      await this.newCaptcha();
    });
  }

  #identityRefused(error: Failure): void {
    const errors = this.#common(error, IDENTITY_FIELDS);
    if (errors) this.identity.errors = errors;
    else if (error.code === 'identity_not_found')
      this.outcome = { kind: 'not-found', swapped: error.hint === 'names_swapped' };
    else if (error.code === 'already_registered') this.outcome = { kind: 'already-registered' };
  }

  async submitLoginDetails(): Promise<void> {
    if (this.busy || this.cooldownLeft > 0) return;
    const form = this.details;
    this.notice = null;
    await this.run(async () => {
      // In the run: whether a captcha is asked is known only once the screen has resumed.
      if (!form.check(this.captchaRequired)) return form.clearSecrets();
      const input = form.input(this.termsVersion, this.language(), this.captcha?.id ?? null);
      const result = await this.guard(this.api.submitLoginDetails(input));
      if (!result) return;
      if (result.ok) {
        form.clearSecrets({ passwords: true });
        this.maskedEmail = result.value.maskedEmail;
        if (result.value.step === 'activation') this.resendAt = this.inSeconds(result.value.resendAvailableInSeconds);
        this.captcha = null;
        this.notDelivered = false;
        this.step = result.value.step;
        return;
      }
      await this.#detailsRefused(result.error);
      form.clearSecrets();
      await this.newCaptcha();
    });
  }

  async #detailsRefused(error: Failure): Promise<void> {
    const errors = this.#common(error, DETAILS_FIELDS);
    if (errors) {
      this.details.errors = errors;
      if (errors.acceptedTermsVersion === 'register.error.terms_outdated') await this.#termsChanged();
    } else if (error.code === 'email_in_use')
      this.details.errors = { email: errorWords('submitLoginDetails', error.code) };
    else if (error.code === 'terms_outdated') {
      this.details.errors = { acceptedTermsVersion: 'register.error.terms_outdated' };
      await this.#termsChanged();
    } else if (error.code === 'identity_not_found' || error.code === 'already_registered') {
      // The lease changed between the steps: step 1 says what to do.
      this.correcting = true;
      this.#identityRefused(error);
    }
  }

  async #termsChanged(): Promise<void> {
    this.details.termsAccepted = false;
    this.terms = null;
    const state = await this.api.getRegistration({});
    if (state.ok) this.termsVersion = state.value.termsVersion;
  }

  /** Field errors, the captcha, cool-down and flow problems: what both steps answer alike. */
  #common<F extends string>(error: Failure, known: readonly F[]): FieldErrors<F> | null {
    switch (error.code) {
      case 'invalid_input':
      case 'invalid_fields':
        return fieldErrors(REGISTRATION_FIELD_WORDS, error.fields, known);
      case 'captcha_wrong':
      case 'captcha_expired':
        return { captchaAnswer: errorWords('submitIdentity', error.code) } as FieldErrors<F>;
      case 'cooldown':
        this.#cooldownOr(error);
        return null;
      case 'wrong_step':
        void this.resume();
        return null;
      case 'flow_expired':
        this.flowNotice(error.code);
        void this.api.startRegistration({}).then((r) => r.ok && this.#restarted());
        return null;
      default:
        this.flowNotice(error.code);
        return null;
    }
  }

  #cooldownOr(error: { code: string; retryAfterSeconds?: number }): void {
    if (error.code !== 'cooldown') return this.flowNotice(error.code);
    this.cooldownUntil = this.inSeconds(error.retryAfterSeconds ?? 60);
  }

  protected override flowNotice(code: string): void {
    // Every registration call shares one table of words.
    this.notice = NEXT_TO_FORM.has(code) ? null : errorWords('submitLoginDetails', code);
  }

  /** A fresh flow at step 1. */
  #restarted(): void {
    this.step = 'identity';
    this.correcting = false;
  }

  /** Step 2 → step 1, to correct a detail; the core allows it. */
  backToIdentity(): void {
    this.correcting = true;
    this.notice = null;
    this.details.clearSecrets({ passwords: true });
    void this.newCaptcha();
  }

  async loadTerms(): Promise<void> {
    const language = this.language();
    if (this.terms?.language === language) return;
    const result = await this.guard(this.api.getTerms({ language }));
    if (!result) return;
    if (result.ok) this.terms = result.value;
    else this.flowNotice(result.error.code);
  }

  async activate(): Promise<void> {
    if (this.busy || this.cooldownLeft > 0) return;
    this.codeError = this.info = null;
    if (!SIX_DIGITS.test(this.code)) {
      this.codeError = 'register.error.code_format';
      return;
    }
    await this.run(async () => {
      const result = await this.guard(this.api.activateByCode({ code: this.code }));
      if (!result) return;
      this.code = '';
      if (result.ok) {
        this.doneQueued = result.value.queued;
        this.step = 'done';
      } else if (isCodeRefusal(result.error.code)) this.codeError = errorWords('activateByCode', result.error.code);
      else if (result.error.code === 'wrong_step') await this.resume();
      else this.#cooldownOr(result.error);
    });
  }

  async resend(): Promise<void> {
    if (this.busy || this.resendLeft > 0) return;
    this.info = this.notice = this.codeError = null;
    await this.run(async () => {
      const result = await this.guard(this.api.resendActivation({ language: this.language() }));
      if (!result) return;
      if (result.ok) {
        this.resendAt = this.inSeconds(result.value.resendAvailableInSeconds);
        this.info = result.value.queued ? 'register.resend.queued' : 'register.resend.done';
      } else if (result.error.code === 'resend_cooldown') {
        this.resendAt = this.inSeconds(result.error.retryAfterSeconds ?? 60);
      } else if (result.error.code === 'resend_daily_cap') this.notice = 'register.error.resend_daily_cap';
      else this.#cooldownOr(result.error);
    });
  }

  /**
   * A link opened on a phone finishes the activation; a queued registration answered by the
   * service moves on to the code, or back to the step its refusal is about: the kiosk follows.
   */
  async poll(): Promise<void> {
    const result = await this.guard(this.api.getRegistration({}));
    if (!result?.ok) return;
    const state = result.value;
    if (this.view === 'activation' && state.step === 'done') this.step = 'done';
    if (this.view !== 'queued') return;
    if (state.step === 'activation') {
      this.resendAt = this.inSeconds(state.resendAvailableInSeconds ?? 0);
      this.step = 'activation';
    } else if (state.refusal === 'not_delivered') this.notDelivered = true;
    else if (state.refusal && (state.step === 'identity' || state.step === 'login-details')) {
      this.step = state.step;
      this.correcting = false;
      this.checkedOffline = false;
      await this.#detailsRefused(AS_ONLINE[state.refusal]);
      await this.newCaptcha();
    } else if (state.step === 'none') await this.resume();
  }

  /** The end of the visit: every value, error and step forgotten. */
  reset(): void {
    this.endVisit();
    this.identity.reset();
    this.details.reset();
    this.code = '';
    this.codeError = this.info = null;
    this.terms = this.outcome = null;
    this.cooldownUntil = this.resendAt = null;
    this.checkedOffline = this.notDelivered = this.doneQueued = false;
  }
}
