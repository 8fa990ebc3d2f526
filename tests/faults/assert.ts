import { expect } from 'vitest';
import type { FaultFigures } from './run';

/** What every fault run must show: nothing lost, nothing doubled, nothing readable left behind. */
export function expectNoLossNoDuplicate(figures: FaultFigures, minimum: { faults: number; kills: number }): void {
  // Every failure shows the whole run's figures.
  const all = JSON.stringify(figures);
  expect(figures.faultedDeliveries, all).toBeGreaterThanOrEqual(minimum.faults);
  expect(figures.kills, all).toBeGreaterThanOrEqual(minimum.kills);
  expect(figures.acknowledged, all).toBeGreaterThan(0);
  expect(figures.lost, all).toBe(0);
  expect(figures.duplicated, all).toBe(0);
  expect(figures.refusedCodes, all).toEqual({});
  expect(figures.delivered, all).toBe(figures.acknowledged);
  expect(figures.canaryHits, all).toEqual([]);
  expect(figures.canaryControl, all).toEqual(
    expect.arrayContaining([expect.stringMatching(/^kiosk\.db: /), expect.stringMatching(/^kiosk\.log: /)]),
  );
}
