import { launchChromium, startWebShellProcess } from './lib';
const browser = await launchChromium();
for (let i = 0; i < 3; i++) {
  const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  const t0 = performance.now();
  const shell = await startWebShellProcess();
  const t1 = performance.now();
  await page.goto(shell.url);
  const t2 = performance.now();
  await page.getByText("Touchez l'écran pour commencer").waitFor({ state: 'visible' });
  const t3 = performance.now();
  const nav = await page.evaluate(() => JSON.stringify({ nav: performance.getEntriesByType('navigation').map((e) => ({ ...e.toJSON() })), res: performance.getEntriesByType('resource').map((r) => [r.name.replace(/^.*\/\/[^/]+/, ''), Math.round(r.startTime), Math.round(r.responseEnd)]), paint: performance.getEntriesByType('paint').map((p) => [p.name, Math.round(p.startTime)]) }));
  console.log(`url line ${(t1 - t0).toFixed(0)} goto ${(t2 - t1).toFixed(0)} visible ${(t3 - t2).toFixed(0)}`);
  const j = JSON.parse(nav);
  console.log(j.res, j.paint, j.nav.map((n: any) => [n.name.replace(/\?.*/, ''), Math.round(n.responseEnd), Math.round(n.domContentLoadedEventEnd), Math.round(n.loadEventEnd)]));
  await page.close();
  await shell.stop();
}
await browser.close();
