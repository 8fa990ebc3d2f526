import type { LOGIN_FIELD_REASONS, SignedInTenant } from '../../../../shared/kiosk-api/login';
import type { CallResult, KioskClient } from '../../../../shared/kiosk-api/types';
import { errorWords } from '../i18n/errors';
import { fieldErrors, type FieldErrors, type FieldWords } from '../journey/fields';
import * as checks from '../journey/form-checks';
import { JourneyController } from '../journey/journey-controller.svelte';

export type LoginView = 'form' | 'signed-in';
export type LoginField = 'email' | 'password';
type Failure = Extract<CallResult<'login'>, { ok: false }>['error'];

/** `invalid_fields` reasons (and `invalid_input` fields) → the words under the field. */
const FIELD_WORDS: FieldWords<typeof LOGIN_FIELD_REASONS, LoginField> = {
  reasons: {
    'email:required': 'field.error.required',
    'email:invalid': 'journey.error.email',
    'password:required': 'field.error.required',
  },
  byField: { email: 'journey.error.email', password: 'field.error.required' },
};
const FIELDS: readonly LoginField[] = ['email', 'password'];

/**
 * « Me connecter » as the tenant lives it: the form, what the portal said, and once signed in the
 * view of who they are. The session itself stays in the kiosk core; nothing here outlives the visit.
 */
export class LoginState extends JourneyController {
  email = $state('');
  password = $state('');
  errors = $state<FieldErrors<LoginField>>({});
  /** The right password for an account still waiting for its activation email. */
  notActivated = $state(false);
  /** Who the core says is signed in (null: nobody); the view follows it. */
  tenant = $state.raw<SignedInTenant | null>(null);
  readonly view = $derived<LoginView>(this.tenant ? 'signed-in' : 'form');
  /** Epoch ms before which a new attempt is refused (the portal's lock, the kiosk's slow-down). */
  retryAt = $state<number | null>(null);

  /**
   * The service cannot check a password now (no password is ever kept on a kiosk): said in a
   * block of its own, with what to do, rather than as one more red line.
   */
  readonly unavailable = $derived(this.notice === 'login.error.portal_unreachable');
  readonly waitLeft = $derived(this.secondsUntil(this.retryAt));

  constructor(private readonly api: KioskClient) {
    super();
  }

  /** Signed in already (back from elsewhere)? */
  override async resume(): Promise<void> {
    const result = await this.guard(this.api.getSession({}));
    if (!result?.ok) return;
    if (result.value.signedIn) this.#signedIn(result.value.tenant);
    else this.tenant = null;
  }

  /** Checks what can be checked here, so an empty field never costs the tenant an attempt. */
  check(): boolean {
    this.errors = checks.found({ email: checks.email(this.email), password: checks.required(this.password) });
    return Object.keys(this.errors).length === 0;
  }

  async submit(): Promise<void> {
    if (this.busy || this.waitLeft > 0) return;
    this.notice = null;
    this.notActivated = false;
    if (!this.check()) return;
    await this.run(async () => {
      const result = await this.guard(this.api.login({ email: this.email, password: this.password }));
      if (!result) return;
      // Whatever the answer, the password is typed again: it never waits on screen.
      this.password = '';
      if (result.ok) this.#signedIn(result.value.tenant);
      else this.#refused(result.error);
    });
  }

  #refused(error: Failure): void {
    if (error.retryAfterSeconds) {
      this.retryAt = this.inSeconds(error.retryAfterSeconds);
    }
    if (error.code === 'invalid_fields' || error.code === 'invalid_input') {
      this.errors = fieldErrors(FIELD_WORDS, error.fields, FIELDS);
      if (Object.keys(this.errors).length === 0) this.notice = 'error.invalid_input';
    } else if (error.code === 'not_activated') this.notActivated = true;
    // Other refusals are worded above the form (the fields keep what was typed, but the password).
    else if (error.code !== 'visit_ended') this.notice = errorWords('login', error.code);
  }

  /** « Se déconnecter »: the core forgets the session and tells the portal; the screen forgets the tenant. */
  async logout(): Promise<void> {
    await this.run(async (visit) => {
      try {
        await this.api.logout({});
      } finally {
        if (!visit.aborted) this.reset();
      }
    });
  }

  #signedIn(tenant: SignedInTenant): void {
    this.#clearForm();
    this.tenant = tenant;
  }

  /** What was typed and what was said about it: gone once signed in, and at the end of the visit. */
  #clearForm(): void {
    this.email = this.password = '';
    this.errors = {};
    this.notice = null;
    this.notActivated = false;
    this.retryAt = null;
  }

  /** The end of the visit (or of the session): every value, message and the tenant's view forgotten. */
  reset(): void {
    this.endVisit();
    this.#clearForm();
    this.tenant = null;
  }
}
