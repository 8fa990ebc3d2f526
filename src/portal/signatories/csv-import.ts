import { parse } from 'csv-parse/sync';
import { normalizeAccountNumber } from '../../shared/rules/account-number';
import { canonicalName, isPersonName } from '../../shared/rules/canonical-name';
import { checkDateOfBirth, isoToday } from '../../shared/rules/date-of-birth';
import type { SignatoryRow } from './store';

/**
 * The tenancy system's export, one row per signatory (co-signatories: several rows of one lease).
 * Header names are matched case-insensitively; `;` or `,` separated; UTF-8, BOM allowed.
 */
export const CSV_COLUMNS = [
  'account_number',
  'lease_id',
  'agency_code',
  'last_name',
  'first_name',
  'date_of_birth',
  'lease_status',
] as const;
type Column = (typeof CSV_COLUMNS)[number];

const STATUS: Record<string, 'current' | 'ended'> = {
  current: 'current',
  'en cours': 'current',
  en_cours: 'current',
  ended: 'ended',
  termine: 'ended',
  terminé: 'ended',
  resilie: 'ended',
  résilié: 'ended',
};

export interface CsvProblem {
  line: number;
  column?: Column;
  message: string;
}
export type CsvResult = { ok: true; rows: SignatoryRow[] } | { ok: false; problems: CsvProblem[] };

const MAX_PROBLEMS = 100;

function dateOf(value: string): string {
  const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  return fr ? `${fr[3]}-${fr[2]}-${fr[1]}` : value;
}

/** Parses and checks a whole export; any problem → the list of problems with their lines, no rows. */
export function parseSignatoriesCsv(text: string, today: string = isoToday()): CsvResult {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      delimiter: [';', ','],
      trim: true,
      skip_empty_lines: true,
      info: true,
      max_record_size: 4_096,
    }) as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return {
      ok: false,
      problems: [{ line, message: `unreadable CSV: ${(error as { code?: string }).code ?? 'parse error'}` }],
    };
  }
  const first = records[0]?.record;
  const missing = first ? CSV_COLUMNS.filter((c) => !(c in first)) : [...CSV_COLUMNS];
  if (missing.length > 0)
    return { ok: false, problems: [{ line: 1, message: `missing columns: ${missing.join(', ')}` }] };

  const problems: CsvProblem[] = [];
  const rows: SignatoryRow[] = [];
  const seen = new Map<string, number>();
  const leaseAccount = new Map<string, { account: string; agency: string; line: number }>();
  for (const { record, info } of records) {
    if (problems.length >= MAX_PROBLEMS) break;
    const line = info.lines;
    const bad = (column: Column, message: string) => problems.push({ line, column, message });
    const accountNumber = normalizeAccountNumber(record.account_number ?? '');
    if (!accountNumber) bad('account_number', 'expected 02 followed by 11 digits');
    const leaseId = record.lease_id ?? '';
    if (!/^[A-Za-z0-9_./-]{1,40}$/.test(leaseId)) bad('lease_id', 'expected 1–40 letters, digits, . _ / -');
    const agencyCode = (record.agency_code ?? '').toUpperCase();
    if (!/^[A-Z0-9]{2,12}$/.test(agencyCode)) bad('agency_code', 'expected 2–12 letters or digits');
    const lastName = record.last_name ?? '';
    const firstName = record.first_name ?? '';
    if (!isPersonName(lastName)) bad('last_name', 'letters, spaces, hyphens and apostrophes only (1–100)');
    if (!isPersonName(firstName)) bad('first_name', 'letters, spaces, hyphens and apostrophes only (1–100)');
    const dateOfBirth = dateOf(record.date_of_birth ?? '') ?? '';
    const dobProblem = checkDateOfBirth(dateOfBirth, today);
    if (dobProblem) bad('date_of_birth', `${dobProblem.replace('_', ' ')} (YYYY-MM-DD or DD/MM/YYYY)`);
    const leaseStatus = STATUS[(record.lease_status ?? '').toLowerCase()];
    if (!leaseStatus) bad('lease_status', 'expected current or ended');
    if (!accountNumber || !leaseStatus || dobProblem) continue;
    const identity = `${leaseId}\n${canonicalName(lastName)}\n${canonicalName(firstName)}\n${dateOfBirth}`;
    const previous = seen.get(identity);
    if (previous) bad('last_name', `same signatory as line ${previous}`);
    seen.set(identity, line);
    const lease = leaseAccount.get(leaseId);
    if (lease && (lease.account !== accountNumber || lease.agency !== agencyCode))
      bad('account_number', `lease ${leaseId} has another account or agency on line ${lease.line}`);
    if (!lease) leaseAccount.set(leaseId, { account: accountNumber, agency: agencyCode, line });
    rows.push({ accountNumber, leaseId, agencyCode, lastName, firstName, dateOfBirth, leaseStatus });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

export const formatProblems = (problems: readonly CsvProblem[]): string =>
  problems.map((p) => `line ${p.line}${p.column ? ` (${p.column})` : ''}: ${p.message}`).join('\n');
