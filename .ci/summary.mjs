// Reads the JSON reports of vitest and Playwright and the exit codes of the checks, and prints the
// one plain line CI is judged on: `N passed, N failed[, N skipped]`.
import { existsSync, readFileSync } from 'node:fs';

const counts = { passed: 0, failed: 0, skipped: 0 };
const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);

const vitest = read('reports/vitest.json');
if (vitest) {
  counts.passed += vitest.numPassedTests;
  counts.failed += vitest.numFailedTests + (vitest.success === false && vitest.numFailedTests === 0 ? 1 : 0);
  counts.skipped += vitest.numPendingTests + vitest.numTodoTests;
} else {
  console.log('vitest report missing: counted as one failure');
  counts.failed += 1;
}

const playwright = read('reports/playwright.json');
if (playwright) {
  const s = playwright.stats;
  counts.passed += s.expected + s.flaky;
  counts.failed += s.unexpected + (playwright.errors?.length ?? 0);
  counts.skipped += s.skipped;
  const reasons = new Set();
  const walk = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? [])
        for (const a of t.annotations ?? []) if (a.type === 'skip' && a.description) reasons.add(a.description);
    (suite.suites ?? []).forEach(walk);
  };
  (playwright.suites ?? []).forEach(walk);
  for (const reason of reasons) console.log(`skipped: ${reason}`);
} else {
  console.log('Playwright report missing: counted as one failure');
  counts.failed += 1;
}

// Checks run before the tests (typecheck, lint), as NAME=EXITCODE arguments.
for (const arg of process.argv.slice(2)) {
  const [name, code] = arg.split('=');
  if (code === '0') counts.passed += 1;
  else {
    console.log(`check failed: ${name}`);
    counts.failed += 1;
  }
}

console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(counts.failed === 0 ? 0 : 1);
