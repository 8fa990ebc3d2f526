import type { AssistedJourney } from '../../../../shared/kiosk-api/staff';
import type { CallOutput, CallResult, KioskClient } from '../../../../shared/kiosk-api/types';
import type { Language } from '../../../../shared/locale';
import { errorMessageKey } from '../i18n/errors';
import type { MessageKey, MessageParams } from '../i18n/catalogue';

export type StaffView = 'loading' | 'pin' | 'panel';
export type StaffEntry = CallOutput<'staffEntry'>;
export type StaffStatus = CallOutput<'staffStatus'>;

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
export const STATUS_REFRESH_MS = 5_000;
const PIN_FORMAT = /^\d{4,8}$/;

/**
 * Staff mode as the screen shows it: the PIN being typed, then the panel. The session itself
 * lives in the kiosk core; when the core says it is over (`staff_locked`), the PIN screen returns.
 */
export class StaffState {
  view = $state<StaffView>('loading');
  entry = $state.raw<StaffEntry | null>(null);
  pin = $state('');
  /** What went wrong with the PIN, with its parameters (a lock-out's minutes). */
  pinError = $state.raw<{ key: MessageKey; params?: MessageParams } | null>(null);
  status = $state.raw<StaffStatus | null>(null);
  /** A panel call that failed, or null. */
  notice = $state<MessageKey | null>(null);
  /** Bumped at each saved change, so the confirmation is announced again. */
  saved = $state(0);
  busy = $state(false);
  /** « Synchroniser maintenant » is running; bumped `synced` when it is done, to announce it. */
  syncing = $state(false);
  synced = $state(0);
  /** When the figures were read: the oldest waiting row's age is counted from it. */
  readAt = $state(Date.now());
  /** Bumped by each reset: an answer arriving after it belongs to a session that is over. */
  #generation = 0;

  constructor(
    private readonly api: KioskClient,
    private readonly hooks: StaffHooks,
  ) {}

  /** The screen is shown: ask how to unlock, and keep the panel's figures fresh while it is open. */
  attach(): () => void {
    void this.loadEntry();
    const timer = setInterval(() => {
      if (this.view === 'panel') void this.refresh();
    }, STATUS_REFRESH_MS);
    return () => clearInterval(timer);
  }

  async loadEntry(): Promise<void> {
    const gen = this.#generation;
    const result = await this.api.staffEntry({});
    if (gen !== this.#generation) return;
    if (!result.ok) {
      this.pinError = { key: errorMessageKey(result.error.code) };
      this.view = 'pin';
      return;
    }
    this.entry = result.value;
    if (result.value.lockedForSeconds > 0) this.pinError = lockout(result.value.lockedForSeconds);
    if (this.view === 'loading') this.view = 'pin';
  }

  async unlock(): Promise<void> {
    if (this.busy) return;
    const pin = this.pin;
    if (!PIN_FORMAT.test(pin)) {
      // Like any code, a PIN is never kept after a refusal: typed again from nothing.
      this.pin = '';
      this.pinError = { key: 'staff.pin.error.format' };
      return;
    }
    this.busy = true;
    const gen = this.#generation;
    try {
      const result = await this.api.staffUnlock({ pin });
      if (gen !== this.#generation) return;
      // Never kept, whatever the answer: the next try is typed afresh.
      this.pin = '';
      if (!result.ok) {
        const { code, retryAfterSeconds } = result.error;
        this.pinError =
          code === 'staff_pin_lockout' && retryAfterSeconds
            ? lockout(retryAfterSeconds)
            : { key: errorMessageKey(code) };
        return;
      }
      this.pinError = null;
      this.notice = null;
      this.view = 'panel';
      await this.refresh();
    } finally {
      this.busy = false;
    }
  }

  async refresh(): Promise<void> {
    const gen = this.#generation;
    const result = await this.api.staffStatus({});
    if (gen !== this.#generation) return;
    if (this.#ended(result)) return;
    if (result.ok) {
      this.status = result.value;
      this.readAt = Date.now();
    }
  }

  /** « Synchroniser maintenant »: every waiting write is tried now; the figures follow. */
  async syncNow(): Promise<void> {
    if (this.syncing || !this.status) return;
    this.syncing = true;
    this.notice = null;
    const gen = this.#generation;
    try {
      const result = await this.api.staffSyncNow({});
      if (gen !== this.#generation || this.#ended(result)) return;
      if (!result.ok) {
        this.notice = errorMessageKey(result.error.code);
        return;
      }
      this.status = { ...this.status, outbox: result.value.outbox, lastSyncAt: result.value.lastSyncAt };
      this.readAt = Date.now();
      this.synced++;
    } finally {
      this.syncing = false;
    }
  }

  async setDefaultLanguage(language: Language): Promise<void> {
    await this.#change(() => this.api.staffSetDefaultLanguage({ language }));
  }

  async setOutOfService(outOfService: boolean): Promise<void> {
    await this.#change(() => this.api.staffSetOutOfService({ outOfService }));
  }

  /** « Accompagner un locataire »: the core starts the assisted visit, the journey takes the screen. */
  async startAssisted(journey: AssistedJourney): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.notice = null;
    const gen = this.#generation;
    try {
      const result = await this.api.staffStartAssisted({ journey });
      if (gen !== this.#generation || this.#ended(result)) return;
      if (!result.ok) {
        this.notice = errorMessageKey(result.error.code);
        return;
      }
      // The session is over in the core: nothing of the panel stays behind the tenant's journey.
      this.reset();
      this.hooks.onassisted(result.value);
    } finally {
      this.busy = false;
    }
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
    this.#generation++;
    this.view = 'loading';
    this.entry = this.status = this.pinError = null;
    this.pin = '';
    this.notice = null;
    this.saved = this.synced = 0;
    this.busy = this.syncing = false;
  }

  async #change(call: () => Promise<CallResult<'staffSetDefaultLanguage' | 'staffSetOutOfService'>>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.notice = null;
    const gen = this.#generation;
    try {
      const result = await call();
      if (gen !== this.#generation || this.#ended(result)) return;
      if (!result.ok) {
        this.notice = errorMessageKey(result.error.code);
        return;
      }
      this.saved++;
      this.hooks.onsettings();
      await this.refresh();
    } finally {
      this.busy = false;
    }
  }

  /** The core ended the session (idle there, a restart): back to the PIN, saying why. */
  #ended(result: { ok: boolean; error?: { code: string } }): boolean {
    if (result.ok || result.error?.code !== 'staff_locked') return false;
    this.view = 'pin';
    this.status = null;
    this.pinError = { key: 'staff.error.locked' };
    return true;
  }
}

const lockout = (seconds: number) => ({
  key: 'staff.pin.error.lockout' as const,
  params: { minutes: Math.max(1, Math.ceil(seconds / 60)) },
});
