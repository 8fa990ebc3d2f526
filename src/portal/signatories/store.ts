import { eq, sql } from 'drizzle-orm';
import type { InStatement } from '@libsql/client';
import { canonicalName } from '../../shared/rules/canonical-name';
import type { PortalDb, PortalTx } from '../db/open';
import { signatories } from '../db/schema';

export interface SignatoryRow {
  accountNumber: string;
  leaseId: string;
  agencyCode: string;
  lastName: string;
  firstName: string;
  dateOfBirth: string;
  leaseStatus: 'current' | 'ended';
}

/** 11 values per row; SQLite allows 32 766 bound values per statement. */
const CHUNK = 500;

export interface UpsertReport {
  rows: number;
  feedSeqBefore: number;
  feedSeqAfter: number;
}

/*
 * Hand-written SQL on purpose: building 100k rows through the query builder costs about four
 * times the database work itself (measured in bench/portal-run.ts). Column names follow
 * db/schema.ts; the conflict target is its `signatories_identity` unique index.
 */
const UPSERT_TAIL = `ON CONFLICT (lease_id, canonical_last, canonical_first, date_of_birth) DO UPDATE SET
  last_name = excluded.last_name, first_name = excluded.first_name, imported_at = excluded.imported_at,
  account_number = excluded.account_number, agency_code = excluded.agency_code, lease_status = excluded.lease_status,
  feed_seq = CASE WHEN signatories.account_number IS NOT excluded.account_number
    OR signatories.agency_code IS NOT excluded.agency_code
    OR signatories.lease_status IS NOT excluded.lease_status
    THEN excluded.feed_seq ELSE signatories.feed_seq END`;
const COLUMNS =
  '(account_number, lease_id, agency_code, last_name, first_name, canonical_last, canonical_first, date_of_birth, lease_status, feed_seq, imported_at)';

/**
 * Inserts or updates signatories in one atomic batch (all or nothing). A row's feed sequence moves
 * only when what a kiosk caches about it changes (account, agency, status), so re-importing an
 * unchanged export sends nothing down the change feed.
 */
export async function upsertSignatories(db: PortalDb, rows: readonly SignatoryRow[], now: Date): Promise<UpsertReport> {
  const before = await currentFeedSeq(db);
  const importedAt = now.toISOString();
  const statements: InStatement[] = [];
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const args: (string | number)[] = [];
    chunk.forEach((r, i) =>
      args.push(
        r.accountNumber,
        r.leaseId,
        r.agencyCode,
        r.lastName,
        r.firstName,
        canonicalName(r.lastName),
        canonicalName(r.firstName),
        r.dateOfBirth,
        r.leaseStatus,
        before + start + i + 1,
        importedAt,
      ),
    );
    statements.push({
      sql: `INSERT INTO signatories ${COLUMNS} VALUES ${chunk.map(() => '(?,?,?,?,?,?,?,?,?,?,?)').join(',')} ${UPSERT_TAIL}`,
      args,
    });
  }
  if (statements.length > 0) await db.$client.batch(statements, 'write');
  return { rows: rows.length, feedSeqBefore: before, feedSeqAfter: await currentFeedSeq(db) };
}

export async function currentFeedSeq(db: PortalDb | PortalTx): Promise<number> {
  const row = await db
    .select({ max: sql<number | null>`max(${signatories.feedSeq})` })
    .from(signatories)
    .get();
  return row?.max ?? 0;
}

/** Moves a signatory to the end of the feed (its registration status changed). Inside a transaction. */
export async function touchSignatory(tx: PortalTx, signatoryId: number): Promise<void> {
  const next = (await currentFeedSeq(tx)) + 1;
  await tx.update(signatories).set({ feedSeq: next }).where(eq(signatories.id, signatoryId));
}

export async function countSignatories(db: PortalDb): Promise<number> {
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(signatories)
    .get();
  return row?.n ?? 0;
}
