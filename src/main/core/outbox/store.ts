import type { BatchItem } from 'drizzle-orm/batch';
import { and, asc, count, eq, inArray, lte, min, sql } from 'drizzle-orm';
import type { OutboxFigures, OutboxKind } from '../../../shared/portal-api/outbox';
import type { OpenedDb } from '../db/open';
import { outbox } from '../db/schema';
import { LAST_SYNC_KEY } from '../staff/status';
import type { KioskTx } from './types';

export type OutboxRow = typeof outbox.$inferSelect;
export type NewRow = { kind: OutboxKind; idempotencyKey: string; payload: string; sealed: boolean };

/** The SQLite busy codes: another connection of this process holds a write transaction for now. */
export const isBusy = (error: unknown): boolean => {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string' && e.code.startsWith('SQLITE_BUSY')) return true;
    e = e.cause as typeof e;
  }
  return false;
};

/**
 * The outbox table: every statement the engine runs. A delivered row is deleted and a refused
 * row's payload erased with `secure_delete` on (the freed bytes are zeroed); with the WAL
 * checkpointed afterwards, no sealed or plain payload stays readable in the files once settled.
 */
export class OutboxStore {
  constructor(
    private readonly database: OpenedDb,
    private readonly now: () => Date,
  ) {}

  /** The row's insert, for the caller's transaction or batch; it returns `[{ id }]`. */
  insertQuery(row: NewRow, tx?: KioskTx) {
    const at = this.now().toISOString();
    return (tx ?? this.database.db)
      .insert(outbox)
      .values({ ...row, state: 'pending', nextAttemptAt: at, createdAt: at, updatedAt: at })
      .returning({ id: outbox.id });
  }

  /** Commits the caller's local writes and the row in one atomic batch; returns the row's id. */
  async insertWith(row: NewRow, local: readonly BatchItem<'sqlite'>[]): Promise<number> {
    const queries: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] = [...local, this.insertQuery(row)] as never;
    const results = (await this.database.db.batch(queries)) as unknown[];
    return (results.at(-1) as { id: number }[])[0]!.id;
  }

  /** At start-up: rows a crash left in flight may or may not have arrived; the Idempotency-Key makes resending safe. */
  async resumeInFlight(): Promise<number> {
    const rows = await this.database.db
      .update(outbox)
      .set({ state: 'pending', updatedAt: this.now().toISOString() })
      .where(eq(outbox.state, 'in_flight'))
      .returning({ id: outbox.id });
    return rows.length;
  }

  /** Marks up to `limit` due rows in flight and returns them, rows someone waits for first. */
  async claimDue(limit: number, first: readonly number[]): Promise<OutboxRow[]> {
    const at = this.now().toISOString();
    const db = this.database.db;
    const preferred = first.length > 0 ? sql`case when ${inArray(outbox.id, [...first])} then 0 else 1 end` : sql`1`;
    const due = db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.state, 'pending'), lte(outbox.nextAttemptAt, at)))
      .orderBy(preferred, asc(outbox.id))
      .limit(limit);
    return db
      .update(outbox)
      .set({ state: 'in_flight', attempts: sql`${outbox.attempts} + 1`, updatedAt: at })
      .where(inArray(outbox.id, due))
      .returning();
  }

  /** The earliest time a pending row is due, or null when none waits. */
  async nextDueAt(): Promise<Date | null> {
    const [row] = await this.database.db
      .select({ at: min(outbox.nextAttemptAt) })
      .from(outbox)
      .where(eq(outbox.state, 'pending'));
    return row?.at ? new Date(row.at) : null;
  }

  /** Rows claimed but not sent (the portal went away meanwhile): back to pending, as they were. */
  async release(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.database.db
      .update(outbox)
      .set({ state: 'pending', attempts: sql`${outbox.attempts} - 1`, updatedAt: this.now().toISOString() })
      .where(and(inArray(outbox.id, [...ids]), eq(outbox.state, 'in_flight')));
  }

  async retryLater(id: number, code: string, at: Date): Promise<void> {
    await this.database.db
      .update(outbox)
      .set({
        state: 'pending',
        nextAttemptAt: at.toISOString(),
        lastErrorCode: code,
        updatedAt: this.now().toISOString(),
      })
      .where(eq(outbox.id, id));
  }

  /** « Synchroniser maintenant », or the portal back: every pending row is due now. */
  async allDueNow(): Promise<void> {
    await this.database.db
      .update(outbox)
      .set({ nextAttemptAt: this.now().toISOString() })
      .where(eq(outbox.state, 'pending'));
  }

  /** Deletes the rows and records the sync time, in one transaction with secure_delete on. */
  async delivered(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    const at = this.now().toISOString();
    await this.#erasing([
      { sql: `DELETE FROM outbox WHERE id IN (${ids.map(() => '?').join(', ')})`, args: [...ids] },
      {
        sql: `INSERT INTO kiosk_meta (key, value, updated_at) VALUES (?, ?, ?)
              ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        args: [LAST_SYNC_KEY, at, at],
      },
    ]);
  }

  /** Keeps kind, code and times for staff; the payload (sealed or not) is erased. */
  async refused(id: number, code: string): Promise<void> {
    const at = this.now().toISOString();
    await this.#erasing([
      {
        sql: `UPDATE outbox SET state = 'refused', payload = NULL, last_error_code = ?, updated_at = ? WHERE id = ?`,
        args: [code, at, id],
      },
    ]);
  }

  async #erasing(statements: { sql: string; args: (string | number)[] }[]): Promise<void> {
    // Per connection, and the pool may hand out any: set in the same transaction as the erase.
    await this.database.client.batch([{ sql: 'PRAGMA secure_delete = ON', args: [] }, ...statements], 'write');
  }

  /**
   * Copies the log into the file and empties it: until then the log still holds the pages as they
   * were before the erase. The engine runs it when a drain settles (each one costs a few fsyncs).
   */
  async checkpoint(): Promise<void> {
    await this.database.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  }

  async state(id: number): Promise<Pick<OutboxRow, 'state' | 'lastErrorCode'> | null> {
    const row = await this.database.db
      .select({ state: outbox.state, lastErrorCode: outbox.lastErrorCode })
      .from(outbox)
      .where(eq(outbox.id, id))
      .get();
    return row ?? null;
  }

  async figures(): Promise<OutboxFigures> {
    const db = this.database.db;
    const groups = await db
      .select({ kind: outbox.kind, state: outbox.state, n: count() })
      .from(outbox)
      .groupBy(outbox.kind, outbox.state);
    const codes = await db
      .select({ code: outbox.lastErrorCode, n: count() })
      .from(outbox)
      .where(eq(outbox.state, 'refused'))
      .groupBy(outbox.lastErrorCode);
    const [oldest] = await db
      .select({ at: min(outbox.createdAt) })
      .from(outbox)
      .where(inArray(outbox.state, ['pending', 'in_flight']));
    const byKind: OutboxFigures['byKind'] = {};
    for (const { kind, state, n } of groups) {
      const figures = (byKind[kind] ??= { pending: 0, inFlight: 0, refused: 0 });
      if (state === 'pending') figures.pending += n;
      else if (state === 'in_flight') figures.inFlight += n;
      else if (state === 'refused') figures.refused += n;
    }
    const refusedCodes: Record<string, number> = {};
    for (const { code, n } of codes) refusedCodes[code ?? 'unknown'] = n;
    return { byKind, oldestPendingAt: oldest?.at ?? null, refusedCodes };
  }
}
