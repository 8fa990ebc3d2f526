import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/kiosk';

const root = join(import.meta.dirname, '..', '..', '..');
const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

/** Runs a built entry until it prints `until` on either stream (then stops it) or exits by itself. */
function run(entry: string, args: string[], env: NodeJS.ProcessEnv, until?: RegExp) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [join(root, 'out/main', entry), ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let stopped = false;
    const check = () => {
      if (!stopped && until?.test(stdout + stderr)) stopped = child.kill('SIGTERM');
    };
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      check();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      check();
    });
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

  it('closes cleanly once started, and a wrong database key is then said after the URL line', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const args = ['--port', '0', '--data-dir', dir.path];
    // The mailbox line comes once the core (and its demo portal) answers and SIGTERM is handled.
    const first = await run('web-shell.js', args, { KIOSK_DB_KEY: 'first-key-0123456789abcdef' }, /^Mailbox: /m);
    expect(first).toMatchObject({ code: 0 });
    const second = await run('web-shell.js', args, { KIOSK_DB_KEY: 'other-key-0123456789abcdef' });
    expect(second.code).toBe(2);
    expect(second.stdout).toMatch(/^Kiosk URL: /m);
    expect(second.stderr).toMatch(/^Database error: .* \(check KIOSK_DB_KEY\)$/m);
    expect(second.stderr).not.toMatch(/\n\s+at /);
  });

  it("a SIGTERM during the core's start waits for it and ends cleanly; the next start opens the same data", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const args = ['--port', '0', '--data-dir', dir.path];
    // The URL line comes before the core is ready: a service manager's stop may come then.
    const early = await run('web-shell.js', args, {}, /^Kiosk URL: /m);
    expect(early.code).toBe(0);
    const again = await run('web-shell.js', args, {}, /^Mailbox: /m);
    expect(again.code).toBe(0);
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
