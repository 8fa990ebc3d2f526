// `npm run portal:demo-data -- --tenants N`: the fictional demo directory as CSV (and optionally imported).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { CONFIG_OPTIONS, configFromArgs, runCli } from './cli/common';
import { openConfiguredDatabase } from './db/open';
import { demoSignatories, toCsv } from './signatories/demo-data';
import { upsertSignatories } from './signatories/store';

const USAGE = `Usage: portal-demo-data --tenants N [--out FILE] [--import] [--seed S] [--config FILE] [--data-dir DIR] [--database-url URL]
  Writes N fictional signatories (deterministic for a given seed) as CSV; --import also loads them.`;

await runCli(USAGE, async () => {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      ...CONFIG_OPTIONS,
      tenants: { type: 'string', default: '500' },
      out: { type: 'string' },
      import: { type: 'boolean' },
      seed: { type: 'string' },
    },
    strict: true,
  });
  const tenants = Number(values.tenants);
  if (!Number.isInteger(tenants) || tenants < 1 || tenants > 1_000_000)
    throw Object.assign(new Error(`--tenants must be 1…1000000`), { code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' });
  const rows = demoSignatories(tenants, values.seed ? Number(values.seed) : undefined);
  const config = configFromArgs(values);
  const out = values.out ?? join(config.dataDir, `demo-signatories-${tenants}.csv`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, toCsv(rows));
  process.stdout.write(`Wrote ${rows.length} fictional signatories to ${out}\n`);
  if (values.import) {
    const opened = await openConfiguredDatabase(config);
    try {
      const started = performance.now();
      await upsertSignatories(opened.db, rows, new Date());
      process.stdout.write(`Imported them in ${Math.round(performance.now() - started)} ms\n`);
    } finally {
      opened.close();
    }
  }
});
