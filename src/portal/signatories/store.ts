import { sql } from 'drizzle-orm';
import type { InStatement } from '@libsql/client';
import { canonicalName } from '../../shared/rules/canonical-name';
import type { PortalDb } from '../db/open';
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

/** 10 values per row; SQLite allows 32 766 bound values per statement. */
const CHUNK = 500;

export interface UpsertReport {
  rows: number;
}

/*
 * Hand-written SQL on purpose: building 100k rows through the query builder costs about four
 * times the database work itself (measured in bench/portal-run.ts). Column names follow
 * db/schema.ts; the conflict target is its `signatories_identity` unique index.
 */
const UPSERT_TAIL = `ON CONFLICT (lease_id, canonical_last, canonical_first, date_of_birth) DO UPDATE SET
  last_name = excluded.last_name, first_name = excluded.first_name, imported_at = excluded.imported_at,
  account_number = excluded.account_number, agency_code = excluded.agency_code, lease_status = excluded.lease_status`;
const COLUMNS =
  '(account_number, lease_id, agency_code, last_name, first_name, canonical_last, canonical_first, date_of_birth, lease_status, imported_at)';

/** Inserts or updates signatories in one atomic batch (all or nothing). */
export async function upsertSignatories(db: PortalDb, rows: readonly SignatoryRow[], now: Date): Promise<UpsertReport> {
  const importedAt = now.toISOString();
  const statements: InStatement[] = [];
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const args: (string | number)[] = [];
    chunk.forEach((r) =>
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
        importedAt,
      ),
    );
    statements.push({
      sql: `INSERT INTO signatories ${COLUMNS} VALUES ${chunk.map(() => '(?,?,?,?,?,?,?,?,?,?)').join(',')} ${UPSERT_TAIL}`,
      args,
    });
  }
  if (statements.length > 0) await db.$client.batch(statements, 'write');
  return { rows: rows.length };
}

export async function countSignatories(db: PortalDb): Promise<number> {
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(signatories)
    .get();
  return row?.n ?? 0;
}
