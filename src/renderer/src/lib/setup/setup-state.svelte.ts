import type { SetupMode } from '../../../../shared/kiosk-api/setup';
import { staffPinSchema } from '../../../../shared/kiosk-api/staff';
import type { CallOutput, KioskClient } from '../../../../shared/kiosk-api/types';
import type { MessageKey } from '../i18n/catalogue';
import { errorWords } from '../i18n/errors';

export type SetupSummary = CallOutput<'setupEnrol'>;
export type SetupField = 'portalUrl' | 'enrolmentCode' | 'label' | 'pin' | 'pinAgain';

/** How often the kiosk asks whether it needs the set-up (or « borne désactivée ») screen. */
export const SETUP_POLL_MS = 1_500;
const LABEL_FORMAT = /^[\p{L}\p{N} ._'-]{1,64}$/u;

/**
 * The set-up screen as staff see it: the kiosk core says which screen is needed (`mode`); this
 * holds the form, its errors, and the summary shown until « Terminer ». A refusal keeps what was
 * typed except the code and the PINs.
 */
export class SetupState {
  mode = $state<SetupMode>('ready');
  pinRequired = $state(false);
  /** Staff type their PIN before the form (« borne désactivée », or a PIN already set here). */
  locked = $state(false);
  portalUrl = $state('');
  enrolmentCode = $state('');
  label = $state('');
  pin = $state('');
  pinAgain = $state('');
  errors = $state.raw<Partial<Record<SetupField, MessageKey>>>({});
  /** A refusal that is about no one field (the session ended). */
  notice = $state<MessageKey | null>(null);
  busy = $state(false);
  summary = $state.raw<SetupSummary | null>(null);
  /** « Borne désactivée »: staff typing their PIN to enrol again. */
  unlocking = $state(false);
  staffPin = $state('');
  staffPinError = $state<MessageKey | null>(null);
  #prefilled = false;

  constructor(private readonly api: KioskClient) {}

  /** Whether the overlay covers the kiosk. */
  get open(): boolean {
    return this.summary !== null || this.mode !== 'ready';
  }

  attach(): () => void {
    void this.refresh();
    const timer = setInterval(() => void this.refresh(), SETUP_POLL_MS);
    return () => clearInterval(timer);
  }

  async refresh(): Promise<void> {
    const answer = await this.api.setupState({});
    if (!answer.ok) return;
    const { mode, portalUrl, label, pinRequired, locked } = answer.value;
    if (mode !== this.mode) this.#prefilled = false;
    this.mode = mode;
    this.pinRequired = pinRequired;
    this.locked = locked;
    if (!this.#prefilled && mode !== 'ready') {
      this.portalUrl ||= portalUrl;
      this.label ||= label;
      this.#prefilled = true;
    }
  }

  async enrol(): Promise<void> {
    if (this.busy) return;
    const errors = this.#check();
    this.errors = errors;
    this.notice = null;
    if (Object.keys(errors).length > 0) return;
    this.busy = true;
    try {
      const answer = await this.api.setupEnrol({
        portalUrl: this.portalUrl,
        enrolmentCode: this.enrolmentCode,
        label: this.label,
        pin: this.pin,
        pinAgain: this.pinAgain,
      });
      if (answer.ok) {
        this.summary = answer.value;
        this.#clearSecrets();
        await this.refresh();
        return;
      }
      const key = errorWords('setupEnrol', answer.error.code);
      const field = answer.error.fields?.[0] as SetupField | undefined;
      if (field) this.errors = { [field]: key };
      else this.notice = key;
      // Never kept after a refusal: the code and the PINs are typed again.
      this.#clearSecrets();
    } finally {
      this.busy = false;
    }
  }

  #check(): Partial<Record<SetupField, MessageKey>> {
    const errors: Partial<Record<SetupField, MessageKey>> = {};
    if (!/^https?:\/\/\S+$/.test(this.portalUrl.trim())) errors.portalUrl = 'setup.error.portal_address_invalid';
    if (this.enrolmentCode.trim().length < 8) errors.enrolmentCode = 'setup.error.code_format';
    if (!LABEL_FORMAT.test(this.label.trim())) errors.label = 'setup.error.label';
    if (this.pin === '' && this.pinRequired) errors.pin = 'setup.error.pin_required';
    else if (this.pin !== '' && !staffPinSchema.safeParse(this.pin).success) errors.pin = 'setup.error.pin_format';
    else if (this.pin !== this.pinAgain) errors.pinAgain = 'setup.error.pin_mismatch';
    return errors;
  }

  #clearSecrets(): void {
    this.enrolmentCode = '';
    this.pin = '';
    this.pinAgain = '';
  }

  /** « Borne désactivée » (or a locked set-up) → staff PIN → the form (the core checks the session). */
  async unlock(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.staffPinError = null;
    try {
      const unlocked = await this.api.staffUnlock({ pin: this.staffPin });
      this.staffPin = '';
      if (!unlocked.ok) {
        this.staffPinError =
          unlocked.error.code === 'staff_pin_lockout' ? 'staff.pin.error.lockoutLater' : 'staff.pin.error.wrong';
        return;
      }
      await this.begin();
      this.unlocking = false;
    } finally {
      this.busy = false;
    }
  }

  /** « Ré-enrôler cette borne » from the staff panel. */
  async begin(): Promise<void> {
    const answer = await this.api.setupBegin({});
    if (answer.ok) this.mode = answer.value.mode;
    this.#prefilled = false;
    await this.refresh();
  }

  async cancel(): Promise<void> {
    const answer = await this.api.setupCancel({});
    this.#clearSecrets();
    this.errors = {};
    if (answer.ok) this.mode = answer.value.mode;
  }

  /** « Terminer » on the summary. */
  finish(): void {
    this.summary = null;
    this.errors = {};
    this.notice = null;
  }
}
