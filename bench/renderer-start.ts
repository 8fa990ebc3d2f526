import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { launchChromium, median, residentMemoryMb, root, startWebShellProcess, verdict } from './lib';
import { startStaticServer } from './static-server';

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

interface Load {
  /** From page.goto to the attract screen visible and the document complete (interactive). */
  ms: number;
  /** The page's own view: first contentful paint, and when the last initial script arrived. */
  fcp: number;
  scripts: number;
}

/** Opens `url` in a fresh page and waits for the attract screen, as a person would see it. */
async function load(browser: Browser, url: string): Promise<Load> {
  const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  const started = performance.now();
  await page.goto(url);
  await page.getByText("Touchez l'écran pour commencer").waitFor({ state: 'visible' });
  // Interactive: the page answers a touch (the attract screen leads home).
  await page.waitForFunction(() => document.readyState === 'complete');
  const ms = performance.now() - started;
  const marks = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    scripts: Math.max(
      0,
      ...performance
        .getEntriesByType('resource')
        .filter((r) => r.name.endsWith('.js'))
        .map((r) => (r as PerformanceResourceTiming).responseEnd),
    ),
  }));
  await page.close();
  return { ms, ...marks };
}

const summary = (loads: Load[]) =>
  `median ${median(loads.map((l) => l.ms)).toFixed(0)} ms (first contentful paint ${median(loads.map((l) => l.fcp)).toFixed(0)} ms, scripts in by ${median(loads.map((l) => l.scripts)).toFixed(0)} ms)`;

export async function benchRendererStart(runs = 7): Promise<void> {
  const js = initialJs();
  console.log(
    `renderer initial JS: ${js.files.length} file(s), ${(js.raw / 1024).toFixed(1)} KB raw, ${verdict(js.gzip / 1024, 60, 'KB gzip')}`,
  );

  const browser = await launchChromium();
  const baseline = await startStaticServer(join(root, 'out/renderer'));
  const starts: number[] = [];
  const shellLoads: Load[] = [];
  const baseLoads: Load[] = [];
  const memories: number[] = [];
  // Interleaved, so a busy moment on the machine weighs on both sides alike.
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const shell = await startWebShellProcess();
    starts.push(performance.now() - started);
    shellLoads.push(await load(browser, shell.url));
    memories.push(residentMemoryMb(shell.child.pid!));
    await shell.stop();
    baseLoads.push(await load(browser, baseline.url));
  }
  await baseline.close();
  await browser.close();
  const shellMs = median(shellLoads.map((l) => l.ms));
  const baseMs = median(baseLoads.map((l) => l.ms));
  console.log(`web shell start → URL line (median of ${runs}): ${median(starts).toFixed(0)} ms`);
  console.log(`web shell URL line → attract interactive: ${summary(shellLoads)}`);
  console.log(`baseline, bare static server → attract interactive: ${summary(baseLoads)}`);
  console.log(`web shell / baseline: ${verdict(shellMs / baseMs, 1.5, '×')}`);
  console.log(
    `web shell start → attract interactive (median): ${verdict(median(starts) + shellMs, 1000, 'ms')}; runs: ${starts.map((s, i) => (s + shellLoads[i]!.ms).toFixed(0)).join(', ')} ms`,
  );
  console.log(`web shell resident memory on the attract screen (median): ${verdict(median(memories), 150, 'MB')}`);
}
