import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../unit/helpers/kiosk';

const root = join(import.meta.dirname, '..', '..');

/** A stand-in for Chromium: a real process that starts a helper of its own, as Chromium does. */
const FAKE_CHROMIUM = `#!${process.execPath}
const { spawn } = require('node:child_process');
const helper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
require('node:fs').writeFileSync(process.env.FAKE_CHROMIUM_PIDS, JSON.stringify({ pids: [process.pid, helper.pid], args: process.argv.slice(2) }));
setInterval(() => {}, 1000);
`;

/** Alive and not a zombie waiting to be reaped. */
const alive = (pid: number): boolean => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

let dir: ReturnType<typeof tempDir>;
let launcher: ChildProcess | null = null;
let started: number[] = [];
afterEach(() => {
  // Whatever the outcome, nothing this test started stays behind.
  for (const pid of started) if (alive(pid)) process.kill(pid, 'SIGKILL');
  if (launcher?.exitCode === null) launcher.kill('SIGKILL');
  dir.remove();
});

beforeAll(() => {
  if (!existsSync(join(root, 'out/main/launcher.js'))) throw new Error('run `npm run build` first (npm test does)');
});

describe('issue #10 item 6: the launcher ends Chromium with it', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'on %s, Chromium and its helpers end too',
    async (signal) => {
      dir = tempDir('launcher-');
      const fake = join(dir.path, 'chromium');
      writeFileSync(fake, FAKE_CHROMIUM);
      chmodSync(fake, 0o755);
      const pidsFile = join(dir.path, 'pids.json');
      launcher = spawn(
        process.execPath,
        [
          // The built launcher, as `npm start` runs it (its kiosk core thread is a built file beside it).
          join(root, 'out/main/launcher.js'),
          '--port',
          '0',
          '--portal-url',
          'http://127.0.0.1:9',
          '--data-dir',
          join(dir.path, 'data'),
        ],
        {
          cwd: root,
          stdio: 'ignore',
          env: {
            ...process.env,
            KIOSK_FORCE_WEB: '1',
            CHROMIUM_PATH: fake,
            DISPLAY: ':kiosk-test',
            KIOSK_LOG_LEVEL: 'silent',
            FAKE_CHROMIUM_PIDS: pidsFile,
          },
        },
      );
      await vi.waitFor(() => expect(existsSync(pidsFile)).toBe(true), { timeout: 60_000, interval: 100 });
      const { pids, args } = JSON.parse(readFileSync(pidsFile, 'utf8')) as { pids: number[]; args: string[] };
      started = pids;
      expect(args).toContainEqual(expect.stringMatching(/^--app=http:\/\/127\.0\.0\.1:\d+\/launch\?k=/));
      expect(pids.every(alive)).toBe(true);

      const exited = new Promise<number | null>((resolve) => launcher!.once('exit', resolve));
      launcher.kill(signal);
      expect(await exited).toBe(0);
      await vi.waitFor(() => expect(pids.filter(alive)).toEqual([]), { timeout: 30_000, interval: 100 });
    },
    120_000,
  );
});
