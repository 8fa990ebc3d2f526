import { staffPinSchema, type AssistedJourney } from '../../../../shared/kiosk-api/staff';
import type { CallName } from '../../../../shared/kiosk-api/calls';
import type { CallInput, CallOutput, KioskClient } from '../../../../shared/kiosk-api/types';
import type { Language } from '../../../../shared/locale';
import { errorWords } from '../i18n/errors';
import type { MessageKey, MessageParams } from '../i18n/catalogue';
import { JourneyController } from '../journey/journey-controller.svelte';

export type StaffView = 'loading' | 'pin' | 'panel';
/** The core's staff session (flows/staff/staff.mermaid); null until the PIN screen has heard from the core. */
export type StaffSession = 'locked' | 'open' | null;

export const staffView = (session: StaffSession): StaffView =>
  session === null ? 'loading' : session === 'open' ? 'panel' : 'pin';
export type StaffEntry = CallOutput<'staffEntry'>;
export type StaffStatus = CallOutput<'staffStatus'>;
export type UpdateStatus = CallOutput<'getUpdateStatus'>;

/** What the rest of the kiosk hears from staff mode. */
export interface StaffHooks {
  /** A setting changed: the kiosk reads its info (default language) and availability again. */
  onsettings: () => void;
  /** « Quitter le mode personnel »: back to the attract screen. */
  onleave: () => void;
  /** An assisted visit began (the core ended the staff session): the tenant's journey opens. */
  onassisted: (visit: CallOutput<'staffStartAssisted'>) => void;
}

/** How often the panel reads the kiosk's health while it is on screen (the outbox figures move fast). */
const STATUS_REFRESH_MS = 5_000;

/**
 * Staff mode as the screen shows it: the PIN being typed, then the panel. The session itself
 * lives in the kiosk core; when the core says it is over (`staff_locked`), the PIN screen returns.
 */
export class StaffState extends JourneyController {
  /** The core's session, as its last answer said. */
  session = $state<StaffSession>(null);
  readonly view = $derived(staffView(this.session));
  entry = $state.raw<StaffEntry | null>(null);
  pin = $state('');
  /** What went wrong with the PIN, with its parameters (a lock-out's minutes). */
  pinError = $state.raw<{ key: MessageKey; params?: MessageParams } | null>(null);
  status = $state.raw<StaffStatus | null>(null);
  update = $state.raw<UpdateStatus | null>(null);
  /** Bumped at each saved change, so the confirmation is announced again. */
  saved = $state(0);
  /** « Synchroniser maintenant » is running; bumped `synced` when it is done, to announce it. */
  syncing = $state(false);
  synced = $state(0);
  /** When the figures were read: the oldest waiting row's age is counted from it. */
  readAt = $state(Date.now());

  constructor(
    private readonly api: KioskClient,
    private readonly hooks: StaffHooks,
  ) {
    super();
  }

  /** Keeps the panel's figures fresh while it is open. */
  protected override onTick(tick: number): void {
    if (tick % (STATUS_REFRESH_MS / 1000) === 0 && this.view === 'panel') void this.refresh();
  }

  /** The screen is shown: how to unlock (the PIN's state), unless the session is open already. */
  override async resume(): Promise<void> {
    const result = await this.guard(this.api.staffEntry({}));
    if (!result) return;
    if (!result.ok) {
      // No entry to go by: the PIN screen says why.
      this.pinError = { key: errorWords('staffEntry', result.error.code) };
      this.session = 'locked';
      return;
    }
    this.entry = result.value;
    if (result.value.lockedForSeconds > 0) this.pinError = lockout(result.value.lockedForSeconds);
    this.session ??= 'locked';
  }

  async unlock(): Promise<void> {
    if (this.busy) return;
    const pin = this.pin;
    if (!staffPinSchema.safeParse(pin).success) {
      // Like any code, a PIN is never kept after a refusal: typed again from nothing.
      this.pin = '';
      this.pinError = { key: 'staff.pin.error.format' };
      return;
    }
    await this.run(async () => {
      const result = await this.guard(this.api.staffUnlock({ pin }));
      if (!result) return;
      // Never kept, whatever the answer: the next try is typed afresh.
      this.pin = '';
      if (!result.ok) {
        const { code, retryAfterSeconds } = result.error;
        this.pinError =
          code === 'staff_pin_lockout' && retryAfterSeconds
            ? lockout(retryAfterSeconds)
            : { key: errorWords('staffUnlock', code) };
        return;
      }
      this.pinError = null;
      this.notice = null;
      this.session = 'open';
      await this.refresh();
    });
  }

  /** The panel's figures and the update on its way, read together. */
  async refresh(): Promise<void> {
    const answers = await this.guard(Promise.all([this.api.staffStatus({}), this.api.getUpdateStatus({})]));
    if (!answers) return;
    const [result, update] = answers;
    this.update = update.ok ? update.value : null;
    if (this.#ended(result) || !result.ok) return;
    this.status = result.value;
    this.readAt = Date.now();
  }

  /** « Synchroniser maintenant »: every waiting write is tried now; the figures follow. */
  async syncNow(): Promise<void> {
    if (this.syncing || !this.status) return;
    this.syncing = true;
    this.notice = null;
    try {
      const synced = await this.#ask('staffSyncNow', {});
      if (!synced || !this.status) return;
      this.status = { ...this.status, ...synced };
      this.readAt = Date.now();
      this.synced++;
    } finally {
      this.syncing = false;
    }
  }

  async setDefaultLanguage(language: Language): Promise<void> {
    await this.#act('staffSetDefaultLanguage', { language }, () => this.#saved());
  }

  async setOutOfService(outOfService: boolean): Promise<void> {
    await this.#act('staffSetOutOfService', { outOfService }, () => this.#saved());
  }

  /** « Accompagner un locataire »: the core starts the assisted visit, the journey takes the screen. */
  async startAssisted(journey: AssistedJourney): Promise<void> {
    await this.#act('staffStartAssisted', { journey }, (visit) => {
      // The session is over in the core: nothing of the panel stays behind the tenant's journey.
      this.reset();
      this.hooks.onassisted(visit);
    });
  }

  /** « Ré-enrôler cette borne »: the set-up screen then covers the kiosk (it follows the core's mode). */
  async reenrol(): Promise<void> {
    await this.#ask('setupBegin', {});
  }

  /** « Quitter le mode personnel »: the core forgets the session, the kiosk goes back to its attract screen. */
  async leave(): Promise<void> {
    await this.api.staffLeave({});
    this.reset();
    this.hooks.onleave();
  }

  /** « Annuler » on the PIN screen: no session to end, straight back to the attract screen. */
  cancel(): void {
    this.reset();
    this.hooks.onleave();
  }

  reset(): void {
    this.endVisit();
    this.session = null;
    this.entry = this.status = this.update = this.pinError = null;
    this.pin = '';
    this.saved = this.synced = 0;
    this.syncing = false;
  }

  /**
   * A panel call's value; undefined when the visit ended, when the core ended the session (back to
   * the PIN) or when the call was refused (worded above the panel).
   */
  async #ask<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N> | undefined> {
    const result = await this.guard(this.api[name](input));
    if (!result || this.#ended(result)) return;
    if (result.ok) return result.value;
    this.notice = errorWords(name, result.error.code);
  }

  /** One panel action at a time, the last one's notice cleared: `then` gets the core's answer. */
  async #act<N extends CallName>(name: N, input: CallInput<N>, then: (value: CallOutput<N>) => unknown): Promise<void> {
    if (this.busy) return;
    this.notice = null;
    await this.run(async () => {
      const value = await this.#ask(name, input);
      if (value) await then(value);
    });
  }

  async #saved(): Promise<void> {
    this.saved++;
    this.hooks.onsettings();
    await this.refresh();
  }

  /** A staff tool of the panel was answered `staff_locked`: back to the PIN, like the panel's own calls. */
  locked(): void {
    this.#ended({ ok: false, error: { code: 'staff_locked' } });
  }

  /** The core ended the session (idle there, a restart): back to the PIN, saying why. */
  #ended(result: { ok: boolean; error?: { code: string } }): boolean {
    if (result.ok || result.error?.code !== 'staff_locked') return false;
    this.session = 'locked';
    this.status = this.update = null;
    this.pinError = { key: 'staff.error.locked' };
    return true;
  }
}

const lockout = (seconds: number) => ({
  key: 'staff.pin.error.lockout' as const,
  params: { minutes: Math.max(1, Math.ceil(seconds / 60)) },
});
