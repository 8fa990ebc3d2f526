import { asc, count, gte } from 'drizzle-orm';
import type { OutboxFigures } from '../../shared/portal-api/outbox';
import type { PortalDb } from '../db/open';
import { kioskEvents, kiosks } from '../db/schema';
import { outboxDepthOf } from '../kiosks/service';

/** Kiosks beat every minute: five missed beats make a kiosk « silent ». */
export const SILENT_AFTER_MINUTES = 5;
/** A row waiting longer than this means the kiosk cannot deliver. */
export const OLD_PENDING_MINUTES = 60;
/** The agencies' day: « today » and the times shown are Paris time. */
export const FLEET_TIME_ZONE = 'Europe/Paris';

/** What needs a look, most urgent first: the order of the page. */
export const PROBLEMS = ['revoked', 'silent', 'refused', 'old_pending', 'out_of_service'] as const;
export type Problem = (typeof PROBLEMS)[number];

export interface DayCount {
  source: 'staff' | 'journey';
  event: string;
  outcome: string;
  n: number;
}

export interface FleetKiosk {
  kioskId: string;
  agencyCode: string;
  label: string;
  enrolled: boolean;
  revoked: boolean;
  version: string | null;
  lastHeartbeatAt: string | null;
  /** Minutes since the last heartbeat when it is late (or since enrolment when none came). */
  silentMinutes: number | null;
  outbox: OutboxFigures | null;
  outboxDepth: number | null;
  refusedRows: number;
  oldestPendingMinutes: number | null;
  lastSyncAt: string | null;
  inService: boolean | null;
  today: DayCount[];
  assistedToday: number;
  problems: Problem[];
}

const minutesSince = (iso: string, now: Date) => Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 60_000));

/** Midnight of `now`'s day in `timeZone`, as an instant (exact on daylight-saving days too). */
export function startOfDay(now: Date, timeZone = FLEET_TIME_ZONE): Date {
  const clock = (d: Date) => {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(d);
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    return (get('hour') * 3600 + get('minute') * 60 + get('second')) * 1000 + d.getMilliseconds();
  };
  let midnight = new Date(now.getTime() - clock(now));
  // The day gained or lost an hour since midnight: the local clock there reads 23:00 or 01:00.
  const off = clock(midnight);
  if (off !== 0) midnight = new Date(midnight.getTime() + (off > 12 * 3600_000 ? 86_400_000 - off : -off));
  return midnight;
}

function problemsOf(k: Omit<FleetKiosk, 'problems'>): Problem[] {
  const found: Problem[] = [];
  if (k.revoked) return ['revoked'];
  if (k.enrolled && k.silentMinutes !== null) found.push('silent');
  if (k.refusedRows > 0) found.push('refused');
  if (k.oldestPendingMinutes !== null && k.oldestPendingMinutes >= OLD_PENDING_MINUTES) found.push('old_pending');
  if (k.inService === false) found.push('out_of_service');
  return found;
}

/** Problems first (by the worst one), then kiosks awaiting enrolment, then healthy ones; by agency, label. */
function rank(k: FleetKiosk): number {
  if (k.problems.length > 0) return Math.min(...k.problems.map((p) => PROBLEMS.indexOf(p)));
  return k.enrolled ? PROBLEMS.length + 1 : PROBLEMS.length;
}

/** Every kiosk with its last heartbeat's figures and its audit counts since midnight (Paris). */
export async function fleetOf(db: PortalDb, now: Date): Promise<FleetKiosk[]> {
  const rows = await db.select().from(kiosks).orderBy(asc(kiosks.agencyCode), asc(kiosks.label), asc(kiosks.id));
  const counts = await db
    .select({
      kioskId: kioskEvents.kioskId,
      source: kioskEvents.source,
      event: kioskEvents.event,
      outcome: kioskEvents.outcome,
      assisted: kioskEvents.assisted,
      n: count(),
    })
    .from(kioskEvents)
    .where(gte(kioskEvents.at, startOfDay(now).toISOString()))
    .groupBy(kioskEvents.kioskId, kioskEvents.source, kioskEvents.event, kioskEvents.outcome, kioskEvents.assisted);
  const fleet = rows.map((k) => {
    const mine = counts.filter((c) => c.kioskId === k.id);
    const today = new Map<string, DayCount>();
    for (const c of mine) {
      const name = `${c.source}.${c.event}.${c.outcome}`;
      const seen = today.get(name);
      if (seen) seen.n += c.n;
      else today.set(name, { source: c.source, event: c.event, outcome: c.outcome, n: c.n });
    }
    const heardAt = k.lastHeartbeatAt ?? k.enrolledAt;
    const silent = heardAt ? minutesSince(heardAt, now) : null;
    const figures = k.outbox;
    const base = {
      kioskId: k.id,
      agencyCode: k.agencyCode,
      label: k.label,
      enrolled: k.credentialHash !== null,
      revoked: k.revokedAt !== null,
      version: k.version,
      lastHeartbeatAt: k.lastHeartbeatAt,
      silentMinutes: silent !== null && silent >= SILENT_AFTER_MINUTES ? silent : null,
      outbox: figures,
      outboxDepth: figures ? outboxDepthOf(figures) : null,
      refusedRows: figures ? Object.values(figures.byKind).reduce((n, f) => n + (f?.refused ?? 0), 0) : 0,
      oldestPendingMinutes: figures?.oldestPendingAt ? minutesSince(figures.oldestPendingAt, now) : null,
      lastSyncAt: k.lastSyncAt,
      inService: k.inService,
      today: [...today.values()].sort((a, b) => b.n - a.n || a.event.localeCompare(b.event)),
      assistedToday: mine.filter((c) => c.assisted).reduce((n, c) => n + c.n, 0),
    };
    return { ...base, problems: problemsOf(base) };
  });
  return fleet.sort((a, b) => rank(a) - rank(b));
}
