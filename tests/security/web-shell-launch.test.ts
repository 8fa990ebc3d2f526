import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWebShell, type WebShell } from '../../src/main/web-shell/server';
import { startTestCore, tempDir } from '../unit/helpers/kiosk';
import { rawGet } from './http';

let kiosk: Awaited<ReturnType<typeof startTestCore>>;
let shell: WebShell;
const renderer = tempDir('renderer-');
writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>t</title>');

beforeAll(async () => (kiosk = await startTestCore()));
afterAll(async () => {
  await kiosk.stop();
  renderer.remove();
});
const start = async () =>
  (shell = await startWebShell({ dispatch: kiosk.core.dispatch, rendererDir: renderer.path, port: 0 }));
afterEach(() => shell.close());

const host = () => ({ host: `127.0.0.1:${shell.port}` });
const launchPath = () => new URL(shell.launchUrl).pathname + new URL(shell.launchUrl).search;
const cookieOf = (answer: { headers: Record<string, unknown> }) =>
  /kiosk_bridge=([^;]+)/.exec(String(answer.headers['set-cookie'] ?? ''))?.[1];
const getInfo = (headers: Record<string, string>) =>
  fetch(`http://127.0.0.1:${shell.port}/api/call/getInfo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: '{}',
  }).then((r) => r.status);

describe('issue #10 item 6: the web-shell launch link (seen in `ps`) is single-use', () => {
  it('holds a one-time token, never the bridge secret itself', async () => {
    await start();
    const token = new URL(shell.launchUrl).searchParams.get('k')!;
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(token).not.toBe(shell.secret);
    expect(await getInfo({ 'x-kiosk-secret': token })).toBe(403);
    expect(await getInfo({ cookie: `kiosk_bridge=${token}` })).toBe(403);
  });

  it('of 100 launches at once, one gets the cookie; every other use gets the refusal page', async () => {
    await start();
    const answers = await Promise.all(Array.from({ length: 100 }, () => rawGet(shell.port, launchPath(), host())));
    const won = answers.filter((a) => a.status === 303);
    expect(won).toHaveLength(1);
    expect(won[0]!.headers.location).toBe('/');
    expect(cookieOf(won[0]!)).toBe(shell.secret);
    expect(answers.filter((a) => a.status === 403)).toHaveLength(99);
    const later = await rawGet(shell.port, launchPath(), host());
    expect(later.status).toBe(403);
    expect(later.headers['content-type']).toMatch(/^text\/html/);
    expect(later.body).toContain('Cette borne doit être redémarrée.');
    expect(later.body).toContain('This kiosk needs to be restarted.');
    expect(cookieOf(later)).toBeUndefined();
    // Only the cookie works now.
    expect(await getInfo({ cookie: `kiosk_bridge=${cookieOf(won[0]!)}` })).toBe(200);
  });

  it('lets the browser that launched open the link again, and only it', async () => {
    await start();
    const first = await rawGet(shell.port, launchPath(), host());
    const again = await rawGet(shell.port, launchPath(), { ...host(), cookie: `kiosk_bridge=${cookieOf(first)}` });
    expect([again.status, again.headers.location, cookieOf(again)]).toEqual([303, '/', undefined]);
  });

  it('is refused under a foreign Host name (DNS rebinding), and then still works once', async () => {
    await start();
    const rebound = await rawGet(shell.port, launchPath(), { host: `attacker.example:${shell.port}` });
    expect(rebound.status).toBe(403);
    expect(cookieOf(rebound)).toBeUndefined();
    expect((await rawGet(shell.port, launchPath(), host())).status).toBe(303);
  });
});
