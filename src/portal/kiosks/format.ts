import { OUTBOX_KINDS } from '../../shared/portal-api/outbox';
import type { listKiosks } from './service';

type KioskRow = Awaited<ReturnType<typeof listKiosks>>[number];

const counts = (record: Record<string, number>): string =>
  Object.entries(record)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, n]) => `${name} ${n}`)
    .join(', ') || 'none';

/** One kiosk as `portal:admin -- kiosks` prints it: a headline, then its figures, indented. */
export function formatKiosk(k: KioskRow): string {
  const state = k.enrolled ? 'enrolled' : 'awaiting enrolment';
  const service = k.inService === null ? '' : k.inService ? ', in service' : ', OUT OF SERVICE';
  const lines = [
    `${k.kioskId}\t${k.agencyCode}\t${k.label}\t${state}${service}`,
    `  last heartbeat: ${k.lastHeartbeatAt ?? 'never'}${k.version ? ` (version ${k.version})` : ''}; last sync: ${k.lastSyncAt ?? 'never'}`,
  ];
  if (k.outbox) {
    const kinds = OUTBOX_KINDS.flatMap((kind) => {
      const f = k.outbox!.byKind[kind];
      return f && f.pending + f.inFlight + f.refused > 0
        ? [`${kind} ${f.pending} pending / ${f.inFlight} in flight / ${f.refused} refused`]
        : [];
    });
    lines.push(
      `  outbox: ${k.outboxDepth} waiting${kinds.length ? ` — ${kinds.join('; ')}` : ''}; oldest pending: ${k.outbox.oldestPendingAt ?? 'none'}`,
      `  refused codes: ${counts(k.outbox.refusedCodes)}`,
    );
  } else lines.push('  outbox: not reported yet');
  lines.push(`  events (7 days): ${counts(k.recentEvents)}`);
  return `${lines.join('\n')}\n`;
}
