import { inArray } from 'drizzle-orm';
import type { KioskConfig } from '../config';
import type { KioskDb } from '../db/open';
import { kioskMeta } from '../db/schema';
import { isStaffPinHash } from '../staff/pin-hash';
import { writeMeta } from '../staff/status';

/** kiosk_meta keys of what staff chose on the set-up screen (the file is encrypted at rest). */
const PORTAL_URL = 'setup.portalUrl';
const LABEL = 'setup.label';
const PIN_HASH = 'staff.pinHash';

export interface StoredSetup {
  portalUrl: string | null;
  label: string | null;
  /** The staff PIN's scrypt hash, never the PIN. */
  pinHash: string | null;
}

export async function readStoredSetup(db: KioskDb): Promise<StoredSetup> {
  const rows = await db
    .select({ key: kioskMeta.key, value: kioskMeta.value })
    .from(kioskMeta)
    .where(inArray(kioskMeta.key, [PORTAL_URL, LABEL, PIN_HASH]));
  const value = (key: string) => rows.find((r) => r.key === key)?.value || null;
  const pinHash = value(PIN_HASH);
  return {
    portalUrl: value(PORTAL_URL),
    label: value(LABEL),
    pinHash: pinHash && isStaffPinHash(pinHash) ? pinHash : null,
  };
}

export async function writeStoredSetup(db: KioskDb, setup: StoredSetup, at: Date): Promise<void> {
  const values: Record<string, string> = {};
  if (setup.portalUrl) values[PORTAL_URL] = setup.portalUrl;
  if (setup.label) values[LABEL] = setup.label;
  if (setup.pinHash) values[PIN_HASH] = setup.pinHash;
  await writeMeta(db, values, at.toISOString());
}

/**
 * The configuration the core runs with: what staff chose on screen wins over the file's defaults
 * (portal address, label, staff PIN); the file's PIN hash still works where none was chosen.
 */
export const withStoredSetup = (config: KioskConfig, stored: StoredSetup): KioskConfig => ({
  ...config,
  portalUrl: stored.portalUrl ?? config.portalUrl,
  kioskId: stored.label ?? config.kioskId,
  staff: { ...config.staff, pinHash: stored.pinHash ?? config.staff.pinHash },
});
