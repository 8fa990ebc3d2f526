import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { KioskDb } from '../db/open';
import { kioskMeta } from '../db/schema';
import type { Logger } from '../logger';
import { writeMeta } from '../staff/status';
import type { PortalClient, PortalResult, PortalValue } from './client';

/** The portal's refusals of a code: it is not tried again. */
const REFUSALS = new Set(['enrolment_code_invalid', 'enrolment_code_used', 'enrolment_code_expired']);

/** kiosk_meta keys. The database file is encrypted, so the credential is at rest encrypted too. */
const CREDENTIAL = 'portal.credential';
const PORTAL_KIOSK_ID = 'portal.kioskId';
const AGENCY = 'portal.agencyCode';
/** Which enrolment code produced the credential, so a new code (re-enrolment) is noticed. */
const CODE_HASH = 'portal.enrolmentCodeHash';
/** A random id of this install, sent with every enrolment: the portal lets it replay a lost answer. */
const INSTALL_ID = 'portal.installId';
/** '1' once the portal said the credential is revoked: the kiosk stays « désactivée » across restarts. */
const REVOKED = 'portal.revoked';

const hashOf = (code: string) => createHash('sha256').update(code).digest('base64url');

async function readMeta(db: KioskDb, key: string): Promise<string | null> {
  const row = await db.select({ value: kioskMeta.value }).from(kioskMeta).where(eq(kioskMeta.key, key)).get();
  return row?.value ?? null;
}

export interface EnrolmentOptions {
  db: KioskDb;
  client: PortalClient;
  enrolmentCode: string | null;
  label: string;
  logger: Logger;
  now?: () => Date;
}

export type EnrolmentState = 'enrolled' | 'not_enrolled' | 'code_refused' | 'revoked';
export type Enrolled = { kioskId: string; agencyCode: string };

/**
 * The kiosk's credential for the portal. With an enrolment code configured and no credential
 * obtained from that code yet, the code is traded for one (POST /v1/kiosks/enrol) and stored.
 * A portal that cannot be reached leaves the kiosk unenrolled until the next `credential()` call.
 */
export class KioskEnrolment {
  #credential: string | null = null;
  #loaded = false;
  #state: EnrolmentState = 'not_enrolled';
  #inFlight: Promise<string | null> | null = null;
  readonly #now: () => Date;

  constructor(private readonly options: EnrolmentOptions) {
    this.#now = options.now ?? (() => new Date());
  }

  get state(): EnrolmentState {
    return this.#state;
  }

  /** The id the portal knows this kiosk by (`k_…`), once enrolled; null before. */
  async portalKioskId(): Promise<string | null> {
    return this.#state === 'enrolled' ? readMeta(this.options.db, PORTAL_KIOSK_ID) : null;
  }

  /** The credential, enrolling first if needed; concurrent callers share one attempt. */
  credential(): Promise<string | null> {
    const settled = this.#credential || this.#state === 'code_refused' || this.#state === 'revoked';
    if (this.#loaded && (settled || !this.options.enrolmentCode)) {
      return Promise.resolve(this.#credential);
    }
    this.#inFlight ??= this.#obtain().finally(() => (this.#inFlight = null));
    return this.#inFlight;
  }

  async #obtain(): Promise<string | null> {
    const { db, enrolmentCode } = this.options;
    await this.load();
    if (!enrolmentCode) return this.#credential;
    const codeHash = hashOf(enrolmentCode);
    const tried = (await readMeta(db, CODE_HASH)) === codeHash;
    // Revoked: only a code not tried yet (a new one in the file, or on screen) brings the kiosk back.
    if (tried && (this.#credential || this.#state === 'revoked')) return this.#credential;

    const answer = await this.#trade(enrolmentCode, this.options.label);
    if (!answer.ok) {
      if (REFUSALS.has(answer.error.code)) {
        // A used or withdrawn code: keep any earlier credential, and do not try this code again.
        if (!this.#credential && this.#state !== 'revoked') this.#state = 'code_refused';
        await this.#write({ [CODE_HASH]: codeHash });
        this.options.logger.error({ code: answer.error.code }, 'kiosk enrolment refused');
      } else {
        this.options.logger.warn({ code: answer.error.code }, 'kiosk enrolment postponed');
      }
      return this.#credential;
    }
    await this.#keep(answer.value, { [CODE_HASH]: codeHash });
    return this.#credential;
  }

  /** Reads what an earlier run stored (once). */
  async load(): Promise<void> {
    if (this.#loaded) return;
    const { db } = this.options;
    this.#credential = (await readMeta(db, CREDENTIAL)) || null;
    this.#loaded = true;
    if ((await readMeta(db, REVOKED)) === '1') this.#state = 'revoked';
    else if (this.#credential) this.#state = 'enrolled';
  }

  /** What the portal said about this kiosk at enrolment (null before one). */
  async enrolled(): Promise<Enrolled | null> {
    const kioskId = await readMeta(this.options.db, PORTAL_KIOSK_ID);
    const agencyCode = await readMeta(this.options.db, AGENCY);
    return this.#credential && kioskId && agencyCode ? { kioskId, agencyCode } : null;
  }

  /**
   * Enrolment typed on screen by staff (first start, re-enrolment, after a revocation): the
   * credential it brings replaces any earlier one. A lost answer is safe to try again (install id).
   */
  async enrolWith(code: string, label: string): Promise<PortalResult<Enrolled>> {
    await this.load();
    const answer = await this.#trade(code, label);
    if (!answer.ok) return answer;
    await this.#keep(answer.value, {});
    return { ok: true, value: { kioskId: answer.value.kioskId, agencyCode: answer.value.agencyCode } };
  }

  /** The portal answered kiosk_revoked: forget the credential, keep everything else, say so. */
  async markRevoked(): Promise<void> {
    if (this.#state === 'revoked') return;
    this.#state = 'revoked';
    this.#credential = null;
    await this.#write({ [REVOKED]: '1', [CREDENTIAL]: '' });
    this.options.logger.error({}, 'kiosk credential revoked by the portal');
  }

  async #trade(enrolmentCode: string, label: string) {
    const installId = await this.#installId();
    return this.options.client.call('enrolKiosk', { body: { enrolmentCode, label, installId } });
  }

  async #installId(): Promise<string> {
    const known = await readMeta(this.options.db, INSTALL_ID);
    if (known) return known;
    const id = randomBytes(18).toString('base64url');
    await this.#write({ [INSTALL_ID]: id });
    return id;
  }

  async #keep(value: PortalValue<'enrolKiosk'>, extra: Record<string, string>): Promise<void> {
    await this.#write({
      [CREDENTIAL]: value.credential,
      [PORTAL_KIOSK_ID]: value.kioskId,
      [AGENCY]: value.agencyCode,
      [REVOKED]: '0',
      ...extra,
    });
    this.#credential = value.credential;
    this.#state = 'enrolled';
    this.options.logger.info({ portalKioskId: value.kioskId, agencyCode: value.agencyCode }, 'kiosk enrolled');
  }

  #write(values: Record<string, string>): Promise<void> {
    return writeMeta(this.options.db, values, this.#now().toISOString());
  }
}
