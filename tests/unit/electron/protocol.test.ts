import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { KIOSK_CSP } from '../../../src/main/host/static-path';
import { registerAppScheme, serveRenderer } from '../../../src/main/electron/protocol';
import { tempDir } from '../helpers/kiosk';
import { electron, handlerOf } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((m) => m.electron));

const dir = tempDir('protocol-');
const rendererDir = join(dir.path, 'renderer');
mkdirSync(rendererDir);
writeFileSync(join(rendererDir, 'index.html'), '<p>Touchez</p>');
writeFileSync(join(dir.path, 'kiosk.db'), 'not for the renderer');
afterAll(() => dir.remove());

describe('app:// protocol', () => {
  it('registers app as a standard, secure, fetch-capable scheme, and nothing more', () => {
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('serves the renderer folder with the CSP, and refuses traversal', async () => {
    serveRenderer(rendererDir);
    const handle = handlerOf<(r: { url: string; method: string }) => Promise<Response>>(
      electron.protocol.handle,
      'app',
    );
    const page = await handle({ url: 'app://kiosk/index.html', method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(KIOSK_CSP);
    expect(await page.text()).toBe('<p>Touchez</p>');
    for (const url of ['app://kiosk/..%2fkiosk.db', 'app://kiosk/..\\kiosk.db', 'app://elsewhere/index.html']) {
      const refused = await handle({ url, method: 'GET' });
      expect({ url, status: refused.status }).toEqual({ url, status: 403 });
      expect(refused.headers.get('content-security-policy')).toBe(KIOSK_CSP);
    }
    const folded = await handle({ url: 'app://kiosk/../kiosk.db', method: 'GET' });
    expect(folded.status).toBe(404);
  });
});
