import { expect } from 'vitest';
import type { FaultFigures } from './run';

/** What every fault run must show: nothing lost, nothing doubled, nothing readable left behind. */
export function expectNoLossNoDuplicate(figures: FaultFigures, minimum: { faults: number; kills: number }): void {
  expect(figures.faultedDeliveries).toBeGreaterThanOrEqual(minimum.faults);
  expect(figures.kills).toBeGreaterThanOrEqual(minimum.kills);
  expect(figures.acknowledged).toBeGreaterThan(0);
  expect(figures.lost).toBe(0);
  expect(figures.duplicated).toBe(0);
  expect(figures.refusedCodes).toEqual({});
  expect(figures.delivered).toBe(figures.acknowledged);
  expect(figures.canaryHits).toEqual([]);
}
