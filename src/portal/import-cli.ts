// `npm run portal:import -- FILE.csv`: loads the tenancy system's export. Wiring only.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CONFIG_OPTIONS, configFromArgs, runCli } from './cli/common';
import { openConfiguredDatabase } from './db/open';
import { formatProblems, parseSignatoriesCsv } from './signatories/csv-import';
import { upsertSignatories } from './signatories/store';

const USAGE = `Usage: portal-import FILE.csv [--dry-run] [--config FILE] [--data-dir DIR] [--database-url URL]
  Columns: account_number;lease_id;agency_code;last_name;first_name;date_of_birth;lease_status
  A file with any bad line imports nothing; the report lists every problem with its line.`;

await runCli(USAGE, async () => {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: { ...CONFIG_OPTIONS, 'dry-run': { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const started = performance.now();
  const parsed = parseSignatoriesCsv(readFileSync(file, 'utf8'));
  if (!parsed.ok) {
    process.stderr.write(
      `Nothing imported: ${parsed.problems.length}${parsed.problems.length >= 100 ? '+' : ''} problem(s)\n${formatProblems(parsed.problems)}\n`,
    );
    process.exit(1);
  }
  const leases = new Set(parsed.rows.map((r) => r.leaseId)).size;
  if (values['dry-run']) {
    process.stdout.write(
      `File is valid: ${parsed.rows.length} signatories, ${leases} leases (dry run, nothing imported)\n`,
    );
    return;
  }
  const config = configFromArgs(values);
  const opened = await openConfiguredDatabase(config);
  try {
    const report = await upsertSignatories(opened.db, parsed.rows, new Date());
    process.stdout.write(
      `Imported ${report.rows} signatories (${leases} leases) in ${Math.round(performance.now() - started)} ms\n`,
    );
  } finally {
    opened.close();
  }
});
