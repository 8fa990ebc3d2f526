import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/kiosk';
import { app, calls, electron, FakeBrowserWindow, handlerOf, safeStorage, vetoable } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((m) => m.electron));

let dir: ReturnType<typeof tempDir>;
const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

beforeEach(() => {
  dir = tempDir('electron-main-');
  app.reset();
  app.userData = dir.path;
  safeStorage.available = true;
  calls.length = 0;
  FakeBrowserWindow.instances.length = 0;
  vi.clearAllMocks();
  for (const name of ['KIOSK_CONFIG', 'KIOSK_DATA_DIR', 'KIOSK_DB_KEY', 'KIOSK_PORTAL_URL', 'KIOSK_LANGUAGE'])
    vi.stubEnv(name, '');
  vi.stubEnv('KIOSK_LOG_LEVEL', 'silent');
  vi.resetModules();
});
afterEach(async () => {
  // Close the core a started entry holds, as quitting does, before removing its data folder.
  const quitting = vetoable();
  app.emit('will-quit', quitting);
  if (quitting.preventDefault.mock.calls.length) await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
  vi.unstubAllEnvs();
  dir.remove();
});

/** Loads the Electron entry as Electron would, then lets `ready` happen. */
async function launch() {
  await import('../../../src/main/index');
  app.becomeReady();
}

describe('Electron entry', () => {
  it('a second instance quits at once and starts nothing', async () => {
    app.hasLock = false;
    await launch();
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('starts the core and one window, with the scheme registered before ready', async () => {
    await launch();
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
    expect(calls.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(calls.indexOf('ready'));
    expect(calls.indexOf('ready')).toBeLessThan(calls.indexOf('protocol.handle:app'));
    const win = FakeBrowserWindow.instances[0]!;
    expect(win.options.webPreferences.preload).toBe(join(import.meta.dirname, '../../../src/preload/index.cjs'));
    expect(win.loadURL).toHaveBeenCalledWith('app://kiosk/index.html');
    expect(app.listenerCount('web-contents-created')).toBe(1);
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    // The key was made and sealed in the data folder (userData here), and the database opened with it.
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledTimes(1);
    const handle = handlerOf<(e: unknown, c: unknown, i: unknown) => Promise<unknown>>(
      electron.ipcMain.handle,
      'kiosk:call',
    );
    const kioskPage = { senderFrame: { url: 'app://kiosk/index.html', parent: null } };
    expect(await handle(kioskPage, 'getInfo', {})).toMatchObject({ ok: true, value: { version: '1.2.3-test' } });
  });

  it('a second launch brings the running window to the front', async () => {
    await launch();
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
    const win = FakeBrowserWindow.instances[0]!;
    win.minimized = true;
    app.emit('second-instance', vetoable(), ['electron', '.'], '/');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });

  it('without --dev the window holds: a close is refused, a window gone opens again, the app stays', async () => {
    await launch();
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
    const first = FakeBrowserWindow.instances[0]!;
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(first.options.webPreferences.devTools).toBe(false);
    expect(first.webContents.listenerCount('before-input-event')).toBe(1);
    expect(first.close()).toBe(false);
    expect(first.destroyed).toBe(false);
    first.destroy();
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    const second = FakeBrowserWindow.instances[1]!;
    expect(second.loadURL).toHaveBeenCalledWith('app://kiosk/index.html');
    app.emit('window-all-closed');
    expect(app.quit).not.toHaveBeenCalled();
    // The second instance brings forward the window that is there now.
    second.minimized = true;
    app.emit('second-instance', vetoable(), ['electron', '.'], '/');
    expect(second.restore).toHaveBeenCalled();
  });

  it('a real quit closes the window for good', async () => {
    await launch();
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
    app.emit('before-quit', vetoable());
    expect(FakeBrowserWindow.instances[0]!.close()).toBe(true);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('with --dev: devtools, menu and shortcuts stay, and closing the window quits', async () => {
    process.argv.push('--dev');
    try {
      await launch();
      await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
    } finally {
      process.argv.pop();
    }
    const win = FakeBrowserWindow.instances[0]!;
    expect(win.options.webPreferences.devTools).toBe(true);
    expect(electron.Menu.setApplicationMenu).not.toHaveBeenCalled();
    expect(win.close()).toBe(true);
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('quitting waits for the core to close, then quits', async () => {
    await launch();
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
    const quitting = vetoable();
    app.emit('will-quit', quitting);
    expect(quitting.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    const again = vetoable();
    app.emit('will-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('refuses to start, plainly, without safeStorage or a configured key', async () => {
    safeStorage.available = false;
    await launch();
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(2));
    const [title, message] = electron.dialog.showErrorBox.mock.calls[0] as [string, string];
    expect(title).toBe('Mon espace locataire');
    expect(message).toMatch(/^Database key unavailable: .*KIOSK_DB_KEY/);
    expect(stderr).toHaveBeenCalledWith(`${message}\n`);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(electron.ipcMain.handle).not.toHaveBeenCalled();
  });

  it('starts on a configured key where safeStorage is unavailable', async () => {
    safeStorage.available = false;
    vi.stubEnv('KIOSK_DB_KEY', 'configured-key-0123456789');
    await launch();
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
    expect(app.exit).not.toHaveBeenCalled();
  });

  it('says which configuration value is wrong', async () => {
    vi.stubEnv('KIOSK_LANGUAGE', 'xx');
    await launch();
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(2));
    expect(electron.dialog.showErrorBox.mock.calls[0]![1]).toMatch(
      /^Configuration error: invalid configuration at "language"/,
    );
  });
});
