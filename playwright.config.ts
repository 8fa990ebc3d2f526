import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * Debian's Chromium where it is installed (this machine, CI); Playwright's own browser elsewhere
 * (after `npx playwright install chromium`). CHROMIUM_PATH overrides both.
 */
export const systemChromium =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** Headless, and quiet: this machine's closed network refuses Chromium's background connections. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'tests',
  outputDir: 'test-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  // Limits for a stuck test, not for speed: the suite runs on 2 cores beside other test runs
  // (CI saw journeys at 60–72 s and a terms dialog loading for over 5 s under a load of 15–18).
  timeout: 180_000,
  expect: { timeout: 15_000 },
  use: {
    browserName: 'chromium',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: systemChromium,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    { name: 'e2e', testDir: 'tests/e2e', use: { viewport: { width: 1080, height: 1920 }, hasTouch: true } },
    { name: 'electron', testDir: 'tests/electron' },
  ],
});
