import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { expect } from './fixtures';

/** WCAG 2.2 AA, as axe tags it. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** Axe's verdict on what is on screen now, as readable lines naming `screen` (empty when clean). */
export async function axeViolations(page: Page, screen: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map(
      (n) => `${screen}: ${v.id} (${v.impact}) ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim()}`,
    ),
  );
}

/** The kiosk's three screens: portrait, landscape, and the old 5:4 monitor. */
export const SCREEN_SIZES = [
  [1080, 1920],
  [1920, 1080],
  [1280, 1024],
] as const;

/**
 * One screen of a journey, at the size and language on screen: nothing spills past the screen's
 * width, and axe finds no WCAG 2.2 AA violation. Axe runs in portrait, or at every size with
 * AXE_EVERY_SIZE=1: its verdicts do not change with the width, and at every size it would double
 * the e2e time of CI. With SHOTS_DIR set, a picture to look at is also saved there.
 */
export async function checkScreen(page: Page, _info: TestInfo, journey: string, name: string): Promise<void> {
  const { width, height } = page.viewportSize()!;
  // Let the keyboard settle, the field scroll into view and the fonts arrive.
  await page.waitForTimeout(150);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const dir = process.env.SHOTS_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${journey}-${name}-${width}x${height}.png`) });
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name}: wider than the screen`).toBeLessThanOrEqual(0);
  if (width > height && !process.env.AXE_EVERY_SIZE) return;
  const scan = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const found = scan.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  expect(found, `${name}: axe`).toEqual([]);
}
