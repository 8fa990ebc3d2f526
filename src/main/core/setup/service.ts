import { z } from 'zod';
import type { CallOutput, KioskApi } from '../../../shared/kiosk-api';
import type { SETUP_ERRORS, SetupMode } from '../../../shared/kiosk-api/setup';
import { fail, ok, type Result } from '../../../shared/result';
import { isLoopbackUrl, type KioskConfig } from '../config';
import type { KioskDb } from '../db/open';
import type { Logger } from '../logger';
import type { KioskSync } from '../outbox/sync';
import type { KioskEnrolment } from '../portal-client/enrolment';
import type { PortalMonitor } from '../portal-status';
import { hashStaffPin } from '../staff/pin-hash';
import type { StaffService } from '../staff/service';
import type { PortalEndpoint } from './portal-endpoint';
import { writeStoredSetup } from './stored-setup';

type SetupError = (typeof SETUP_ERRORS)[number];
type Summary = CallOutput<'setupEnrol'>;
type EnrolInput = z.output<KioskApi['setupEnrol']['input']>;

/** How long « Ré-enrôler » (with a staff session) leaves the set-up form open to staff. */
const GRANT_MS = 15 * 60_000;

const portalUrlSchema = z.url({ protocol: /^https?$/ });

export interface SetupOptions {
  db: KioskDb;
  /** The core's own configuration object: the address and label chosen here replace its own. */
  config: KioskConfig;
  enrolment: KioskEnrolment;
  endpoint: PortalEndpoint;
  monitor: PortalMonitor;
  sync: KioskSync;
  staff: StaffService;
  logger: Logger;
  now?: () => Date;
}

/**
 * The set-up screen's side in the core: which screen the kiosk needs (set-up, « borne désactivée »,
 * re-enrolment or none) and the enrolment typed by staff. A first start needs no PIN (none exists
 * yet); every later enrolment needs a staff session, so nobody in the hall can point the kiosk at
 * another portal.
 */
export class KioskSetup {
  #grantUntil = 0;
  #enrolling: Promise<unknown> = Promise.resolve();
  readonly #now: () => Date;

  constructor(private readonly options: SetupOptions) {
    this.#now = options.now ?? (() => new Date());
  }

  async mode(): Promise<SetupMode> {
    const { enrolment, config } = this.options;
    await enrolment.load();
    if (this.#granted()) return 'reenrol';
    if (enrolment.state === 'revoked') return 'revoked';
    if (enrolment.state === 'enrolled') return 'ready';
    return enrolment.state === 'code_refused' || !config.enrolmentCode ? 'setup' : 'ready';
  }

  async state(): Promise<CallOutput<'setupState'>> {
    const mode = await this.mode();
    const { config } = this.options;
    return {
      mode,
      portalUrl: config.portalUrl ?? '',
      label: config.kioskId,
      pinRequired: mode === 'setup' && !this.#pinExists(),
      locked: !this.#open(mode),
    };
  }

  /**
   * Whether enrolling is open now. Only a kiosk that has no staff PIN at all (its very first
   * start) is open to whoever stands there; once a PIN exists, staff type it first (setupBegin).
   */
  #open(mode: SetupMode): boolean {
    if (mode === 'reenrol') return true;
    return mode === 'setup' && !this.#pinExists();
  }

  #pinExists(): boolean {
    return this.options.staff.pinMode !== 'not_configured';
  }

  /** Staff asked to enrol again (panel, or the « borne désactivée » screen after their PIN). */
  async begin(): Promise<Result<{ mode: SetupMode }, 'staff_locked'>> {
    if (!this.options.staff.isActive()) return fail('staff_locked');
    this.#grantUntil = this.#now().getTime() + GRANT_MS;
    return ok({ mode: await this.mode() });
  }

  async cancel(): Promise<{ mode: SetupMode }> {
    this.#grantUntil = 0;
    return { mode: await this.mode() };
  }

  /** One at a time: two taps on « Enrôler » must not trade the code twice. */
  enrol(input: EnrolInput): Promise<Result<Summary, SetupError>> {
    const attempt = this.#enrolling.then(() => this.#enrol(input));
    this.#enrolling = attempt.catch(() => undefined);
    return attempt;
  }

  async #enrol(input: EnrolInput): Promise<Result<Summary, SetupError>> {
    const { config, enrolment, endpoint, logger } = this.options;
    const mode = await this.mode();
    if (!this.#open(mode)) return fail('setup_not_allowed');
    const url = portalUrlSchema.safeParse(input.portalUrl);
    if (!url.success) return fail('portal_address_invalid', { fields: ['portalUrl'] });
    if (url.data.startsWith('http:') && !isLoopbackUrl(url.data) && !config.allowInsecurePortal)
      return fail('portal_address_insecure', { fields: ['portalUrl'] });
    if (input.pin === '' && !this.#pinExists()) return fail('pin_required', { fields: ['pin'] });
    if (input.pin !== input.pinAgain) return fail('pin_mismatch', { fields: ['pinAgain'] });

    const previous = endpoint.url;
    endpoint.retarget(url.data);
    const answer = await enrolment.enrolWith(input.enrolmentCode, input.label);
    if (!answer.ok) {
      endpoint.retarget(previous);
      const code = answer.error.code;
      logger.warn({ code }, 'on-screen enrolment refused');
      if (code === 'enrolment_code_used' || code === 'enrolment_code_expired' || code === 'enrolment_code_invalid')
        return fail(code, { fields: ['enrolmentCode'] });
      if (code === 'invalid_input') return fail('enrolment_code_invalid', { fields: ['enrolmentCode'] });
      return fail('portal_unreachable', { fields: ['portalUrl'] });
    }

    const pinHash = input.pin ? await hashStaffPin(input.pin) : null;
    await writeStoredSetup(this.options.db, { portalUrl: url.data, label: input.label, pinHash }, this.#now());
    if (pinHash) this.options.staff.usePinHash(pinHash);
    config.portalUrl = url.data;
    config.kioskId = input.label;
    this.options.monitor.retarget(url.data);
    this.#grantUntil = 0;
    logger.info({ portalKioskId: answer.value.kioskId }, 'kiosk set up on screen');
    return ok(await this.#summary(answer.value, input.label, url.data));
  }

  /** What the kiosk got, nothing secret; rows that waited (a revoked kiosk's) are sent now. */
  async #summary(enrolled: { kioskId: string; agencyCode: string }, label: string, portalUrl: string) {
    const { sync, endpoint } = this.options;
    const [key, settings] = await Promise.all([
      sync.keys.refresh(),
      endpoint.call('kioskConfig', { retry: false, timeoutMs: 5_000 }),
    ]);
    void sync.heartbeat.beat();
    void sync.outbox.syncNow();
    return {
      kioskId: enrolled.kioskId,
      label,
      agencyCode: enrolled.agencyCode,
      portalUrl,
      termsVersion: settings.ok ? settings.value.termsVersion : null,
      keyId: key?.keyId ?? null,
      settings: settings.ok ? { ...settings.value.settings } : {},
    };
  }

  #granted(): boolean {
    return this.#grantUntil > this.#now().getTime();
  }
}
