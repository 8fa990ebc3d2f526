import { isNull } from 'drizzle-orm';
import type { KioskDb } from './db/open';
import { visits } from './db/schema';

export type EndReason = 'finished' | 'idle' | 'restart';

/**
 * Counts visits for staff figures. A visit's main-side traces (flows, sessions) register a wipe
 * callback here, so ending a visit forgets all of them in one place.
 */
export class VisitTracker {
  readonly #wipers = new Set<(reason: EndReason) => void>();

  constructor(
    private readonly db: KioskDb,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** `wipe` learns why the visit ended (the staff audit records it). */
  onWipe(wipe: (reason: EndReason) => void): () => void {
    this.#wipers.add(wipe);
    return () => this.#wipers.delete(wipe);
  }

  async start(): Promise<void> {
    await this.end('restart');
    await this.db.insert(visits).values({ startedAt: this.now().toISOString() });
  }

  async end(reason: EndReason): Promise<void> {
    for (const wipe of this.#wipers) wipe(reason);
    await this.db
      .update(visits)
      .set({ endedAt: this.now().toISOString(), endReason: reason })
      .where(isNull(visits.endedAt));
  }

  /** Whether someone is at the kiosk now (a visit started and not ended): updates wait for it. */
  async inProgress(): Promise<boolean> {
    const open = await this.db.select({ id: visits.id }).from(visits).where(isNull(visits.endedAt)).limit(1);
    return open.length > 0;
  }

  async count(): Promise<{ total: number; open: number }> {
    const rows = await this.db.select({ endedAt: visits.endedAt }).from(visits);
    return { total: rows.length, open: rows.filter((r) => r.endedAt === null).length };
  }
}
