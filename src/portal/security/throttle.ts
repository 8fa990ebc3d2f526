import { eq, inArray, sql } from 'drizzle-orm';
import type { PortalDb, PortalTx } from '../db/open';
import { throttles } from '../db/schema';

export interface ThrottleRule {
  maxFailures: number;
  windowSeconds: number;
  blockSeconds: number;
}

/**
 * Failure counters kept in the database, so every portal instance on one libSQL database shares
 * them. Keys name what is protected ("identity:acct:0212…", "login:email:…", "identity:kiosk:k_…"),
 * never an IP: a whole agency shares one.
 */
export class Throttle {
  constructor(
    private readonly db: PortalDb,
    private readonly now: () => Date,
  ) {}

  /** Seconds until `key` may try again, or 0. */
  async blockedFor(key: string): Promise<number> {
    const row = await this.db.select().from(throttles).where(eq(throttles.key, key)).get();
    return this.#remaining(row?.blockedUntil ?? null);
  }

  async blockedUntil(key: string): Promise<Date | null> {
    const row = await this.db.select().from(throttles).where(eq(throttles.key, key)).get();
    const until = row?.blockedUntil ? new Date(row.blockedUntil) : null;
    return until && until > this.now() ? until : null;
  }

  /**
   * Counts one failure; returns the block's end when this failure reaches the limit. The count is
   * one atomic upsert, so concurrent failures are all counted.
   */
  async fail(key: string, rule: ThrottleRule, tx: PortalDb | PortalTx = this.db): Promise<Date | null> {
    const now = this.now();
    const nowIso = now.toISOString();
    const windowStart = new Date(now.getTime() - rule.windowSeconds * 1000).toISOString();
    const fresh = sql`${throttles.windowStartedAt} < ${windowStart}`;
    const [row] = await tx
      .insert(throttles)
      .values({ key, count: 1, windowStartedAt: nowIso, blockedUntil: null })
      .onConflictDoUpdate({
        target: throttles.key,
        set: {
          count: sql`CASE WHEN ${fresh} THEN 1 ELSE ${throttles.count} + 1 END`,
          windowStartedAt: sql`CASE WHEN ${fresh} THEN ${nowIso} ELSE ${throttles.windowStartedAt} END`,
        },
      })
      .returning({ count: throttles.count });
    if (!row || row.count < rule.maxFailures) return null;
    const blockedUntil = new Date(now.getTime() + rule.blockSeconds * 1000);
    await tx
      .update(throttles)
      .set({ count: 0, windowStartedAt: nowIso, blockedUntil: blockedUntil.toISOString() })
      .where(eq(throttles.key, key));
    return blockedUntil;
  }

  /** Counts one event against a quota: false when the quota is spent (the event is not counted). */
  async take(key: string, rule: ThrottleRule, tx: PortalDb | PortalTx = this.db): Promise<boolean> {
    if ((await this.blockedFor(key)) > 0) return false;
    await this.fail(key, rule, tx);
    return true;
  }

  /** When each key's block ends (null: not blocked), and whether it has a row at all; one query. */
  async states(keys: string[]): Promise<Map<string, { blockedUntil: Date | null }>> {
    const rows = await this.db
      .select({ key: throttles.key, blockedUntil: throttles.blockedUntil })
      .from(throttles)
      .where(inArray(throttles.key, keys));
    const now = this.now();
    return new Map(
      rows.map((r) => [
        r.key,
        { blockedUntil: r.blockedUntil && new Date(r.blockedUntil) > now ? new Date(r.blockedUntil) : null },
      ]),
    );
  }

  async exists(key: string): Promise<boolean> {
    return (
      (await this.db.select({ key: throttles.key }).from(throttles).where(eq(throttles.key, key)).get()) !== undefined
    );
  }

  async clear(key: string, tx: PortalDb | PortalTx = this.db): Promise<void> {
    await tx.delete(throttles).where(eq(throttles.key, key));
  }

  async clearPrefix(prefix: string, tx: PortalDb | PortalTx = this.db): Promise<void> {
    await tx.delete(throttles).where(sql`substr(${throttles.key}, 1, ${prefix.length}) = ${prefix}`);
  }

  #remaining(until: string | null): number {
    if (!until) return 0;
    const ms = new Date(until).getTime() - this.now().getTime();
    return ms > 0 ? Math.ceil(ms / 1000) : 0;
  }
}
