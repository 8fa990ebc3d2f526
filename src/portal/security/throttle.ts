import { createHmac } from 'node:crypto';
import { and, desc, eq, gt, lte, sql } from 'drizzle-orm';
import type { PortalDb, PortalTx } from '../db/open';
import { throttleEvents } from '../db/schema';

export interface ThrottleRule {
  /** Attempts a key may have within the rolling window. */
  maxFailures: number;
  windowSeconds: number;
  /** Once the budget is spent, the key stays closed at least this long. */
  blockSeconds: number;
}

export type Reservation = { ok: true; id: number } | { ok: false; until: Date };

type Db = PortalDb | PortalTx;

/**
 * Budgets kept in the database, so every portal process on one libSQL database shares them. An
 * attempt is reserved before the work it guards, by one statement that both checks the budget and
 * counts (SQLite runs it under the write lock): concurrent attempts can never exceed the budget.
 * Keys name what is protected ("login:email", "identity:acct", …) through a keyed hash, so the
 * table holds no email or account number; rows are purged when their window ends.
 */
export class Throttle {
  constructor(
    private readonly db: PortalDb,
    private readonly now: () => Date,
    private readonly secret: Buffer,
  ) {}

  /** The stored key for `kind` and the value it protects (an email key, an account number, a kiosk id). */
  key(kind: string, value: string): string {
    return `${kind}:${createHmac('sha256', this.secret).update(`${kind}\n${value}`).digest('base64url')}`;
  }

  /** Reserves one attempt: refused (with when the key opens again) when its budget is spent. */
  async reserve(key: string, rule: ThrottleRule, tx: Db = this.db): Promise<Reservation> {
    const now = this.now();
    const nowIso = now.toISOString();
    const expiresAt = new Date(now.getTime() + rule.windowSeconds * 1000).toISOString();
    const rows = await tx.all<{ id: number }>(sql`
      INSERT INTO ${throttleEvents} (key, expires_at)
      SELECT ${key}, ${expiresAt}
      WHERE (SELECT count(*) FROM ${throttleEvents} WHERE key = ${key} AND expires_at > ${nowIso}) < ${rule.maxFailures}
      RETURNING id`);
    const id = rows[0]?.id;
    if (id !== undefined) return { ok: true, id: Number(id) };
    return { ok: false, until: (await this.opensAt(key, rule, tx)) ?? now };
  }

  /** Reserves on every key or none: refused by the first spent budget, the others given back. */
  async reserveAll(budgets: { key: string; rule: ThrottleRule }[], tx: Db = this.db): Promise<Reservation[] | Date> {
    const taken: Reservation[] = [];
    for (const b of budgets) {
      const r = await this.reserve(b.key, b.rule, tx);
      if (!r.ok) {
        await this.refund(taken, tx);
        return r.until;
      }
      taken.push(r);
    }
    return taken;
  }

  /** Gives reserved attempts back (the guarded check succeeded, or never ran). */
  async refund(reservations: Reservation | Reservation[], tx: Db = this.db): Promise<void> {
    for (const r of [reservations].flat()) if (r.ok) await tx.delete(throttleEvents).where(eq(throttleEvents.id, r.id));
  }

  /**
   * After a failed check: when it spent the budget, keeps the key closed for `blockSeconds` and
   * returns when it opens; null while tries remain.
   */
  async failed(key: string, rule: ThrottleRule, tx: Db = this.db): Promise<Date | null> {
    const now = this.now();
    const live = and(eq(throttleEvents.key, key), gt(throttleEvents.expiresAt, now.toISOString()));
    const [row] = await tx
      .select({ n: sql<number>`count(*)` })
      .from(throttleEvents)
      .where(live);
    if (Number(row?.n ?? 0) < rule.maxFailures) return null;
    const blockEnd = new Date(now.getTime() + rule.blockSeconds * 1000).toISOString();
    await tx
      .update(throttleEvents)
      .set({ expiresAt: sql`max(${throttleEvents.expiresAt}, ${blockEnd})` })
      .where(live);
    return this.opensAt(key, rule, tx);
  }

  /** When the key's budget has room again, or null when it has room now. */
  async opensAt(key: string, rule: ThrottleRule, tx: Db = this.db): Promise<Date | null> {
    const row = await tx
      .select({ expiresAt: throttleEvents.expiresAt })
      .from(throttleEvents)
      .where(and(eq(throttleEvents.key, key), gt(throttleEvents.expiresAt, this.now().toISOString())))
      .orderBy(desc(throttleEvents.expiresAt))
      .limit(1)
      .offset(rule.maxFailures - 1)
      .get();
    return row ? new Date(row.expiresAt) : null;
  }

  async clear(key: string, tx: Db = this.db): Promise<void> {
    await tx.delete(throttleEvents).where(eq(throttleEvents.key, key));
  }

  /** Deletes rows whose window has ended. */
  async purge(): Promise<void> {
    await this.db.delete(throttleEvents).where(lte(throttleEvents.expiresAt, this.now().toISOString()));
  }
}
