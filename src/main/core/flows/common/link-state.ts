import type { LinkState } from '../../../../shared/kiosk-api/calls';
import type { OutboxFigures } from '../../../../shared/portal-api/outbox';
import type { PortalState } from '../../portal-status';

/**
 * A write older than this still waiting while the portal answers makes the link `degraded`: the
 * drainer sends a row at once when the portal answers, so one waiting longer means deliveries fail
 * or crawl. Rows only just queued (a tenant's registration being sent) do not count.
 */
export const DEGRADED_AFTER_MS = 20_000;

/** What the status indicator says, from the monitor's last look and the outbox's figures. */
export function linkState(portal: PortalState, figures: OutboxFigures | null, now: Date): LinkState {
  if (portal !== 'online') return portal;
  const oldest = figures?.oldestPendingAt ? Date.parse(figures.oldestPendingAt) : null;
  return oldest !== null && now.getTime() - oldest > DEGRADED_AFTER_MS ? 'degraded' : 'online';
}
