import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';

export interface RunningKiosk {
  launchUrl: string;
  baseUrl: string;
  secret: string;
  dataDir: string;
  process: ChildProcess;
}

const root = join(import.meta.dirname, '..', '..');

/** Starts the built web shell on a free loopback port with a fresh data dir; resolves on its URL line. */
export async function startKiosk(env: NodeJS.ProcessEnv = {}): Promise<RunningKiosk> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  const child = spawn(process.execPath, [join(root, 'out/main/web-shell.js'), '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, KIOSK_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const launchUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /^Kiosk URL: (\S+)$/m.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`web shell exited (${code}) before printing its URL: ${stderr}`)));
  });
  const url = new URL(launchUrl);
  return { launchUrl, baseUrl: url.origin, secret: url.searchParams.get('k')!, dataDir, process: child };
}

export async function stopKiosk(kiosk: RunningKiosk): Promise<void> {
  if (kiosk.process.exitCode === null) {
    const exited = new Promise((r) => kiosk.process.once('exit', r));
    kiosk.process.kill('SIGTERM');
    await exited;
  }
  rmSync(kiosk.dataDir, { recursive: true, force: true });
}

/** Each test gets its own kiosk (fresh data dir) and a page already opened on its launch URL. */
export const test = base.extend<{ kiosk: RunningKiosk }>({
  kiosk: async ({}, use) => {
    const kiosk = await startKiosk();
    await use(kiosk);
    await stopKiosk(kiosk);
  },
  page: async ({ page, kiosk }, use) => {
    await page.goto(kiosk.launchUrl);
    await use(page);
  },
});

export { expect };
