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

/** Starts the built web shell; resolves when it prints its URL. */
export async function startWebShellProcess(): Promise<{ child: ChildProcess; url: string; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-bench-'));
  // A portal URL (unreachable) keeps the embedded demo portal out of the kiosk's figures.
  const args = ['--port', '0', '--data-dir', dataDir, '--portal-url', 'http://127.0.0.1:9'];
  // BENCH_CPU_PROF=DIR: a V8 CPU profile of each web shell (open it in Chromium's DevTools).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const child = spawn(process.execPath, [...profile, join(root, 'out/main/web-shell.js'), ...args], {
    env: { ...process.env, KIOSK_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^Kiosk URL: (\S+)$/m.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`web shell exited with ${code}`)));
  });
  return {
    child,
    url,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
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
