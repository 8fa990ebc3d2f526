import { count, gte, inArray, sql } from 'drizzle-orm';
import type { KioskDb } from '../db/open';
import { kioskMeta, visits } from '../db/schema';
import type { KioskEnrolment } from '../portal-client/enrolment';
import type { PortalMonitor } from '../portal-status';

/**
 * kiosk_meta keys, as ISO times: the last heartbeat the portal took, and the last sync (a
 * delivered outbox row or a heartbeat). Until either happens, staff see "not yet".
 */
export const LAST_HEARTBEAT_KEY = 'sync.lastHeartbeatAt';
export const LAST_SYNC_KEY = 'sync.lastSyncAt';

export interface HealthSources {
  db: KioskDb;
  portal: PortalMonitor;
  enrolment: KioskEnrolment | null;
  now: () => Date;
}

/**
 * Sets kiosk_meta keys in one statement: atomic without holding a transaction open across awaits,
 * which would keep the outbox's drainer (another connection) from writing meanwhile.
 */
export async function writeMeta(db: KioskDb, values: Record<string, string>, updatedAt: string): Promise<void> {
  const rows = Object.entries(values).map(([key, value]) => ({ key, value, updatedAt }));
  if (rows.length === 0) return;
  await db
    .insert(kioskMeta)
    .values(rows)
    .onConflictDoUpdate({
      target: kioskMeta.key,
      set: { value: sql`excluded.value`, updatedAt: sql`excluded.updated_at` },
    });
}

/** The last heartbeat and the last sync, each an ISO time or null. */
export async function readSyncTimes(
  db: KioskDb,
): Promise<{ lastHeartbeatAt: string | null; lastSyncAt: string | null }> {
  const meta = await db
    .select({ key: kioskMeta.key, value: kioskMeta.value })
    .from(kioskMeta)
    .where(inArray(kioskMeta.key, [LAST_HEARTBEAT_KEY, LAST_SYNC_KEY]));
  const metaValue = (key: string) => {
    const value = meta.find((m) => m.key === key)?.value ?? null;
    return value && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : null;
  };
  return { lastHeartbeatAt: metaValue(LAST_HEARTBEAT_KEY), lastSyncAt: metaValue(LAST_SYNC_KEY) };
}

/** The kiosk's health as staff see it, from what the core already knows; nothing about tenants. */
export async function readHealth({ db, portal, enrolment, now }: HealthSources) {
  // "Today" is the kiosk's local day: the agency's opening hours, not UTC's.
  const midnight = new Date(now().getTime());
  midnight.setHours(0, 0, 0, 0);
  const [times, [today]] = await Promise.all([
    readSyncTimes(db),
    db.select({ n: count() }).from(visits).where(gte(visits.startedAt, midnight.toISOString())),
  ]);
  const { portal: state, checkedAt } = portal.status;
  return {
    portal: state,
    portalCheckedAt: checkedAt,
    enrolment: enrolment ? enrolment.state : ('no_portal' as const),
    ...times,
    visitsToday: today?.n ?? 0,
  };
}
