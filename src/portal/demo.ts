import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { ensureDemoAccount } from './accounts/demo-account';
import { isoAfter } from './context';
import { localDatabaseKey } from './db/key-file';
import { kiosks } from './db/schema';
import { enrolKiosk } from './kiosks/service';
import { DEMO_AGENCIES, demoSignatories } from './signatories/demo-data';
import { hashToken, normalizeEnrolmentCode, randomEnrolmentCode } from './security/tokens';
import { countSignatories } from './signatories/store';
import type { PortalConfigInput } from './config';
import { startPortal, type RunningPortal } from './start';

export interface DemoPortalOptions {
  dataDir: string;
  /** Demo signatories to load when the database has none (default 500). */
  tenants?: number;
  port?: number;
  /** The agency of the demo kiosk (default the first demo agency). */
  agencyCode?: string;
  logLevel?: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  /**
   * 'code' (default): return a one-time enrolment code the kiosk trades itself (the real path).
   * 'credential': enrol here and return the kiosk credential, for a kiosk without enrolment support.
   */
  enrolment?: 'code' | 'credential';
  now?: () => Date;
  /** Tests: other limits than the portal's defaults (e.g. a short email interval). */
  limits?: PortalConfigInput['limits'];
}

export interface DemoPortal {
  url: string;
  mailboxUrl: string;
  agencyCode: string;
  /** A fresh one-time code for the kiosk to enrol itself with (POST /v1/kiosks/enrol); null in 'credential' mode. */
  enrolmentCode: string | null;
  /** The kiosk's credential in 'credential' mode (Authorization: Bearer …); null in 'code' mode. */
  kioskCredential: string | null;
  kioskId: string;
  portal: RunningPortal;
  close(): Promise<void>;
}

export const DEMO_KIOSK_LABEL = 'Borne de démonstration';

/**
 * The demo kiosk's row, with a fresh one-time code: the row of earlier starts when there is one (so
 * the fleet page shows one demo kiosk, not one per start), else a new one. Trading the code gives
 * that row a new credential, as a re-enrolment would. Rows of never-used codes are withdrawn.
 */
async function demoKiosk(portal: RunningPortal, agencyCode: string, now: Date) {
  const mine = and(eq(kiosks.label, DEMO_KIOSK_LABEL), eq(kiosks.agencyCode, agencyCode), isNull(kiosks.revokedAt));
  const earlier = await portal.db
    .select({ id: kiosks.id })
    .from(kiosks)
    .where(and(mine, isNotNull(kiosks.credentialHash)))
    .orderBy(desc(kiosks.enrolledAt))
    .limit(1)
    .get();
  await portal.db.delete(kiosks).where(and(eq(kiosks.label, DEMO_KIOSK_LABEL), isNull(kiosks.credentialHash)));
  if (!earlier) return portal.createKiosk(agencyCode, DEMO_KIOSK_LABEL);
  const enrolmentCode = randomEnrolmentCode();
  const expiresAt = isoAfter(now, portal.config.lifetimes.enrolmentCodeSeconds);
  await portal.db
    .update(kiosks)
    .set({ enrolmentCodeHash: hashToken(normalizeEnrolmentCode(enrolmentCode)), enrolmentExpiresAt: expiresAt })
    .where(eq(kiosks.id, earlier.id));
  return { kioskId: earlier.id, enrolmentCode, expiresAt };
}

/**
 * The embedded default of `npm start`: the reference portal on loopback with the fictional demo
 * directory, the in-process mail catcher (mailbox page), and an enrolment code for the kiosk, so
 * the kiosk enrols through the real API. Never-used demo codes of earlier runs are withdrawn.
 */
export async function startDemoPortal(options: DemoPortalOptions): Promise<DemoPortal> {
  const portal = await startPortal({
    config: {
      dataDir: options.dataDir,
      // Encrypted at rest like any portal database; the key sits beside the data, owner-only.
      databaseEncryptionKey: localDatabaseKey(options.dataDir),
      port: options.port ?? 0,
      host: '127.0.0.1',
      smtp: null,
      logLevel: options.logLevel ?? 'warn',
      ...(options.limits ? { limits: options.limits } : {}),
    },
    ...(options.now ? { now: options.now } : {}),
  });
  try {
    const directory = demoSignatories(options.tenants ?? 500);
    if ((await countSignatories(portal.db)) === 0) await portal.importSignatories(directory);
    // One account ready for the login journey (README: DEMO_LOGIN), the others to be registered.
    await ensureDemoAccount(portal, directory, options.now?.());
    const agencyCode = options.agencyCode ?? DEMO_AGENCIES[0];
    const kiosk = await demoKiosk(portal, agencyCode, options.now?.() ?? new Date());
    const traded =
      options.enrolment === 'credential'
        ? await enrolKiosk(portal.db, kiosk.enrolmentCode, options.now?.() ?? new Date())
        : null;
    const enrolled = traded && 'credential' in traded ? traded : null;
    return {
      url: portal.url,
      mailboxUrl: portal.mailboxUrl!,
      agencyCode,
      enrolmentCode: enrolled ? null : kiosk.enrolmentCode,
      kioskCredential: enrolled?.credential ?? null,
      kioskId: kiosk.kioskId,
      portal,
      close: () => portal.close(),
    };
  } catch (error) {
    await portal.close();
    throw error;
  }
}
