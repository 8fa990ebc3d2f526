import { desc } from 'drizzle-orm';
import type { KioskDb } from '../db/open';
import { staffAudit } from '../db/schema';

export type AuditAction = (typeof staffAudit.$inferInsert)['action'];
export type AuditOutcome = (typeof staffAudit.$inferInsert)['outcome'];
export type AuditRow = typeof staffAudit.$inferSelect;

/**
 * The staff audit trail (DESIGN §1.5): one row per staff action, what and when and how it went.
 * It never takes a person's data: the columns are closed lists, and `detail` is a setting's value.
 */
export class StaffAudit {
  constructor(
    private readonly db: KioskDb,
    private readonly now: () => Date,
  ) {}

  async record(action: AuditAction, outcome: AuditOutcome, detail: string | null = null): Promise<void> {
    await this.db.insert(staffAudit).values({ at: this.now().toISOString(), action, outcome, detail });
  }

  /** The latest rows first; for tests and, later, the sync to the portal. */
  recent(limit = 50): Promise<AuditRow[]> {
    return this.db.select().from(staffAudit).orderBy(desc(staffAudit.id)).limit(limit);
  }
}
