import { createHash } from 'node:crypto';
import { signedInTenantSchema } from '../../../../shared/kiosk-api/login';
import type { CallAnswer, CallOutput, ParsedInput } from '../../../../shared/kiosk-api/types';
import { DEFAULT_LANGUAGE, type Language } from '../../../../shared/locale';
import { fail, ok } from '../../../../shared/result';
import { normalizeEmail } from '../../../../shared/rules/email';
import type { Logger } from '../../logger';
import type { PortalCallError, PortalClient } from '../../portal-client/client';
import { FlowLifetime } from '../common/flow-lifetime';
import { sendActivationResend } from '../common/resend';
import type { JourneyOutbox } from '../common/journey-outbox';
import { countsAsFailure, fromPortal, loginProblems } from './errors';
import { loginMachine, SIGNED_OUT, type LoginEvent, type LoginState } from './state';

export interface LoginFlowOptions {
  /** Login is a direct call: no password material is ever kept on a kiosk, so offline it cannot be checked. */
  portal: PortalClient;
  /** Where the outcome of each attempt is recorded (codes only); none in some tests. */
  journey?: JourneyOutbox | null;
  logger: Logger;
  now?: () => Date;
  /** How long « Se déconnecter » waits for the portal before going on without it. */
  logoutTimeoutMs?: number;
}

/**
 * The visit's login (login.mermaid): signed out, with the visit's count of refused attempts, or
 * signed in, holding the portal's session token. The token lives here only — the renderer gets
 * the tenant's first name, email and account number — and dies with the visit: « Se déconnecter »,
 * « Terminer », the idle wipe and a new visit all end it at the portal as far as it answers.
 */
export class LoginFlow {
  /** Never expires on its own; each wipe bumps its generation, so a late answer reaches nobody. */
  readonly #flow: FlowLifetime<LoginState, LoginEvent>;
  /** The attempt in flight: a repeated tap with the same email + password joins it. */
  #running: { key: string; answer: Promise<CallAnswer<'login'>> } | null = null;
  readonly #logouts = new Set<Promise<void>>();
  /** The address of this visit's last login answered `not_activated` (for « renvoyer l'email »). */
  #notActivated: string | null = null;

  constructor(private readonly options: LoginFlowOptions) {
    this.#flow = new FlowLifetime('login', loginMachine, { ...options, expireAfterSeconds: null });
    this.#flow.start(SIGNED_OUT);
  }

  session(): CallOutput<'getSession'> {
    const state = this.#current();
    return state.step === 'signed-in' ? { signedIn: true, tenant: state.tenant } : { signedIn: false };
  }

  login(input: ParsedInput<'login'>): Promise<CallAnswer<'login'>> {
    // A digest, so the joined attempt is recognised without keeping the password around.
    const key = createHash('sha256').update(`${input.email}\u0000${input.password}`).digest('base64');
    if (this.#running?.key === key) return this.#running.answer;
    const before: Promise<unknown> = this.#running?.answer ?? Promise.resolve();
    const generation = this.#flow.generation;
    const answer = before.then(async () => {
      const result = await this.#attempt(input, generation);
      // Written down before the tenant hears it; `visit_ended` reached nobody.
      if (result.ok || result.error.code !== 'visit_ended') await this.#record(result);
      return result;
    });
    const running = { key, answer };
    this.#running = running;
    void answer.finally(() => {
      if (this.#running === running) this.#running = null;
    });
    return answer;
  }

  /** « Se déconnecter »: forgotten here at once, then ended at the portal unless it is too slow. */
  async logout(): Promise<CallOutput<'logout'>> {
    const state = this.#current();
    this.#apply({ type: 'signed_out' });
    if (state.step === 'signed-in') await this.#endAtPortal(state.sessionToken, this.options.logoutTimeoutMs ?? 3_000);
    return { loggedOut: true };
  }

  /**
   * « Renvoyer l'email d'activation » on the login screen (issue #12): only after this visit's login
   * was answered `not_activated` — a right password — and only to the address typed for it; the
   * screen never names an address. Recorded as a journey outcome, codes only.
   */
  async resendActivation(language: Language | undefined): Promise<CallAnswer<'loginResendActivation'>> {
    const { journey, logger } = this.options;
    if (this.#notActivated === null || !journey) return fail('no_address');
    const body = { email: this.#notActivated, language: language ?? DEFAULT_LANGUAGE };
    const sent = await sendActivationResend(journey, body, () => this.#flow.now(), logger);
    const outcome = sent.ok ? (sent.value.queued ? 'queued' : 'requested') : sent.error.code;
    await journey.record('resend_activation', outcome, 'login');
    if (!sent.ok) return sent;
    const resendAvailableInSeconds = this.#flow.secondsUntil(sent.value.resendAvailableAt);
    return ok({ queued: sent.value.queued, resendAvailableInSeconds });
  }

  /** The end of the visit: the session, the failure count and any answer still on its way are forgotten. */
  wipe(): void {
    const state = this.#current();
    this.#notActivated = null;
    this.#flow.start(SIGNED_OUT);
    this.#running = null;
    if (state.step === 'signed-in') void this.#endAtPortal(state.sessionToken);
  }

  /** Resolves once the portal logouts started so far have finished (for a clean shutdown, and tests). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.#logouts]);
  }

  async #attempt(input: ParsedInput<'login'>, generation: number): Promise<CallAnswer<'login'>> {
    if (generation !== this.#flow.generation) return fail('visit_ended');
    const problems = loginProblems(input);
    if (problems.length > 0) return fail('invalid_fields', { fields: problems });
    const before = this.#current();
    if (before.step === 'signed-out' && before.retryAt !== null && before.retryAt > this.#flow.now())
      return fail('slow_down', { retryAfterSeconds: this.#flow.secondsUntil(before.retryAt) });
    if (before.step === 'signed-in') {
      // Someone signs in again in the same visit: the earlier session ends first.
      this.#apply({ type: 'signed_out' });
      void this.#endAtPortal(before.sessionToken);
    }

    // No Idempotency-Key, so no retry either: the portal would keep a replayable answer holding the token.
    const opened = await this.options.portal.call('login', {
      body: { email: normalizeEmail(input.email), password: input.password },
    });
    if (generation !== this.#flow.generation) {
      if (opened.ok) void this.#endAtPortal(opened.value.sessionToken);
      return fail('visit_ended');
    }
    // A right password to a pending account: only then may the screen offer a new activation email.
    this.#notActivated = !opened.ok && opened.error.code === 'not_activated' ? normalizeEmail(input.email) : null;
    if (!opened.ok) return this.#refused(opened.error);

    const { sessionToken, expiresAt, idleTimeoutSeconds } = opened.value;
    const me = await this.options.portal.call('me', { sessionToken, timeoutMs: 8_000 });
    const tenant = me.ok ? signedInTenantSchema.strip().safeParse(me.value) : null;
    if (generation !== this.#flow.generation || !tenant?.success) {
      void this.#endAtPortal(sessionToken);
      if (generation !== this.#flow.generation) return fail('visit_ended');
      this.options.logger.warn(
        { call: 'login', step: 'me', code: me.ok ? 'bad_tenant' : me.error.code },
        'portal call failed',
      );
      return fail('portal_unreachable');
    }
    // The portal drops a session unused for idleTimeoutSeconds; the kiosk never uses it after this.
    const end = Math.min(Date.parse(expiresAt), this.#flow.now() + idleTimeoutSeconds * 1000);
    const moved = this.#apply({ type: 'signed_in', sessionToken, tenant: tenant.data, expiresAt: end });
    if (!moved) {
      void this.#endAtPortal(sessionToken);
      return fail('portal_unreachable');
    }
    return ok({ tenant: tenant.data });
  }

  async #record(result: CallAnswer<'login'>): Promise<void> {
    const code = result.ok ? 'ok' : result.error.code === 'portal_unreachable' ? 'unavailable' : result.error.code;
    if (code === 'unavailable') this.options.journey?.recheck();
    await this.options.journey?.record('login', code);
  }

  #refused(error: PortalCallError): CallAnswer<'login'> {
    const answer = this.#flow.refused('login', error, { login: fromPortal });
    const code = answer.error.code;
    if (!countsAsFailure(code)) return answer as CallAnswer<'login'>;
    const at = this.#flow.now();
    this.#apply({ type: 'attempt_refused', at });
    const state = this.#current();
    const wait = state.step === 'signed-out' && state.retryAt !== null ? this.#flow.secondsUntil(state.retryAt) : 0;
    // The longer of the portal's lock and the kiosk's own wait is the one the tenant must see.
    const retryAfterSeconds = Math.max(wait, answer.error.retryAfterSeconds ?? 0);
    return retryAfterSeconds > 0 ? fail(code, { retryAfterSeconds }) : fail(code);
  }

  /** The state now, a session past its end forgotten (the portal has dropped it already). */
  #current(): LoginState {
    const state = this.#flow.held ?? SIGNED_OUT;
    if (state.step === 'signed-in' && state.expiresAt <= this.#flow.now()) this.#flow.apply({ type: 'signed_out' });
    return this.#flow.held ?? SIGNED_OUT;
  }

  /** Moves the login by `event` (a refused transition is a bug: logged by the lifetime). */
  #apply(event: LoginEvent): boolean {
    this.#current();
    return this.#flow.apply(event) === null;
  }

  /** Best effort: a session the portal cannot be told about still dies there when idle. */
  #endAtPortal(sessionToken: string, timeoutMs = 5_000): Promise<void> {
    const done = this.options.portal
      .call('logout', { sessionToken, body: {}, retry: false, timeoutMs })
      .then((answer) => {
        if (!answer.ok && answer.error.code !== 'session_invalid')
          this.options.logger.warn({ call: 'logout', code: answer.error.code }, 'portal logout failed');
      });
    this.#logouts.add(done);
    void done.finally(() => this.#logouts.delete(done));
    return done;
  }
}
