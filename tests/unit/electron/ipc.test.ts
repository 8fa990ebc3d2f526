import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerKioskIpc } from '../../../src/main/electron/ipc';
import { startTestCore } from '../helpers/kiosk';
import { electron, handlerOf } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((m) => m.electron));

type Handler = (event: unknown, call: unknown, input: unknown) => Promise<unknown>;
let kiosk: Awaited<ReturnType<typeof startTestCore>>;
let handle: Handler;
const dispatch = vi.fn();
const from = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });

beforeAll(async () => {
  kiosk = await startTestCore();
  dispatch.mockImplementation(kiosk.core.dispatch);
  registerKioskIpc(dispatch);
  handle = handlerOf<Handler>(electron.ipcMain.handle, 'kiosk:call');
});
afterAll(() => kiosk.stop());

describe('kiosk IPC', () => {
  it('dispatches calls from the app://kiosk page to the core', async () => {
    expect(await handle(from('app://kiosk/index.html'), 'getStatus', {})).toEqual({
      ok: true,
      value: { portal: 'not_configured', checkedAt: null },
    });
    expect(dispatch).toHaveBeenLastCalledWith('getStatus', {}, { channel: 'ipc' });
    expect(await handle(from('app://kiosk/index.html'), 'getInfo', {})).toMatchObject({
      ok: true,
      value: { version: '9.9.9-test' },
    });
  });

  it('answers typed errors for unknown calls and bad input', async () => {
    const kioskPage = from('app://kiosk/index.html');
    expect(await handle(kioskPage, 'readFile', { path: '/etc/passwd' })).toEqual({
      ok: false,
      error: { code: 'unknown_call' },
    });
    expect(await handle(kioskPage, 'endVisit', { reason: 'idle', extra: 1 })).toEqual({
      ok: false,
      error: { code: 'invalid_input', fields: ['extra'] },
    });
    expect(await handle(kioskPage, '__proto__', undefined)).toEqual({ ok: false, error: { code: 'unknown_call' } });
  });

  it('refuses senders that are not the kiosk page: other origins, sub-frames, no frame', async () => {
    dispatch.mockClear();
    const forbidden = { ok: false, error: { code: 'forbidden' } };
    for (const event of [
      from('https://evil.example/'),
      from('http://127.0.0.1:5180/'),
      from('file:///tmp/x.html'),
      from('app://evil/index.html'),
      from('about:blank'),
      from('app://kiosk/index.html', { url: 'app://kiosk/index.html' }),
      { senderFrame: null },
    ]) {
      expect(await handle(event, 'getStatus', {})).toEqual(forbidden);
    }
    expect(dispatch).not.toHaveBeenCalled();
  });
});
