import { describe, it } from 'vitest';
import { expectNoLossNoDuplicate } from '../../faults/assert';
import { runFaultSuite } from '../../faults/run';

// The small version for CI; `npm run test:faults` runs the full one (≥ 1,000 faults, ≥ 50 kills).
describe('fault injection, small (issue 9, item 8)', () => {
  it('nothing lost, nothing doubled through resets, 5xx, hangs, double sends, refusals and SIGKILLs', async () => {
    const figures = await runFaultSuite({
      registrations: 60,
      resets: 15,
      events: 15,
      minFaults: 100,
      minKills: 5,
      faultRate: 0.5,
    });
    expectNoLossNoDuplicate(figures, { faults: 100, kills: 5 });
  }, 600_000);
});
