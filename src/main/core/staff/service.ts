import type { CallOutput } from '../../../shared/kiosk-api';
import type { Language } from '../../../shared/locale';
import { fail, ok, type Failure, type Result } from '../../../shared/result';
import type { KioskDb } from '../db/open';
import type { Logger } from '../logger';
import type { OutboxFigures } from '../../../shared/portal-api/outbox';
import type { KioskEnrolment } from '../portal-client/enrolment';
import type { Outbox } from '../outbox/types';
import type { PortalMonitor } from '../portal-status';
import type { VisitTracker } from '../visits';
import type { AssistedJourney } from '../../../shared/kiosk-api/staff';
import type { AssistedVisit } from './assisted';
import { StaffAudit, type AuditAction, type AuditOutcome } from './audit';
import { DEMO_STAFF_PIN, DEMO_STAFF_PIN_HASH } from './demo-pin';
import { PinGuard } from './pin-guard';
import { STAFF_PIN_PATTERN, verifyStaffPin } from './pin-hash';
import { StaffSession, type SessionEnd } from '../flows/staff/session';
import type { KioskSettings } from './settings';
import { readHealth } from './status';

export interface StaffOptions {
  db: KioskDb;
  /** The configured hash (already the demo one in the demo), or null: staff mode is off. */
  pinHash: string | null;
  kioskId: string;
  version: string;
  settings: KioskSettings;
  portal: PortalMonitor;
  enrolment: KioskEnrolment | null;
  /** A staff session ends after this long without a staff call. */
  sessionIdleMs: number;
  logger: Logger;
  now?: () => Date;
  /**
   * Where each audit row is also queued for the portal (an `event` row), and whose figures the
   * panel shows; null: kept locally only, nothing to show.
   */
  outbox?: Pick<Outbox, 'enqueueWith' | 'figures' | 'syncNow'> | null;
  /** Assisted visits (issue #12): started here only, with a live staff session. */
  assisted: AssistedVisit;
  visits: Pick<VisitTracker, 'start'>;
  /** The idle wait of an assisted visit (longer than a tenant's own: two people talk meanwhile). */
  assistedIdle: { warnAfterSeconds: number; countdownSeconds: number };
}

type UnlockError = 'staff_pin_wrong' | 'staff_pin_lockout' | 'staff_not_configured';

const NO_FIGURES: OutboxFigures = { byKind: {}, oldestPendingAt: null, refusedCodes: {} };

/**
 * Staff mode in the kiosk core: the PIN check (with its persistent lock-out), the staff session,
 * the settings staff change and the audit of everything they do. Ends with the visit (onWipe).
 */
export class StaffService {
  readonly #now: () => Date;
  readonly #guard: PinGuard;
  readonly #audit: StaffAudit;
  readonly #session: StaffSession;
  /** PIN checks one at a time: each costs 128 MiB, and the wrong-PIN count must not race. */
  #unlocking: Promise<unknown> = Promise.resolve();
  /** Audit writes started from synchronous places (the visit's wipe), awaited before closing. */
  readonly #pending = new Set<Promise<void>>();

  constructor(private readonly options: StaffOptions) {
    this.#now = options.now ?? (() => new Date());
    this.#guard = new PinGuard(options.db, this.#now);
    this.#audit = new StaffAudit(options.db, this.#now, options.outbox ?? null);
    this.#session = new StaffSession(options.sessionIdleMs, this.#now);
  }

  get audit(): StaffAudit {
    return this.#audit;
  }

  /** The PIN chosen on the set-up screen (its hash): it wins over the configured one. */
  usePinHash(pinHash: string): void {
    this.options.pinHash = pinHash;
  }

  get pinMode(): CallOutput<'staffEntry'>['pin'] {
    const { pinHash } = this.options;
    return pinHash === null ? 'not_configured' : pinHash === DEMO_STAFF_PIN_HASH ? 'demo' : 'configured';
  }

  async entry(): Promise<CallOutput<'staffEntry'>> {
    const mode = this.pinMode;
    return {
      pin: mode,
      lockedForSeconds: mode === 'not_configured' ? 0 : await this.#guard.lockedFor(),
      demoPin: mode === 'demo' ? DEMO_STAFF_PIN : null,
    };
  }

  unlock(pin: string): Promise<Result<{ unlocked: true }, UnlockError>> {
    const attempt = this.#unlocking.then(() => this.#unlock(pin));
    this.#unlocking = attempt.catch(() => undefined);
    return attempt;
  }

  async #unlock(pin: string): Promise<Result<{ unlocked: true }, UnlockError>> {
    const { pinHash } = this.options;
    if (pinHash === null) {
      await this.#audit.record('unlock', 'not_configured');
      return fail('staff_not_configured');
    }
    const wait = await this.#guard.lockedFor();
    if (wait > 0) {
      await this.#audit.record('unlock', 'locked_out');
      return fail('staff_pin_lockout', { retryAfterSeconds: wait });
    }
    const right = STAFF_PIN_PATTERN.test(pin) && (await verifyStaffPin(pin, pinHash));
    if (!right) {
      const lockout = await this.#guard.recordFailure();
      await this.#audit.record('unlock', 'wrong_pin', lockout ? `lockout:${lockout}` : null);
      if (lockout) this.options.logger.warn({ lockoutSeconds: lockout }, 'staff entry locked after wrong PINs');
      return lockout ? fail('staff_pin_lockout', { retryAfterSeconds: lockout }) : fail('staff_pin_wrong');
    }
    await this.#guard.recordSuccess();
    this.#session.begin();
    await this.#audit.record('unlock', 'ok');
    return ok({ unlocked: true as const });
  }

  async status(): Promise<Result<CallOutput<'staffStatus'>, 'staff_locked'>> {
    if (!this.#active()) return fail('staff_locked');
    const { db, portal, enrolment, kioskId, version } = this.options;
    const [health, settings, outbox, enrolledAs] = await Promise.all([
      readHealth({ db, portal, enrolment, now: this.#now }),
      this.options.settings.get(),
      this.#figures(),
      enrolment?.portalKioskId() ?? null,
    ]);
    return ok({
      // Enrolled, the kiosk is the portal's `k_…` (as on the fleet page), not its configured name.
      kioskId: enrolledAs ?? kioskId,
      version,
      ...health,
      defaultLanguage: settings.defaultLanguage,
      outOfService: settings.outOfService,
      pin: this.pinMode === 'demo' ? 'demo' : 'configured',
      outbox,
    });
  }

  /** « Synchroniser maintenant »: every waiting row is tried now, backoff or not. */
  async syncNow(): Promise<Result<CallOutput<'staffSyncNow'>, 'staff_locked'>> {
    if (!this.#active()) return this.#refused('sync_now');
    await this.options.outbox?.syncNow();
    await this.#audit.record('sync_now', 'ok');
    const { db, portal, enrolment } = this.options;
    const [health, outbox] = await Promise.all([
      readHealth({ db, portal, enrolment, now: this.#now }),
      this.#figures(),
    ]);
    return ok({ outbox, lastSyncAt: health.lastSyncAt });
  }

  #figures(): Promise<OutboxFigures> {
    return this.options.outbox?.figures() ?? Promise.resolve(NO_FIGURES);
  }

  async setDefaultLanguage(language: Language): Promise<Result<{ defaultLanguage: Language }, 'staff_locked'>> {
    if (!this.#active()) return this.#refused('set_default_language');
    const settings = await this.options.settings.setDefaultLanguage(language);
    await this.#audit.record('set_default_language', 'ok', language);
    return ok({ defaultLanguage: settings.defaultLanguage });
  }

  async setOutOfService(outOfService: boolean): Promise<Result<{ outOfService: boolean }, 'staff_locked'>> {
    if (!this.#active()) return this.#refused('set_out_of_service');
    const settings = await this.options.settings.setOutOfService(outOfService);
    await this.#audit.record('set_out_of_service', 'ok', outOfService ? 'on' : 'off');
    this.options.logger.info({ outOfService }, 'kiosk service state changed by staff');
    return ok({ outOfService: settings.outOfService });
  }

  /**
   * Starts a tenant journey in assisted mode. The staff session ends first (staff hand the screen
   * to the tenant, nothing of staff mode stays open behind the journey), then the new visit starts
   * and, only then, is marked assisted: the new visit's wipe of the old one cannot clear it.
   */
  async startAssisted(journey: AssistedJourney): Promise<Result<CallOutput<'staffStartAssisted'>, 'staff_locked'>> {
    if (!this.#active()) return this.#refused('assisted_visit_start');
    // Ended before any await: a second call racing this one finds no session (one visit per PIN).
    const ended = this.#session.end();
    await this.#audit.record('assisted_visit_start', 'ok', journey);
    if (ended) await this.#audit.record('session_end', 'ok', 'assisted');
    await this.options.visits.start();
    this.options.assisted.begin(journey);
    return ok({ journey, idle: { ...this.options.assistedIdle } });
  }

  async leave(): Promise<Result<{ left: true }, 'staff_locked'>> {
    if (!this.#active()) return this.#refused('leave');
    this.#session.end();
    await this.#audit.record('leave', 'ok');
    return ok({ left: true as const });
  }

  /** Whether a staff session is open, for staff-only reads kept outside this service (updates). */
  isActive(): boolean {
    return this.#active();
  }

  /** The visit ended (« Terminer », idle, a new visit, shutdown): so does any staff session. */
  endSession(reason: SessionEnd): void {
    if (this.#session.end()) this.#track('session_end', 'ok', reason);
  }

  /** Waits for audit rows still being written (before the database closes). */
  async settle(): Promise<void> {
    await Promise.all([...this.#pending]);
  }

  #active(): boolean {
    return this.#session.touch(() => this.#track('session_end', 'ok', 'expired'));
  }

  /** A staff call without a session: refused, and written down (someone tried). */
  async #refused(action: AuditAction): Promise<Failure<'staff_locked'>> {
    await this.#audit.record(action, 'refused', 'no_session');
    return fail('staff_locked');
  }

  #track(action: AuditAction, outcome: AuditOutcome, detail: string): void {
    const write = this.#audit
      .record(action, outcome, detail)
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'staff audit write failed'))
      .finally(() => this.#pending.delete(write));
    this.#pending.add(write);
  }
}
