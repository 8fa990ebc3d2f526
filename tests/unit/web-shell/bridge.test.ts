import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_NAMES, COMMON_ERRORS, isCallName, kioskApi } from '../../../src/shared/kiosk-api';
import { KIOSK_CSP } from '../../../src/main/host/static-path';
import { startWebShell, type WebShell } from '../../../src/main/web-shell/server';
import { startTestCore, tempDir } from '../helpers/kiosk';

let kiosk: Awaited<ReturnType<typeof startTestCore>>;
let shell: WebShell;
const renderer = tempDir('renderer-');
const outside = tempDir('outside-');
writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>t</title>');
mkdirSync(join(renderer.path, 'assets'));
writeFileSync(join(renderer.path, 'assets', 'app.js'), 'export {};');
// What the folder holds but must never serve: a dotfile, and a link to a file outside it.
writeFileSync(join(renderer.path, '.env'), 'SECRET=1');
writeFileSync(join(outside.path, 'secret.txt'), 'outside');
symlinkSync(join(outside.path, 'secret.txt'), join(renderer.path, 'assets', 'linked.js'));

/** A raw HTTP call, so tests can set any header (Host, Origin, Cookie) a browser would not let them. */
function call(path: string, body: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; json: unknown }>((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: shell.port,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, json: text ? JSON.parse(text) : null }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
const authed = () => ({ 'x-kiosk-secret': shell.secret });

beforeAll(async () => {
  kiosk = await startTestCore();
  shell = await startWebShell({ dispatch: kiosk.core.dispatch, rendererDir: renderer.path, port: 0 });
});
afterAll(async () => {
  await shell.close();
  await kiosk.stop();
  renderer.remove();
  outside.remove();
});

describe('web-shell bridge', () => {
  it('listens on loopback only', () => {
    expect(shell.server.address()).toMatchObject({ address: '127.0.0.1' });
  });

  it('serves pages with the strict CSP and security headers', async () => {
    const response = await fetch(`http://127.0.0.1:${shell.port}/index.html`);
    expect(response.headers.get('content-security-policy')).toBe(KIOSK_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it("serves the renderer's own files only: no dotfile, no link out, no way up", async () => {
    const get = (path: string) =>
      fetch(`http://127.0.0.1:${shell.port}${path}`).then(async (r) => [r.status, await r.text()] as const);
    expect(await get('/')).toEqual([200, '<!doctype html><title>t</title>']);
    expect(await get('/assets/app.js')).toEqual([200, 'export {};']);
    for (const path of ['/.env', '/assets/linked.js', '/assets/../.env', '/%2e%2e/package.json', '/assets%2fapp.js']) {
      expect(await get(path), path).toEqual([404, JSON.stringify({ ok: false, error: { code: 'not_found' } })]);
    }
    const head = await fetch(`http://127.0.0.1:${shell.port}/assets/app.js`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
  });

  it('answers a call carrying the secret, by header or by the launch cookie', async () => {
    expect(await call('/api/call/getStatus', '{}', authed())).toEqual({
      status: 200,
      json: { ok: true, value: { portal: 'not_configured', checkedAt: null } },
    });
    const cookie = { cookie: `other=1; kiosk_bridge=${shell.secret}` };
    expect((await call('/api/call/getStatus', '{}', cookie)).status).toBe(200);
  });

  it('refuses a call without the secret, with a wrong one, from another origin or host', async () => {
    const forbidden = { status: 403, json: { ok: false, error: { code: 'forbidden' } } };
    expect(await call('/api/call/getStatus', '{}')).toEqual(forbidden);
    expect(await call('/api/call/getStatus', '{}', { 'x-kiosk-secret': 'x'.repeat(43) })).toEqual(forbidden);
    expect(await call('/api/call/getStatus', '{}', { ...authed(), origin: 'http://evil.example' })).toEqual(forbidden);
    expect(await call('/api/call/getStatus', '{}', { ...authed(), host: 'rebound.example:80' })).toEqual(forbidden);
  });

  it('answers bad bodies with 4xx and a code, never 500', async () => {
    expect(await call('/api/call/getStatus', '{nope', authed())).toEqual({
      status: 400,
      json: { ok: false, error: { code: 'invalid_input' } },
    });
    expect((await call('/api/call/getStatus', JSON.stringify({ x: 'y'.repeat(70_000) }), authed())).status).toBe(413);
    expect(await call('/api/call/nope', '{}', authed())).toEqual({
      status: 404,
      json: { ok: false, error: { code: 'unknown_call' } },
    });
  });

  it('survives random and malformed input on every call with typed errors', async () => {
    const body = fc.oneof(
      fc.json(),
      fc.string(),
      fc.anything().map((v) => JSON.stringify(v) ?? 'null'),
      fc.constantFrom('', '{', '[]', 'null', '{"__proto__":{"admin":true}}', '{"reason":"idle","x":1}'),
    );
    const name = fc.oneof(fc.constantFrom(...CALL_NAMES), fc.webSegment());
    await fc.assert(
      fc.asyncProperty(name, body, async (callName, text) => {
        const { status, json } = await call(`/api/call/${encodeURIComponent(callName)}`, text, authed());
        expect(status).toBeLessThan(500);
        const result = json as { ok: boolean; error?: { code: string } };
        expect(typeof result.ok).toBe('boolean');
        // A well-formed input may reach the handler, which answers the codes its call lists.
        const listed = isCallName(callName) ? kioskApi[callName].errors : [];
        if (!result.ok) expect([...COMMON_ERRORS, 'not_found', ...listed]).toContain(result.error!.code);
      }),
      { numRuns: 300 },
    );
  });
});
