import { BrowserWindow, Menu, type Input } from 'electron';
import type { Dispatch } from '../../shared/kiosk-api';
import type { Logger } from '../core/logger';
import { APP_INDEX_URL } from '../host/static-path';

export interface ShellFlags {
  /** A normal window instead of the full-screen kiosk (still locked down). */
  windowed: boolean;
  /**
   * Developer mode, only when asked for: devtools, the menu and the browser's shortcuts, and
   * closing the window quits. Without it the kiosk is locked down, packaged or not.
   */
  dev: boolean;
}

export const parseShellFlags = (argv: readonly string[]): ShellFlags => ({
  windowed: argv.includes('--windowed'),
  dev: argv.includes('--dev'),
});

export interface KioskWindowOptions {
  flags: ShellFlags;
  /** out/preload/index.cjs */
  preloadPath: string;
  dispatch: Dispatch;
  logger: Logger;
}

/** Delay before reloading a crashed renderer, so a renderer that dies at start cannot spin a core. */
export const RELOAD_AFTER_CRASH_MS = 1000;

const letter = (input: Input): string => input.key.toLowerCase();

/** Reload, devtools, close, quit, zoom and full-screen toggles: nothing a visitor should reach. */
export function isBlockedShortcut(input: Input): boolean {
  if (['F5', 'F11', 'F12', 'BrowserBack', 'BrowserForward', 'BrowserRefresh'].includes(input.key)) return true;
  if (input.key === 'F4' && (input.alt || input.control)) return true;
  if (input.alt && ['ArrowLeft', 'ArrowRight'].includes(input.key)) return true;
  const mod = input.control || input.meta;
  if (!mod) return false;
  if (['r', 'w', 'q', '+', '-', '=', '0'].includes(letter(input))) return true;
  return input.shift && ['i', 'j', 'c'].includes(letter(input));
}

/** The one kiosk window: locked down, on app://kiosk, back to the attract screen after a crash. */
export function createKioskWindow(options: KioskWindowOptions): BrowserWindow {
  const { flags, logger } = options;
  const devTools = flags.dev;
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
      // No middle-click (auxclick) events: nothing may open a link another way than a tap.
      disableBlinkFeatures: 'Auxclick',
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

  // However the window goes, what was typed in it goes too: end the visit in the core as well.
  win.on('closed', () => void options.dispatch('endVisit', { reason: 'idle' }, { channel: 'ipc' }));
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
