import { app, type BrowserWindow } from 'electron';
import { ConfigError } from '../core/config';
import { DatabaseKeyError } from '../core/db/open';
import type { KioskCore } from '../core/kiosk-core';
import { DatabaseKeyUnavailableError } from './database-key';

/**
 * One kiosk per machine: a second launch brings the running window to the front and quits.
 * Returns false in that second instance, which must then do nothing else.
 */
export function claimSingleInstance(getWindow: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const win = getWindow();
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  return true;
}

/**
 * Opens the kiosk window and keeps it: in kiosk mode a close is refused and a window that goes all
 * the same (destroyed, its process killed) opens again, so the desktop never shows; the app stays
 * when no window is left. Only a real quit (app.quit, a signal) ends it. With --dev, closing quits.
 * Returns the current window, for the second instance to bring forward.
 */
export function holdKioskWindow(open: () => BrowserWindow, dev: boolean): () => BrowserWindow | null {
  let win: BrowserWindow | null = null;
  let quitting = false;
  app.on('before-quit', () => (quitting = true));
  app.on('window-all-closed', () => {
    if (dev || quitting) app.quit();
  });
  const show = () => {
    const current = open();
    win = current;
    current.on('close', (event) => {
      if (!dev && !quitting) event.preventDefault();
    });
    current.on('closed', () => {
      if (win === current) win = null;
      if (!dev && !quitting) show();
    });
  };
  show();
  return () => win;
}

/** Quitting waits for the core to end the open visit and close the database file cleanly. */
export function closeCoreOnQuit(getCore: () => KioskCore | null): void {
  let closing = false;
  app.on('will-quit', (event) => {
    const core = getCore();
    if (!core || closing) return;
    closing = true;
    event.preventDefault();
    void core
      .close()
      .catch(() => undefined)
      .finally(() => app.quit());
  });
}

/** A start failure in one plain sentence, never a stack (which could quote data). */
export function explainStartFailure(error: unknown): string {
  if (error instanceof ConfigError) return `Configuration error: ${error.message}`;
  if (error instanceof DatabaseKeyUnavailableError) return `Database key unavailable: ${error.message}`;
  if (error instanceof DatabaseKeyError) return `Database error: ${error.message} (wrong key for this data folder)`;
  return `Could not start: ${error instanceof Error ? error.name : 'unknown error'}`;
}
