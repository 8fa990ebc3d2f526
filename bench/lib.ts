import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from '../playwright.config';

export const root = join(import.meta.dirname, '..');

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
export const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

export function launchChromium(): Promise<Browser> {
  const extra = (process.env.BENCH_CHROMIUM_ARGS ?? '').split(' ').filter(Boolean);
  return chromium.launch({ executablePath: systemChromium, args: [...CHROMIUM_ARGS, ...extra] });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the built web shell; resolves when it prints its URL. In `dataDir` (kept) when given, as a
 * kiosk restarts on its existing database; otherwise in a fresh one, removed when it stops.
 */
export function startWebShellProcess(dataDir?: string): Promise<ServerProcess> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'kiosk-bench-'));
  // A portal URL (unreachable) keeps the embedded demo portal out of the kiosk's figures.
  const args = ['--port', '0', '--data-dir', dir, '--portal-url', 'http://127.0.0.1:9'];
  // BENCH_CPU_PROF=DIR: a V8 CPU profile of each web shell (open it in Chromium's DevTools).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  return startProcess('web shell', [...profile, join(root, 'out/main/web-shell.js'), ...args], /^Kiosk URL: (\S+)$/m, {
    KIOSK_LOG_LEVEL: 'error',
  }).then((server) => ({
    ...server,
    stop: () => server.stop().finally(() => dataDir ?? rmSync(dir, { recursive: true, force: true })),
  }));
}

/** The baseline: the built renderer from a bare Node static server, started as its own process. */
export const startBaselineProcess = (): Promise<ServerProcess> =>
  startProcess('baseline server', [join(root, 'bench/static-server.mjs'), join(root, 'out/renderer')], /^URL: (\S+)$/m);

/** Runs `node ARGS`; resolves when its standard output prints a line matching `urlLine`. */
async function startProcess(
  name: string,
  args: string[],
  urlLine: RegExp,
  env: NodeJS.ProcessEnv = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = urlLine.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
  return {
    child,
    url,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export function residentMemoryMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

export function verdict(value: number, target: number, unit: string, lowerIsBetter = true): string {
  const okay = lowerIsBetter ? value <= target : value >= target;
  return `${value.toFixed(1)} ${unit} (target ${lowerIsBetter ? '≤' : '≥'} ${target} ${unit}: ${okay ? 'met' : 'NOT met'})`;
}
