import { desc } from 'drizzle-orm';
import type { AuditEvent } from '../../../shared/portal-api/outbox';
import type { KioskDb } from '../db/open';
import { staffAudit } from '../db/schema';
import type { Outbox } from '../outbox/types';

export type AuditAction = (typeof staffAudit.$inferInsert)['action'];
export type AuditOutcome = (typeof staffAudit.$inferInsert)['outcome'];
export type AuditRow = typeof staffAudit.$inferSelect;

/** A detail as the portal's event takes it: a lower-case code word ("lockout:60" → "lockout_60"). */
const detailCode = (detail: string | null): string | null => {
  if (detail === null) return null;
  const code = detail
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 40);
  return /^[a-z]/.test(code) ? code : null;
};

/**
 * The staff audit trail (README.md « Staff mode »): one row per staff action, what and when and how it went.
 * It never takes a person's data: the columns are closed lists, and `detail` is a setting's value.
 * Each row is also queued for the portal (an `event` outbox row) in the same transaction.
 */
export class StaffAudit {
  constructor(
    private readonly db: KioskDb,
    private readonly now: () => Date,
    private readonly outbox: Pick<Outbox, 'enqueueWith'> | null = null,
  ) {}

  async record(action: AuditAction, outcome: AuditOutcome, detail: string | null = null): Promise<void> {
    const at = this.now().toISOString();
    const { outbox } = this;
    if (!outbox) {
      await this.db.insert(staffAudit).values({ at, action, outcome, detail });
      return;
    }
    const event: AuditEvent = {
      at,
      source: 'staff',
      event: action,
      outcome,
      // The start of an assisted visit and « pourquoi ? » are the visit's; other staff actions are not.
      assisted: action === 'assisted_visit_start' || action === 'registration_why',
      detail: detailCode(detail),
    };
    await outbox.enqueueWith({ kind: 'event', body: event, seal: false }, [
      this.db.insert(staffAudit).values({ at, action, outcome, detail }),
    ]);
  }

  /** The latest rows first; for tests and the staff panel. */
  recent(limit = 50): Promise<AuditRow[]> {
    return this.db.select().from(staffAudit).orderBy(desc(staffAudit.id)).limit(limit);
  }
}
