import { BrowserWindow, Menu, type Input } from 'electron';
import type { Dispatch } from '../../shared/kiosk-api';
import type { Logger } from '../core/logger';
import { APP_INDEX_URL } from '../core/static-path';

export interface ShellFlags {
  /** Developer flag: a normal window instead of the full-screen kiosk. */
  windowed: boolean;
  /** Developer flag: allow the devtools even in a packaged build. */
  devtools: boolean;
}

export const parseShellFlags = (argv: readonly string[]): ShellFlags => ({
  windowed: argv.includes('--windowed'),
  devtools: argv.includes('--devtools'),
});

export interface KioskWindowOptions {
  flags: ShellFlags;
  isPackaged: boolean;
  /** out/preload/index.cjs */
  preloadPath: string;
  dispatch: Dispatch;
  logger: Logger;
}

/** Delay before reloading a crashed renderer, so a renderer that dies at start cannot spin a core. */
export const RELOAD_AFTER_CRASH_MS = 1000;

const letter = (input: Input): string => input.key.toLowerCase();

/** Reload, devtools, close, zoom and full-screen toggles: nothing a visitor should reach. */
export function isBlockedShortcut(input: Input): boolean {
  if (['F5', 'F11', 'F12'].includes(input.key)) return true;
  const mod = input.control || input.meta;
  if (!mod) return false;
  if (['r', 'w', '+', '-', '=', '0'].includes(letter(input))) return true;
  return input.shift && ['i', 'j', 'c'].includes(letter(input));
}

/** The one kiosk window: locked down, on app://kiosk, back to the attract screen after a crash. */
export function createKioskWindow(options: KioskWindowOptions): BrowserWindow {
  const { flags, logger } = options;
  const devTools = !options.isPackaged || flags.devtools;
  const win = new BrowserWindow({
    title: 'Mon espace locataire',
    kiosk: !flags.windowed,
    fullscreen: !flags.windowed,
    width: 1080,
    height: 1920,
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools,
      spellcheck: false,
      navigateOnDragDrop: false,
      disableDialogs: true,
    },
  });
  const contents = win.webContents;
  const load = () =>
    win.loadURL(APP_INDEX_URL).catch((error: unknown) => logger.error({ err: error }, 'kiosk page did not load'));

  if (!devTools) {
    Menu.setApplicationMenu(null);
    win.removeMenu();
    contents.on('before-input-event', (event, input) => {
      if (isBlockedShortcut(input)) event.preventDefault();
    });
  }
  void contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);

  contents.on('render-process-gone', (_event, details) => {
    logger.error({ reason: details.reason, exitCode: details.exitCode }, 'renderer gone: back to the attract screen');
    // Whatever the visitor had typed lived in that renderer; the core's side of the visit goes too.
    void options.dispatch('endVisit', { reason: 'idle' }, { channel: 'ipc' });
    setTimeout(() => {
      if (!win.isDestroyed()) void load();
    }, RELOAD_AFTER_CRASH_MS);
  });

  void load();
  return win;
}
