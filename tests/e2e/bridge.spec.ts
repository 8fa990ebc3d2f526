import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { expect, test } from './fixtures';

test.describe('web-shell bridge, from a real browser', () => {
  test('the served page can call the kiosk API', async ({ page }) => {
    const result = await page.evaluate(async () => {
      const r = await fetch('/api/call/getInfo', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      return { status: r.status, body: await r.json() };
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ ok: true, value: { defaultLanguage: 'fr' } });
  });

  test('refuses a call without the secret', async ({ kiosk, playwright }) => {
    const stranger = await playwright.request.newContext();
    const response = await stranger.post(`${kiosk.baseUrl}/api/call/getInfo`, { data: {} });
    expect(response.status()).toBe(403);
    expect(await response.json()).toEqual({ ok: false, error: { code: 'forbidden' } });
    const wrongLaunch = await stranger.get(`${kiosk.baseUrl}/launch?k=guess`, { maxRedirects: 0 });
    expect(wrongLaunch.status()).toBe(403);
    await stranger.dispose();
  });

  test('a page from another origin cannot call it, even knowing the route', async ({ kiosk, browser }) => {
    const context = await browser.newContext();
    const other = await context.newPage();
    await other.goto('about:blank');
    const outcome = await other.evaluate(async (base) => {
      try {
        const r = await fetch(`${base}/api/call/getInfo`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
          credentials: 'include',
        });
        return `status ${r.status}`;
      } catch {
        return 'blocked';
      }
    }, kiosk.baseUrl);
    expect(outcome).toBe('blocked');
    await context.close();
  });

  test('listens on the loopback interface only', async ({ kiosk }) => {
    const port = Number(new URL(kiosk.baseUrl).port);
    const hex = port.toString(16).toUpperCase().padStart(4, '0');
    // /proc/net/tcp lists listening sockets (state 0A) as HEXIP:HEXPORT; 0100007F is 127.0.0.1.
    const listening = readFileSync('/proc/net/tcp', 'utf8')
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter((cols) => cols[3] === '0A' && cols[1]?.endsWith(`:${hex}`))
      .map((cols) => cols[1]!.split(':')[0]);
    expect(listening).toEqual(['0100007F']);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (external) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: external.address, port }, () => {
          socket.destroy();
          resolve(false);
        });
        socket.on('error', () => resolve(true));
      });
      expect(refused).toBe(true);
    }
  });
});
