import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/**
 * A stand-in for the `electron` module (its binary cannot run here), recording what the kiosk
 * asks of it. Tests use `vi.mock('electron', () => import('./fake-electron').then((m) => m.electron))`.
 */

/** What Electron hands to listeners that may veto: records whether they did. */
export const vetoable = <T extends object>(extra: T = {} as T) => ({ ...extra, preventDefault: vi.fn() });

export const fakeSession = () => ({
  setPermissionRequestHandler: vi.fn(),
  setPermissionCheckHandler: vi.fn(),
  setDevicePermissionHandler: vi.fn(),
});

export class FakeWebContents extends EventEmitter {
  session = fakeSession();
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => unknown) => {
    this.windowOpenHandler = handler;
  });
  setVisualZoomLevelLimits = vi.fn(async () => undefined);
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  destroyed = false;
  minimized = false;
  loadURL = vi.fn(async (_url: string) => undefined);
  removeMenu = vi.fn();
  focus = vi.fn();
  restore = vi.fn(() => (this.minimized = false));
  isDestroyed = () => this.destroyed;
  isMinimized = () => this.minimized;
  constructor(readonly options: Record<string, unknown> & { webPreferences: Record<string, unknown> }) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  /** As Electron: 'close' may be vetoed; otherwise the window goes and 'closed' follows. */
  close(): boolean {
    const event = vetoable();
    this.emit('close', event);
    if (event.preventDefault.mock.calls.length) return false;
    this.destroy();
    return true;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('closed');
  }
}

export class FakeApp extends EventEmitter {
  isPackaged = false;
  hasLock = true;
  userData = '/nonexistent';
  #resolveReady: () => void = () => undefined;
  #ready = this.#newReady();
  constructor(private readonly calls: string[]) {
    super();
  }
  #newReady(): Promise<void> {
    return new Promise<void>((resolve) => (this.#resolveReady = resolve));
  }
  requestSingleInstanceLock = vi.fn(() => this.hasLock);
  quit = vi.fn();
  exit = vi.fn();
  getPath = vi.fn((name: string) => (name === 'userData' ? this.userData : '/nonexistent'));
  getVersion = vi.fn(() => '1.2.3-test');
  whenReady = vi.fn(() => {
    this.calls.push('app.whenReady');
    return this.#ready;
  });
  becomeReady(): void {
    this.calls.push('ready');
    this.#resolveReady();
  }
  /** Back to a fresh, not yet ready app with no listeners, for a test that loads the entry again. */
  reset(): void {
    this.removeAllListeners();
    this.#ready = this.#newReady();
    this.isPackaged = false;
    this.hasLock = true;
  }
}

function build() {
  /** Calls that must happen in order (scheme registration before `ready`, for instance). */
  const calls: string[] = [];
  const app = new FakeApp(calls);
  /** A safeStorage whose "OS encryption" is a reversible byte scramble; enough to see a round trip. */
  const safeStorage = {
    available: true,
    backend: 'gnome_libsecret' as string,
    isAsyncEncryptionAvailable: vi.fn(async () => safeStorage.available),
    getSelectedStorageBackend: vi.fn(() => safeStorage.backend),
    encryptStringAsync: vi.fn(async (text: string) => Buffer.from([0x4b, ...Buffer.from(text).map((b) => b ^ 0x5a)])),
    decryptStringAsync: vi.fn(async (data: Buffer) => {
      if (data[0] !== 0x4b)
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return { shouldReEncrypt: false, result: Buffer.from(data.subarray(1).map((b) => b ^ 0x5a)).toString() };
    }),
  };
  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu: { setApplicationMenu: vi.fn() },
    dialog: { showErrorBox: vi.fn() },
    ipcMain: { handle: vi.fn((channel: string) => calls.push(`ipcMain.handle:${channel}`)) },
    ipcRenderer: { invoke: vi.fn() },
    contextBridge: { exposeInMainWorld: vi.fn() },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => calls.push('protocol.registerSchemesAsPrivileged')),
      handle: vi.fn((scheme: string) => calls.push(`protocol.handle:${scheme}`)),
    },
    safeStorage,
    session: { defaultSession: fakeSession() },
  };
  return { calls, app, safeStorage, electron };
}

/**
 * One fake per test process, kept on globalThis: a test that reloads modules (vi.resetModules, to
 * run the entry file again) re-evaluates this file, and must still share the module under test's fake.
 */
const store = globalThis as { __fakeElectron?: ReturnType<typeof build> };
export const { calls, app, safeStorage, electron } = (store.__fakeElectron ??= build());

/** The handler registered last under `name` on a mock with (name, handler) calls. */
export function handlerOf<H>(mock: { mock: { calls: unknown[][] } }, name: string): H {
  const found = mock.mock.calls.filter((c) => c[0] === name).at(-1);
  if (!found) throw new Error(`no handler registered for ${name}`);
  return found[1] as H;
}
