// `npm run lint:security`: Electronegativity over src/, its findings written to
// reports/electronegativity.csv (the tool's columns), then any finding not in
// .ci/electronegativity-allow.json, or an entry there that no longer matches, fails.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);
// Nothing leaves loopback: the scanner would ask GitHub for translations and Electron's release list
// (its only use of `got`); it gets a `got` that refuses at once, and carries on offline.
const gotPath = createRequire(require.resolve('@doyensec/electronegativity')).resolve('got');
const offline = new Module(gotPath);
offline.exports = () => Promise.reject(new Error('offline: no network for the scanner'));
offline.loaded = true;
require.cache[gotPath] = offline;
// The runner, not the CLI: the CLI reads options off `commander` as commander 2 did, and npm hoists
// a newer commander (paraglide's), with which every option reads as unset.
const scan = require('@doyensec/electronegativity');
const csvFile = 'reports/electronegativity.csv';
const allowFile = '.ci/electronegativity-allow.json';

mkdirSync('reports', { recursive: true });
const result = await scan(
  {
    input: resolve('src'),
    // Its own CSV writer races (header and rows are two unordered async writes): written below.
    output: undefined,
    isSarif: false,
    customScan: [],
    excludeFromScan: [],
    isRelative: true,
    isVerbose: false,
    parserPlugins: [],
    // Checks depend on the Electron version (the remote module left in 14); it cannot find it in src.
    electronVersionOverride: require('electron/package.json').version,
  },
  false,
);
if (result.errors.length) {
  for (const e of result.errors) console.log(`could not scan ${e.file}: ${e.message ?? e.error ?? 'parse error'}`);
  process.exit(1);
}

const quote = (value) => `"${String(value ?? 'N/A').replace(/"/g, '""')}"`;
const findings = result.issues.map((i) => ({
  issue: i.id,
  severity: i.severity.name,
  confidence: i.confidence.name,
  filename: i.file,
  location: `${i.location.line}:${i.location.column}`,
  sample: i.sample,
  description: i.description,
}));
writeFileSync(
  csvFile,
  [
    'issue,severity,confidence,filename,location,sample,description,url',
    ...findings.map((f) =>
      [...Object.values(f).map(quote), `https://github.com/doyensec/electronegativity/wiki/${f.issue}`].join(','),
    ),
  ].join('\n') + '\n',
);
const { allow } = JSON.parse(readFileSync(allowFile, 'utf8'));
const matches = (a, f) =>
  a.issue === f.issue && a.file === f.filename && (a.sample === undefined || a.sample === f.sample);
const allowed = (f) => allow.find((a) => matches(a, f));
const unexplained = findings.filter((f) => !allowed(f));
for (const f of findings)
  console.log(
    `${allowed(f) ? 'allowed ' : 'FINDING '} ${f.issue} ${f.severity} ${f.filename}:${f.location} ${f.description}`,
  );
const unused = allow.filter((a) => !findings.some((f) => matches(a, f)));
for (const a of unused) console.log(`allow-list entry matches nothing now (remove it): ${a.issue} ${a.file}`);
console.log(
  `electronegativity: ${findings.length} findings, ${findings.length - unexplained.length} allowed with a reason, ${unexplained.length} not`,
);
process.exit(unexplained.length || unused.length ? 1 : 0);
