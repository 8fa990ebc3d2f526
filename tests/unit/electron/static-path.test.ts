import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isKioskUrl, KIOSK_CSP, resolveStaticPath, serveStatic } from '../../../src/main/host/static-path';
import { tempDir } from '../helpers/kiosk';

const dir = tempDir('static-');
const root = join(dir.path, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>kiosk</title>');
writeFileSync(join(root, 'assets', 'app-1a2b.js'), 'console.log(1)');
writeFileSync(join(root, 'assets', 'style.css'), 'body{}');
writeFileSync(join(root, '.env'), 'SECRET=1');
writeFileSync(join(dir.path, 'secret.txt'), 'outside the root');
symlinkSync(join(dir.path, 'secret.txt'), join(root, 'assets', 'link.txt'));
afterAll(() => dir.remove());

const get = (url: string, method = 'GET') => serveStatic(root, { url, method });

describe('resolveStaticPath', () => {
  it('maps app://kiosk paths to files under the root, / to index.html', () => {
    expect(resolveStaticPath(root, 'app://kiosk/')).toEqual({ ok: true, file: join(root, 'index.html') });
    expect(resolveStaticPath(root, 'app://kiosk/assets/app-1a2b.js?v=1#x')).toEqual({
      ok: true,
      file: join(root, 'assets', 'app-1a2b.js'),
    });
  });

  it.each([
    'app://kiosk/..%2f..%2fsecret.txt',
    'app://kiosk/assets%2Fapp-1a2b.js',
    'app://kiosk/assets%2F..%2F..%2Fsecret.txt',
    'app://kiosk/..%5csecret.txt',
    'app://kiosk/a\\..\\..\\secret.txt',
    'app://kiosk/index.html%00.js',
    'app://kiosk/%E0%A4%A',
    'app://kiosk/C:/Windows/win.ini',
    'app://kiosk/%2e%2e%5c%2e%2e%5csecret.txt',
    'app://evil/index.html',
    'app://kiosk.evil/index.html',
    'app://kiosk:8080/index.html',
    'app://user:pw@kiosk/index.html',
    'file:///etc/passwd',
    'https://kiosk/index.html',
    'not a url',
  ])('refuses %s with 403', (url) => {
    expect(resolveStaticPath(root, url)).toEqual({ ok: false, status: 403 });
  });

  it('keeps dot-dot and absolute-looking paths inside the root', () => {
    // The URL parser already folds `..` and `%2e%2e`: what is left must still land under the root.
    expect(resolveStaticPath(root, 'app://kiosk/../../secret.txt')).toEqual({
      ok: true,
      file: join(root, 'secret.txt'),
    });
    expect(resolveStaticPath(root, 'app://kiosk/%2e%2e/%2E%2E/secret.txt')).toEqual({
      ok: true,
      file: join(root, 'secret.txt'),
    });
    expect(resolveStaticPath(root, 'app://kiosk//etc/passwd')).toEqual({ ok: true, file: join(root, 'etc', 'passwd') });
  });

  it('never resolves outside the root, whatever the path', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.webSegment(), fc.constantFrom('..', '%2e%2e', '%2f', '%5c', '.', '%00', '\\', '')), {
          maxLength: 8,
        }),
        (parts) => {
          const target = resolveStaticPath(root, `app://kiosk/${parts.join('/')}`);
          if (target.ok) expect(target.file.startsWith(root + '/')).toBe(true);
        },
      ),
    );
  });

  it('knows the kiosk origin from any other', () => {
    expect(isKioskUrl('app://kiosk/index.html')).toBe(true);
    expect(isKioskUrl('app://kiosk')).toBe(true);
    expect(isKioskUrl('app://evil/index.html')).toBe(false);
    expect(isKioskUrl('https://kiosk/')).toBe(false);
    expect(isKioskUrl('http://127.0.0.1:5180/')).toBe(false);
    expect(isKioskUrl('')).toBe(false);
  });
});

describe('serveStatic', () => {
  it('serves a real file with its MIME type and the CSP', async () => {
    const page = await get('app://kiosk/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(KIOSK_CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toBe('<!doctype html><title>kiosk</title>');
    const script = await get('app://kiosk/assets/app-1a2b.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://kiosk/assets/style.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('carries the CSP the design asks for', () => {
    expect(KIOSK_CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://kiosk/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('app://kiosk/index.html', 'POST')).status).toBe(405);
  });

  it('answers 404 for a missing file, a folder or a dotfile; 403 for traversal and foreign hosts; always with the CSP', async () => {
    const cases: [string, number][] = [
      ['app://kiosk/nope.js', 404],
      ['app://kiosk/assets', 404],
      ['app://kiosk/.env', 404],
      ['app://kiosk/..%2fsecret.txt', 403],
      ['app://kiosk/../secret.txt', 404],
      ['app://kiosk/%2e%2e/secret.txt', 404],
      ['app://kiosk/assets/link.txt', 403],
      ['app://other/index.html', 403],
    ];
    for (const [url, status] of cases) {
      const response = await get(url);
      expect({ url, status: response.status }).toEqual({ url, status });
      expect(response.headers.get('content-security-policy')).toBe(KIOSK_CSP);
      expect(await response.text()).not.toContain('outside the root');
    }
  });
});
