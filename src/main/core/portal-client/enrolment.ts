import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { KioskDb } from '../db/open';
import { kioskMeta } from '../db/schema';
import type { Logger } from '../logger';
import { writeMeta } from '../staff/status';
import type { PortalClient } from './client';

/** kiosk_meta keys. The database file is encrypted, so the credential is at rest encrypted too. */
const CREDENTIAL = 'portal.credential';
const PORTAL_KIOSK_ID = 'portal.kioskId';
const AGENCY = 'portal.agencyCode';
/** Which enrolment code produced the credential, so a new code (re-enrolment) is noticed. */
const CODE_HASH = 'portal.enrolmentCodeHash';

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

export type EnrolmentState = 'enrolled' | 'not_enrolled' | 'code_refused';

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
    if (this.#loaded && (this.#credential || this.#state === 'code_refused' || !this.options.enrolmentCode)) {
      return Promise.resolve(this.#credential);
    }
    this.#inFlight ??= this.#obtain().finally(() => (this.#inFlight = null));
    return this.#inFlight;
  }

  async #obtain(): Promise<string | null> {
    const { db, enrolmentCode } = this.options;
    if (!this.#loaded) {
      this.#credential = await readMeta(db, CREDENTIAL);
      this.#loaded = true;
      if (this.#credential) this.#state = 'enrolled';
    }
    if (!enrolmentCode) return this.#credential;
    const codeHash = hashOf(enrolmentCode);
    if (this.#credential && (await readMeta(db, CODE_HASH)) === codeHash) return this.#credential;

    const answer = await this.options.client.call('enrolKiosk', { body: { enrolmentCode, label: this.options.label } });
    if (!answer.ok) {
      if (answer.error.code === 'enrolment_code_invalid') {
        // A used or withdrawn code: keep any earlier credential, and do not try this code again.
        if (!this.#credential) this.#state = 'code_refused';
        await this.#write({ [CODE_HASH]: codeHash });
        this.options.logger.error({ code: answer.error.code }, 'kiosk enrolment refused');
      } else {
        this.options.logger.warn({ code: answer.error.code }, 'kiosk enrolment postponed');
      }
      return this.#credential;
    }
    await this.#write({
      [CREDENTIAL]: answer.value.credential,
      [PORTAL_KIOSK_ID]: answer.value.kioskId,
      [AGENCY]: answer.value.agencyCode,
      [CODE_HASH]: codeHash,
    });
    this.#credential = answer.value.credential;
    this.#state = 'enrolled';
    this.options.logger.info(
      { portalKioskId: answer.value.kioskId, agencyCode: answer.value.agencyCode },
      'kiosk enrolled',
    );
    return this.#credential;
  }

  #write(values: Record<string, string>): Promise<void> {
    return writeMeta(this.options.db, values, this.#now().toISOString());
  }
}
