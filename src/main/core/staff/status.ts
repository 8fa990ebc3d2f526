import { count, gte, inArray } from 'drizzle-orm';
import type { KioskDb } from '../db/open';
import { kioskMeta, visits } from '../db/schema';
import type { KioskEnrolment } from '../portal-client/enrolment';
import type { PortalMonitor } from '../portal-status';

/**
 * kiosk_meta keys where the sync (heartbeats to the portal, the directory feed) writes when it
 * last succeeded, as ISO times. Until it runs, staff see "not yet".
 */
export const LAST_HEARTBEAT_KEY = 'sync.lastHeartbeatAt';
export const LAST_SYNC_KEY = 'sync.lastSyncAt';

export interface HealthSources {
  db: KioskDb;
  portal: PortalMonitor;
  enrolment: KioskEnrolment | null;
  now: () => Date;
}

/** The kiosk's health as staff see it, from what the core already knows; nothing about tenants. */
export async function readHealth({ db, portal, enrolment, now }: HealthSources) {
  const meta = await db
    .select({ key: kioskMeta.key, value: kioskMeta.value })
    .from(kioskMeta)
    .where(inArray(kioskMeta.key, [LAST_HEARTBEAT_KEY, LAST_SYNC_KEY]));
  const metaValue = (key: string) => {
    const value = meta.find((m) => m.key === key)?.value ?? null;
    return value && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : null;
  };
  // "Today" is the kiosk's local day: the agency's opening hours, not UTC's.
  const midnight = new Date(now().getTime());
  midnight.setHours(0, 0, 0, 0);
  const [today] = await db.select({ n: count() }).from(visits).where(gte(visits.startedAt, midnight.toISOString()));
  const { portal: state, checkedAt } = portal.status;
  return {
    portal: state,
    portalCheckedAt: checkedAt,
    enrolment: enrolment ? enrolment.state : ('no_portal' as const),
    lastHeartbeatAt: metaValue(LAST_HEARTBEAT_KEY),
    lastSyncAt: metaValue(LAST_SYNC_KEY),
    visitsToday: today?.n ?? 0,
  };
}
