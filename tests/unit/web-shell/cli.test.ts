import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/kiosk';

const root = join(import.meta.dirname, '..', '..', '..');
const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

/** Runs a built entry until it prints `until` (then stops it) or exits by itself. */
function run(entry: string, args: string[], env: NodeJS.ProcessEnv, until?: RegExp) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [join(root, 'out/main', entry), ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (until?.test(stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(() => {
  if (!existsSync(join(root, 'out/main/web-shell.js'))) throw new Error('run `npm run build` first (npm test does)');
});

describe('web shell command line', () => {
  it('prints one Kiosk URL line on a free loopback port', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const { stdout } = await run('web-shell.js', ['--port', '0', '--data-dir', dir.path], {}, /Kiosk URL/);
    expect(stdout).toMatch(/^Kiosk URL: http:\/\/127\.0\.0\.1:\d+\/launch\?k=[\w-]{43}$/m);
  });

  it.each([
    [['--port', 'abc'], {}, /^Configuration error: invalid --port: abc$/m],
    [['--port', '0'], { KIOSK_LANGUAGE: 'klingon' }, /^Configuration error: invalid configuration at "language"/m],
    [['--bogus'], {}, /Unknown option '--bogus'[\s\S]*Usage: web-shell/],
  ])('explains a bad start in one line, without a stack: %s', async (args, env, message) => {
    const dir = tempDir();
    dirs.push(dir);
    const { code, stderr } = await run('web-shell.js', [...args, '--data-dir', dir.path], env);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('npm start (launcher)', () => {
  it('without an Electron binary nor a display, serves the web shell and prints the URL', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const { stdout } = await run(
      'launcher.js',
      ['--port', '0', '--data-dir', dir.path],
      { KIOSK_FORCE_WEB: '1' },
      /Kiosk URL[\s\S]*open the URL/,
    );
    expect(stdout).toContain('Electron is not installed here');
    expect(stdout).toMatch(/^Kiosk URL: http:\/\/127\.0\.0\.1:\d+\/launch\?k=/m);
  });
});
