import { randomBytes } from 'node:crypto';
import { and, asc, count, eq, gt, gte, isNull, ne, or, sql } from 'drizzle-orm';
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

/** How long the install that traded a code may trade it again (its answer was lost on the way). */
export const ENROL_REPLAY_SECONDS = 10 * 60;

export type EnrolRefusal = 'enrolment_code_invalid' | 'enrolment_code_used' | 'enrolment_code_expired';
export type Enrolled = { kioskId: string; agencyCode: string; credential: string };

/**
 * The kiosk trades its one-time code for a long-lived credential. Single use, in one statement, so
 * two concurrent trades (or two portal processes) cannot both succeed: a code is fresh until its
 * hash is recorded as used. The same install (`installId`) may trade it again within
 * ENROL_REPLAY_SECONDS: its first answer was lost, so the same row gets a new credential and the
 * one nobody received stops working. Any other install is told the code is used.
 */
export async function enrolKiosk(
  db: PortalDb,
  code: string,
  now: Date,
  installId: string | null = null,
): Promise<Enrolled | { refused: EnrolRefusal }> {
  const codeHash = hashToken(normalizeEnrolmentCode(code));
  const credential = randomToken();
  const nowIso = now.toISOString();
  const fresh = and(
    or(isNull(kiosks.enrolmentUsedHash), ne(kiosks.enrolmentUsedHash, codeHash)),
    gt(kiosks.enrolmentExpiresAt, nowIso),
  );
  const replay = installId
    ? and(
        eq(kiosks.enrolmentUsedHash, codeHash),
        eq(kiosks.enrolmentInstallId, installId),
        gt(kiosks.enrolledAt, new Date(now.getTime() - ENROL_REPLAY_SECONDS * 1000).toISOString()),
      )
    : undefined;
  const updated = await db
    .update(kiosks)
    .set({
      credentialHash: hashToken(credential),
      enrolmentUsedHash: codeHash,
      enrolmentInstallId: installId,
      // A replay keeps the first trade's time, so the window cannot be stretched by replaying.
      enrolledAt: sql`CASE WHEN ${kiosks.enrolmentUsedHash} = ${codeHash} THEN ${kiosks.enrolledAt} ELSE ${nowIso} END`,
    })
    .where(and(eq(kiosks.enrolmentCodeHash, codeHash), isNull(kiosks.revokedAt), replay ? or(fresh, replay) : fresh))
    .returning({ id: kiosks.id, agencyCode: kiosks.agencyCode });
  const row = updated[0];
  if (row) return { kioskId: row.id, agencyCode: row.agencyCode, credential };
  return { refused: await refusalOf(db, codeHash, nowIso) };
}

/** Why a code was refused, for the staff who typed it: the code is theirs, so this tells nobody anything new. */
async function refusalOf(db: PortalDb, codeHash: string, nowIso: string): Promise<EnrolRefusal> {
  const row = await db
    .select({ used: kiosks.enrolmentUsedHash, expiresAt: kiosks.enrolmentExpiresAt, revokedAt: kiosks.revokedAt })
    .from(kiosks)
    .where(eq(kiosks.enrolmentCodeHash, codeHash))
    .get();
  if (!row) return 'enrolment_code_invalid';
  if (row.used === codeHash || row.revokedAt) return 'enrolment_code_used';
  return row.expiresAt && row.expiresAt <= nowIso ? 'enrolment_code_expired' : 'enrolment_code_used';
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
