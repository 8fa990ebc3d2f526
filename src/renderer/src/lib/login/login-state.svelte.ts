import type { SignedInTenant } from '../../../../shared/kiosk-api/login';
import type { CallResult, KioskClient } from '../../../../shared/kiosk-api/types';
import { emailSchema } from '../../../../shared/rules/email';
import type { MessageKey } from '../i18n/catalogue';

export type LoginView = 'form' | 'signed-in';
export type LoginField = 'email' | 'password';
type Failure = Extract<CallResult<'login'>, { ok: false }>['error'];

/** Refusals worded above the form (the fields keep what was typed, but the password). */
const NOTICES: Partial<Record<Failure['code'], MessageKey>> = {
  invalid_credentials: 'login.error.invalid_credentials',
  account_locked: 'login.error.account_locked',
  too_many_attempts: 'login.error.too_many_attempts',
  slow_down: 'login.error.slow_down',
  portal_unreachable: 'login.error.portal_unreachable',
  unavailable: 'login.error.portal_unreachable',
  forbidden: 'error.forbidden',
};

/** `invalid_fields` reasons (and `invalid_input` fields) → the words under the field. */
const FIELD_ERRORS: Record<string, MessageKey> = {
  'email:required': 'field.error.required',
  'email:invalid': 'login.error.email',
  email: 'login.error.email',
  'password:required': 'field.error.required',
  password: 'field.error.required',
};

/**
 * « Me connecter » as the tenant lives it: the form, what the portal said, and once signed in the
 * view of who they are. The session itself stays in the kiosk core; nothing here outlives the visit.
 */
export class LoginState {
  view = $state<LoginView>('form');
  email = $state('');
  password = $state('');
  errors = $state<Partial<Record<LoginField, MessageKey>>>({});
  /** What the last attempt said about the whole form, or null. */
  notice = $state<MessageKey | null>(null);
  /** The right password for an account still waiting for its activation email. */
  notActivated = $state(false);
  tenant = $state.raw<SignedInTenant | null>(null);
  busy = $state(false);
  /** Epoch ms before which a new attempt is refused (the portal's lock, the kiosk's slow-down). */
  retryAt = $state<number | null>(null);
  now = $state(Date.now());
  /** Bumped by each wipe: an answer arriving after it belongs to the previous visitor. */
  #generation = 0;

  /**
   * The service cannot check a password now (no password is ever kept on a kiosk): said in a
   * block of its own, with what to do, rather than as one more red line.
   */
  readonly unavailable = $derived(this.notice === 'login.error.portal_unreachable');
  readonly waitLeft = $derived(this.retryAt ? Math.max(0, (this.retryAt - this.now) / 1000) : 0);

  constructor(private readonly api: KioskClient) {}

  /** The screen is shown: signed in already (back from elsewhere)? Tick the countdown meanwhile. */
  attach(): () => void {
    void this.resume();
    const timer = setInterval(() => (this.now = Date.now()), 1000);
    return () => clearInterval(timer);
  }

  async resume(): Promise<void> {
    const gen = this.#generation;
    const result = await this.api.getSession({});
    if (gen !== this.#generation || !result.ok) return;
    if (result.value.signedIn) this.#signedIn(result.value.tenant);
    else if (this.view === 'signed-in') this.#signedOut();
  }

  /** Checks what can be checked here, so an empty field never costs the tenant an attempt. */
  check(): boolean {
    const errors: Partial<Record<LoginField, MessageKey>> = {};
    if (!this.email) errors.email = 'field.error.required';
    else if (!emailSchema.safeParse(this.email).success) errors.email = 'login.error.email';
    if (!this.password) errors.password = 'field.error.required';
    this.errors = errors;
    return Object.keys(errors).length === 0;
  }

  async submit(): Promise<void> {
    if (this.busy || this.waitLeft > 0) return;
    this.notice = null;
    this.notActivated = false;
    if (!this.check()) return;
    this.busy = true;
    const gen = this.#generation;
    try {
      const result = await this.api.login({ email: this.email, password: this.password });
      if (gen !== this.#generation) return;
      // Whatever the answer, the password is typed again: it never waits on screen.
      this.password = '';
      if (result.ok) this.#signedIn(result.value.tenant);
      else this.#refused(result.error);
    } finally {
      if (gen === this.#generation) this.busy = false;
    }
  }

  #refused(error: Failure): void {
    if (error.retryAfterSeconds) {
      this.retryAt = Date.now() + error.retryAfterSeconds * 1000;
      this.now = Date.now();
    }
    if (error.code === 'invalid_fields' || error.code === 'invalid_input') {
      const errors: Partial<Record<LoginField, MessageKey>> = {};
      for (const entry of error.fields ?? []) {
        const field = entry.split(':')[0] as LoginField;
        const key = FIELD_ERRORS[entry] ?? FIELD_ERRORS[field];
        if (key && !errors[field]) errors[field] = key;
      }
      this.errors = errors;
      if (Object.keys(errors).length === 0) this.notice = 'error.invalid_input';
    } else if (error.code === 'not_activated') this.notActivated = true;
    else if (error.code !== 'visit_ended') this.notice = NOTICES[error.code] ?? 'error.internal';
  }

  /** « Se déconnecter »: the core forgets the session and tells the portal; the screen forgets the tenant. */
  async logout(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    const gen = this.#generation;
    try {
      await this.api.logout({});
    } finally {
      if (gen === this.#generation) this.reset();
    }
  }

  #signedIn(tenant: SignedInTenant): void {
    this.#clearForm();
    this.tenant = tenant;
    this.view = 'signed-in';
  }

  /** What was typed and what was said about it: gone once signed in, and at the end of the visit. */
  #clearForm(): void {
    this.email = this.password = '';
    this.errors = {};
    this.notice = null;
    this.notActivated = false;
    this.retryAt = null;
  }

  #signedOut(): void {
    this.tenant = null;
    this.view = 'form';
  }

  /** The end of the visit (or of the session): every value, message and the tenant's view forgotten. */
  reset(): void {
    this.#generation++;
    this.#clearForm();
    this.view = 'form';
    this.tenant = null;
    this.busy = false;
  }
}
