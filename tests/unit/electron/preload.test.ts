import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES } from '../../../src/shared/kiosk-api';
import { registerKioskIpc } from '../../../src/main/electron/ipc';
import { startTestCore } from '../helpers/kiosk';
import { electron, handlerOf } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((m) => m.electron));

let kiosk: Awaited<ReturnType<typeof startTestCore>>;
let exposed: Record<string, unknown>;

beforeAll(async () => {
  // The preload's IPC goes to the real main-side handler and core, as from the kiosk page.
  kiosk = await startTestCore();
  registerKioskIpc(kiosk.core.dispatch);
  const handle = handlerOf<(e: unknown, c: unknown, i: unknown) => Promise<unknown>>(
    electron.ipcMain.handle,
    'kiosk:call',
  );
  electron.ipcRenderer.invoke.mockImplementation((channel: string, call: unknown, input: unknown) =>
    channel === 'kiosk:call'
      ? handle({ senderFrame: { url: 'app://kiosk/index.html', parent: null } }, call, input)
      : Promise.reject(new Error('no such channel')),
  );
  await import('../../../src/preload/index');
  exposed = electron.contextBridge.exposeInMainWorld.mock.calls[0]![1] as Record<string, unknown>;
});
afterAll(() => kiosk.stop());

describe('preload', () => {
  it('exposes window.kiosk only, with exactly one function per contract call', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(electron.contextBridge.exposeInMainWorld.mock.calls[0]![0]).toBe('kiosk');
    expect(Object.keys(exposed).sort()).toEqual([...CALL_NAMES].sort());
    for (const name of CALL_NAMES) expect(typeof exposed[name]).toBe('function');
  });

  it('calls the core over the kiosk:call channel and returns its typed answer', async () => {
    const getInfo = exposed.getInfo as (i: object) => Promise<unknown>;
    expect(await getInfo({})).toMatchObject({ ok: true, value: { version: '9.9.9-test', kioskId: 'borne-demo' } });
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('kiosk:call', 'getInfo', {});
  });

  it('refuses bad input before sending it', async () => {
    electron.ipcRenderer.invoke.mockClear();
    const endVisit = exposed.endVisit as (i: object) => Promise<unknown>;
    expect(await endVisit({ reason: 'whatever' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });
});
