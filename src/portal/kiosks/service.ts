import { randomBytes } from 'node:crypto';
import { and, asc, count, eq, gt, gte, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AuditEvent, OutboxFigures } from '../../shared/portal-api/outbox';
import type { portalRoutes } from '../../shared/portal-api/routes';
import type { PortalDb } from '../db/open';
import { kioskEvents, kiosks } from '../db/schema';
import { hashToken, normalizeEnrolmentCode, randomEnrolmentCode, randomToken } from '../security/tokens';

export const newKioskId = (): string => `k_${randomBytes(12).toString('base64url')}`;

/** An operator creates a kiosk; the code is shown once and only its hash is kept. */
export async function createKiosk(
  db: PortalDb,
  input: { agencyCode: string; label: string },
  now: Date,
  validSeconds: number,
) {
  const id = newKioskId();
  const enrolmentCode = randomEnrolmentCode();
  const expiresAt = new Date(now.getTime() + validSeconds * 1000).toISOString();
  await db.insert(kiosks).values({
    id,
    agencyCode: input.agencyCode,
    label: input.label,
    enrolmentCodeHash: hashToken(normalizeEnrolmentCode(enrolmentCode)),
    enrolmentExpiresAt: expiresAt,
    createdAt: now.toISOString(),
  });
  return { kioskId: id, enrolmentCode, expiresAt };
}

/**
 * The kiosk trades its one-time code for a long-lived credential. Single use: the code's hash is
 * cleared in the same statement that stores the credential's, so two concurrent trades cannot
 * both succeed.
 */
export async function enrolKiosk(
  db: PortalDb,
  code: string,
  now: Date,
): Promise<{ kioskId: string; agencyCode: string; credential: string } | null> {
  const codeHash = hashToken(normalizeEnrolmentCode(code));
  const credential = randomToken();
  const updated = await db
    .update(kiosks)
    .set({
      credentialHash: hashToken(credential),
      enrolmentCodeHash: null,
      enrolmentExpiresAt: null,
      enrolledAt: now.toISOString(),
    })
    .where(
      and(
        eq(kiosks.enrolmentCodeHash, codeHash),
        gt(kiosks.enrolmentExpiresAt, now.toISOString()),
        isNull(kiosks.revokedAt),
      ),
    )
    .returning({ id: kiosks.id, agencyCode: kiosks.agencyCode });
  const row = updated[0];
  return row ? { kioskId: row.id, agencyCode: row.agencyCode, credential } : null;
}

type Heartbeat = z.output<typeof portalRoutes.heartbeat.body>;

export async function recordHeartbeat(db: PortalDb, kioskId: string, beat: Heartbeat, now: Date): Promise<string> {
  const receivedAt = now.toISOString();
  await db
    .update(kiosks)
    .set({
      lastHeartbeatAt: receivedAt,
      version: beat.version,
      outbox: beat.outbox,
      lastSyncAt: beat.lastSyncAt,
      inService: beat.inService,
    })
    .where(eq(kiosks.id, kioskId));
  return receivedAt;
}

/** Rows waiting or being sent, every kind together (what "depth" meant before per-kind figures). */
export const outboxDepthOf = (figures: OutboxFigures): number =>
  Object.values(figures.byKind).reduce((n, k) => n + (k?.pending ?? 0) + (k?.inFlight ?? 0), 0);

/** How far back the fleet listing counts a kiosk's events. */
const EVENTS_WINDOW_SECONDS = 7 * 86_400;

export async function listKiosks(db: PortalDb, now: Date) {
  const rows = await db.select().from(kiosks).orderBy(asc(kiosks.agencyCode), asc(kiosks.createdAt));
  const since = new Date(now.getTime() - EVENTS_WINDOW_SECONDS * 1000).toISOString();
  const counts = await db
    .select({
      kioskId: kioskEvents.kioskId,
      name: sql<string>`${kioskEvents.source} || '.' || ${kioskEvents.event} || '.' || ${kioskEvents.outcome}`,
      n: count(),
    })
    .from(kioskEvents)
    .where(gte(kioskEvents.at, since))
    .groupBy(kioskEvents.kioskId, kioskEvents.source, kioskEvents.event, kioskEvents.outcome);
  return rows.map((k) => ({
    kioskId: k.id,
    agencyCode: k.agencyCode,
    label: k.label,
    enrolled: k.credentialHash !== null,
    lastHeartbeatAt: k.lastHeartbeatAt,
    version: k.version,
    outboxDepth: k.outbox ? outboxDepthOf(k.outbox) : null,
    outbox: k.outbox,
    lastSyncAt: k.lastSyncAt,
    inService: k.inService,
    recentEvents: Object.fromEntries(counts.filter((c) => c.kioskId === k.id).map((c) => [c.name, c.n])),
  }));
}

/** Stores a kiosk's audit event as it came: code words only, so nothing personal can be kept. */
export async function recordEvent(db: PortalDb, kioskId: string, event: AuditEvent, now: Date): Promise<void> {
  await db.insert(kioskEvents).values({ kioskId, receivedAt: now.toISOString(), ...event });
}

/** A revoked kiosk's credential stops working at once. */
export async function revokeKiosk(db: PortalDb, kioskId: string, now: Date): Promise<boolean> {
  const r = await db
    .update(kiosks)
    .set({ revokedAt: now.toISOString() })
    .where(and(eq(kiosks.id, kioskId), isNull(kiosks.revokedAt)))
    .returning({ id: kiosks.id });
  return r.length > 0;
}
