import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { visits } from '../../../src/main/core/db/schema';
import { APP_INDEX_URL } from '../../../src/main/host/static-path';
import { createKioskWindow, parseShellFlags, RELOAD_AFTER_CRASH_MS } from '../../../src/main/electron/window';
import { startTestCore } from '../helpers/kiosk';
import { electron, FakeBrowserWindow, vetoable } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((m) => m.electron));

let kiosk: Awaited<ReturnType<typeof startTestCore>>;
beforeAll(async () => (kiosk = await startTestCore()));
afterAll(() => kiosk.stop());
beforeEach(() => {
  FakeBrowserWindow.instances.length = 0;
  electron.Menu.setApplicationMenu.mockClear();
});
afterEach(() => vi.useRealTimers());

const open = (argv: string[] = []) => {
  const dispatch = vi.fn(kiosk.core.dispatch);
  const win = createKioskWindow({
    flags: parseShellFlags(argv),
    preloadPath: '/app/out/preload/index.cjs',
    dispatch,
    logger: createSilentLogger(),
  }) as unknown as FakeBrowserWindow;
  return { win, dispatch };
};
const createSilentLogger = () => ({ error: vi.fn(), warn: vi.fn(), info: vi.fn() }) as never;
const key = (k: string, mods: Partial<Record<'control' | 'meta' | 'shift' | 'alt', boolean>> = {}) =>
  ({ type: 'keyDown', key: k, code: '', control: false, meta: false, shift: false, alt: false, ...mods }) as never;

describe('kiosk window', () => {
  it('is a locked-down full-screen kiosk window on app://kiosk', () => {
    const { win } = open();
    expect(win.options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(win.options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      disableDialogs: true,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(win.loadURL).toHaveBeenCalledExactlyOnceWith(APP_INDEX_URL);
    expect(APP_INDEX_URL).toBe('app://kiosk/index.html');
    expect(win.webContents.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1);
  });

  it('opens in a normal window with --windowed', () => {
    expect(parseShellFlags(['/x/electron', '/app', '--windowed'])).toEqual({ windowed: true, dev: false });
    const { win } = open(['--windowed']);
    expect(win.options).toMatchObject({ kiosk: false, fullscreen: false });
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, devTools: false });
  });

  it('allows devtools only with an explicit --dev, packaged or not', () => {
    expect(open([]).win.options.webPreferences.devTools).toBe(false);
    expect(open(['--windowed']).win.options.webPreferences.devTools).toBe(false);
    expect(open(['--devtools']).win.options.webPreferences.devTools).toBe(false);
    expect(open(['--dev']).win.options.webPreferences.devTools).toBe(true);
  });

  it('without --dev removes the menu and swallows reload, devtools, close and zoom shortcuts', () => {
    const { win } = open();
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(win.removeMenu).toHaveBeenCalled();
    const press = (input: never) => {
      const event = vetoable();
      win.webContents.emit('before-input-event', event, input);
      return event.preventDefault.mock.calls.length > 0;
    };
    const blocked = [
      key('F5'),
      key('F12'),
      key('F11'),
      key('r', { control: true }),
      key('R', { control: true, shift: true }),
      key('r', { meta: true }),
      key('I', { control: true, shift: true }),
      key('i', { meta: true, shift: true }),
      key('J', { control: true, shift: true }),
      key('w', { control: true }),
      key('q', { control: true }),
      key('F4', { alt: true }),
      key('F4', { control: true }),
      key('ArrowLeft', { alt: true }),
      key('+', { control: true }),
      key('0', { control: true }),
    ];
    for (const input of blocked) expect(press(input)).toBe(true);
    const allowed = [
      key('a'),
      key('R', { shift: true }),
      key('c', { control: true }),
      key('v', { control: true }),
      key('Enter'),
      key('Tab'),
      key('I', { shift: true }),
      key('F4'),
      key('ArrowLeft'),
    ];
    for (const input of allowed) expect(press(input)).toBe(false);
  });

  it('keeps the menu and shortcuts with --dev only', () => {
    const { win } = open(['--dev']);
    expect(electron.Menu.setApplicationMenu).not.toHaveBeenCalled();
    expect(win.webContents.listenerCount('before-input-event')).toBe(0);
  });

  it('after a renderer crash ends the visit in the core and reloads the attract screen', async () => {
    vi.useFakeTimers();
    const { win, dispatch } = open();
    expect(await kiosk.core.dispatch('startVisit', {}, { channel: 'ipc' })).toEqual({
      ok: true,
      value: { started: true },
    });
    win.webContents.emit('render-process-gone', vetoable(), { reason: 'crashed', exitCode: 139 });
    expect(dispatch).toHaveBeenCalledWith('endVisit', { reason: 'idle' }, { channel: 'ipc' });
    await vi.waitFor(async () => {
      const ended = await kiosk.core.database.db.select().from(visits).where(eq(visits.endReason, 'idle'));
      expect(ended).toHaveLength(1);
    });
    expect(win.loadURL).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(RELOAD_AFTER_CRASH_MS);
    expect(win.loadURL).toHaveBeenCalledTimes(2);
    expect(win.loadURL).toHaveBeenLastCalledWith(APP_INDEX_URL);
  });

  it('ends the visit in the core when the window goes, however it goes', () => {
    const { win, dispatch } = open();
    win.destroy();
    expect(dispatch).toHaveBeenCalledWith('endVisit', { reason: 'idle' }, { channel: 'ipc' });
  });

  it('does not reload a window that is gone', () => {
    vi.useFakeTimers();
    const { win } = open();
    win.webContents.emit('render-process-gone', vetoable(), { reason: 'killed', exitCode: 9 });
    win.destroyed = true;
    vi.advanceTimersByTime(RELOAD_AFTER_CRASH_MS * 2);
    expect(win.loadURL).toHaveBeenCalledTimes(1);
  });
});
