import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export const findChromium = (env = process.env): string | null =>
  [env.CHROMIUM_PATH, ...CANDIDATES].find((p): p is string => !!p && existsSync(p)) ?? null;

export const hasDisplay = (env = process.env): boolean => !!(env.DISPLAY || env.WAYLAND_DISPLAY);

/**
 * Chromium as a kiosk: one app window, full screen, no browser UI, a throw-away profile (removed
 * when Chromium ends: it holds the bridge cookie) so nothing from one run is kept for the next.
 * `windowed` keeps it in a normal window for development. Chromium leads its own process group,
 * so endChromium can stop it with all its helper processes.
 */
export function openChromiumKiosk(binary: string, url: string, windowed: boolean): ChildProcess {
  const profile = mkdtempSync(join(tmpdir(), 'kiosk-chromium-'));
  const args = [
    `--app=${url}`,
    `--user-data-dir=${profile}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-translate',
    '--disable-pinch',
    '--overscroll-history-navigation=0',
    '--noerrdialogs',
    ...(windowed ? ['--window-size=1080,1920'] : ['--kiosk']),
  ];
  const child = spawn(binary, args, { stdio: 'ignore', detached: true });
  child.once('exit', () => rmSync(profile, { recursive: true, force: true }));
  return child;
}

/** Ends Chromium and every process it started (its group); a Chromium already gone is fine. */
export function endChromium(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}
