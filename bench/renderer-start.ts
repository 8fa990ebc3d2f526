import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { cacheFileOf } from '../src/main/web-shell/code-cache';
import {
  launchChromium,
  median,
  residentMemoryMb,
  root,
  startBaselineProcess,
  startWebShellProcess,
  verdict,
  type ServerProcess,
} from './lib';

/** The JS the attract screen needs: the entry script and what it preloads, as index.html lists them. */
export function initialJs(): { files: string[]; raw: number; gzip: number } {
  const dir = join(root, 'out/renderer');
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = readFileSync(join(dir, f));
    raw += statSync(join(dir, f)).size;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files, raw, gzip };
}

/** One start, every figure in ms from the spawn of the server process. */
interface Start {
  /** The server printed its URL: it listens. */
  listening: number;
  /** The page's own marks (navigation timing, paint timing), moved onto the same clock. */
  redirect: number;
  firstByte: number;
  domContentLoaded: number;
  firstPaint: number;
  /** The renderer's first getInfo sent (the page's script is running). */
  firstAsk: number;
  /** The renderer's first getInfo answered: by the kiosk core, or by the baseline's 404. */
  firstAnswer: number;
  /** Attract interactive: visible, the document complete, and the first getInfo answered. */
  interactive: number;
  memoryMb: number;
}

const ATTRACT = "Touchez l'écran pour commencer";

/**
 * Until the web shell's core thread has written its code cache (src/main/web-shell/core-boot.ts), for
 * this build: a cache left by an earlier build would not be used.
 */
async function waitForCodeCache(): Promise<void> {
  const cache = cacheFileOf(join(root, 'out/main/web-shell-core.cjs'), join(root, 'out/main/v8-cache'));
  const written = () => existsSync(cache);
  for (const until = Date.now() + 30_000; !written();) {
    if (Date.now() > until) throw new Error('the web shell wrote no code cache within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * From the spawn of the server to the attract screen interactive, in a page opened beforehand (as
 * the launcher's Chromium is there when the URL line comes): one continuous clock, nothing left out.
 */
async function measure(
  browser: Browser,
  startServer: () => Promise<ServerProcess>,
  beforeStop?: () => Promise<void>,
): Promise<Start> {
  const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  const spawned = performance.now();
  const server = await startServer();
  const listening = performance.now() - spawned;
  await page.goto(server.url);
  await page.getByText(ATTRACT).waitFor({ state: 'visible' });
  await page.waitForFunction(
    () =>
      document.readyState === 'complete' &&
      performance.getEntriesByType('resource').some((r) => r.name.endsWith('/api/call/getInfo')),
  );
  const interactive = performance.now() - spawned;
  const marks = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const info = performance.getEntriesByType('resource').find((r) => r.name.endsWith('/api/call/getInfo'));
    return {
      // The page's clock starts at its navigation: Date.now() - performance.now() is that moment.
      origin: performance.timeOrigin,
      redirect: nav.redirectEnd - nav.redirectStart,
      firstByte: nav.responseStart,
      domContentLoaded: nav.domContentLoadedEventEnd,
      firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      firstAsk: (info as PerformanceResourceTiming).startTime,
      firstAnswer: (info as PerformanceResourceTiming).responseEnd,
    };
  });
  const memoryMb = residentMemoryMb(server.child.pid!);
  await beforeStop?.();
  await page.close();
  await server.stop();
  // The navigation began when goto was called: place the page's marks on the spawn clock.
  const navigated = marks.origin - (performance.timeOrigin + spawned);
  return {
    listening,
    redirect: marks.redirect,
    firstByte: navigated + marks.firstByte,
    domContentLoaded: navigated + marks.domContentLoaded,
    firstPaint: navigated + marks.firstPaint,
    firstAsk: navigated + marks.firstAsk,
    firstAnswer: navigated + marks.firstAnswer,
    interactive,
    memoryMb,
  };
}

const PHASES: [keyof Start, string][] = [
  ['listening', 'URL line (server listening)'],
  ['redirect', 'of which: launch redirect (duration)'],
  ['firstByte', 'first byte of the page'],
  ['domContentLoaded', 'DOMContentLoaded'],
  ['firstPaint', 'first contentful paint'],
  ['firstAsk', 'first getInfo sent'],
  ['firstAnswer', 'first getInfo answered'],
  ['interactive', 'attract interactive'],
];

const med = (starts: Start[], key: keyof Start): number => median(starts.map((s) => s[key]));

/** Prints the figures; true when the ratio target is met. */
export async function benchRendererStart(runs = 9): Promise<boolean> {
  const js = initialJs();
  console.log(
    `renderer initial JS: ${js.files.length} file(s), ${(js.raw / 1024).toFixed(1)} KB raw, ${verdict(js.gzip / 1024, 60, 'KB gzip')}`,
  );
  const browser = await launchChromium();
  // A kiosk restarts on its database and its code cache: one start, not measured, creates the
  // database, runs the migrations, and stays until it has written the core thread's code cache.
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-bench-'));
  await measure(browser, () => startWebShellProcess(dataDir), waitForCodeCache);
  const shell: Start[] = [];
  const baseline: Start[] = [];
  // Interleaved, so a busy moment on the machine weighs on both sides alike.
  for (let i = 0; i < runs; i++) {
    shell.push(await measure(browser, () => startWebShellProcess(dataDir)));
    baseline.push(await measure(browser, startBaselineProcess));
  }
  await browser.close();
  rmSync(dataDir, { recursive: true, force: true });

  console.log(`start → attract interactive, ms from the process spawn (median of ${runs}, interleaved):`);
  console.log(`  ${'phase'.padEnd(40)}${'web shell'.padStart(10)}${'baseline'.padStart(10)}`);
  for (const [key, label] of PHASES) {
    console.log(
      `  ${label.padEnd(40)}${med(shell, key).toFixed(0).padStart(10)}${med(baseline, key).toFixed(0).padStart(10)}`,
    );
  }
  // Each start is paired with the baseline's right after it: the machine's load, which drifts over
  // a series, weighs on both alike, so the median of the pairs' ratios is the figure that counts.
  const ratio = median(shell.map((s, i) => s.interactive / baseline[i]!.interactive));
  const ofMedians = med(shell, 'interactive') / med(baseline, 'interactive');
  const pageRatio =
    median(shell.map((s) => s.interactive - s.listening)) / median(baseline.map((s) => s.interactive - s.listening));
  console.log(`web shell / baseline, start → attract interactive (median of the pairs): ${verdict(ratio, 1.5, '×')}`);
  console.log(
    `  (ratio of the medians: ${ofMedians.toFixed(2)} ×; URL line → attract interactive only: ${pageRatio.toFixed(2)} ×)`,
  );
  console.log(
    `web shell start → attract interactive: ${verdict(med(shell, 'interactive'), 1000, 'ms')}; runs: ${shell.map((s) => s.interactive.toFixed(0)).join(', ')} ms; baseline runs: ${baseline.map((s) => s.interactive.toFixed(0)).join(', ')} ms`,
  );
  console.log(
    `web shell resident memory on the attract screen (median): ${verdict(med(shell, 'memoryMb'), 150, 'MB')}`,
  );
  return ratio <= 1.5;
}
