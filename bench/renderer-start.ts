import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium, median, residentMemoryMb, root, startWebShellProcess, verdict } from './lib';

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

export async function benchRendererStart(runs = 5): Promise<void> {
  const js = initialJs();
  console.log(
    `renderer initial JS: ${js.files.length} file(s), ${(js.raw / 1024).toFixed(1)} KB raw, ${verdict(js.gzip / 1024, 60, 'KB gzip')}`,
  );

  const browser = await launchChromium();
  const timings: number[] = [];
  const memories: number[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    const started = performance.now();
    const shell = await startWebShellProcess();
    await page.goto(shell.url);
    await page.getByText("Touchez l'écran pour commencer").waitFor({ state: 'visible' });
    // Interactive: the page answers a touch (the attract screen leads home).
    await page.waitForFunction(() => document.readyState === 'complete');
    timings.push(performance.now() - started);
    memories.push(residentMemoryMb(shell.child.pid!));
    await page.close();
    await shell.stop();
  }
  await browser.close();
  console.log(
    `web shell start → attract interactive (median of ${runs}): ${verdict(median(timings), 1000, 'ms')}; runs: ${timings.map((t) => t.toFixed(0)).join(', ')} ms`,
  );
  console.log(`web shell resident memory on the attract screen (median): ${verdict(median(memories), 150, 'MB')}`);
}
