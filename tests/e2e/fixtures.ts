import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type BrowserContext, type Page, type TestInfo } from '@playwright/test';

export interface RunningKiosk {
  /** One use only: spent by startKiosk (unless `launch: false`); the page then holds the cookie. */
  launchUrl: string;
  baseUrl: string;
  /** The bridge secret (the launch cookie's value), for calls from tests; '' when not launched. */
  secret: string;
  dataDir: string;
  process: ChildProcess;
  /** The embedded demo portal's mailbox page; null when the kiosk was given a portal URL. */
  mailboxUrl: string | null;
  /** The embedded demo portal's base URL (origin of the mailbox), or null. */
  portalUrl: string | null;
  /** What the kiosk wrote to stderr so far: its log (warnings and errors, codes only). */
  log(): string;
}

export interface StartKioskOptions {
  env?: NodeJS.ProcessEnv;
  /** Extra web-shell arguments, e.g. ['--portal-url', 'http://127.0.0.1:9'] for an offline kiosk. */
  args?: string[];
  /** false: leave the one-time launch link unspent (tests of the launch itself). */
  launch?: boolean;
}

const root = join(import.meta.dirname, '..', '..');
const UNUSED_CODE = 'E2E0-NEVER-TRADED';

/**
 * Starts the built web shell on a free loopback port with a fresh data dir; resolves once it has
 * printed its URL (and, with the embedded demo portal, its mailbox line). Without `--portal-url`
 * in `args`, the kiosk runs the embedded demo portal with its mail catcher.
 * `startKiosk(env)` (an environment alone) still works.
 */
export async function startKiosk(options: StartKioskOptions | NodeJS.ProcessEnv = {}): Promise<RunningKiosk> {
  const { env: given = {}, args = [], launch = true } = isStartOptions(options) ? options : { env: options };
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  const demo = !args.includes('--portal-url') && !given.KIOSK_PORTAL_URL;
  // A kiosk with neither a credential nor a code shows the set-up screen: tests of other screens
  // give it a code (never traded with an unreachable portal); set-up tests pass KIOSK_ENROLMENT_CODE: ''.
  const env = demo || 'KIOSK_ENROLMENT_CODE' in given ? given : { KIOSK_ENROLMENT_CODE: UNUSED_CODE, ...given };
  const child = spawn(
    process.execPath,
    [join(root, 'out/main/web-shell.js'), '--port', '0', '--data-dir', dataDir, ...args],
    {
      env: { ...process.env, KIOSK_PORTAL_URL: '', KIOSK_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const [launchUrl, mailboxUrl] = await new Promise<[string, string | null]>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const kiosk = /^Kiosk URL: (\S+)$/m.exec(out);
      const mailbox = /^Mailbox: (\S+)$/m.exec(out);
      if (kiosk && (mailbox || !demo)) resolve([kiosk[1]!, mailbox ? mailbox[1]! : null]);
    });
    child.once('exit', (code) => reject(new Error(`web shell exited (${code}) before printing its URL: ${stderr}`)));
  });
  const url = new URL(launchUrl);
  return {
    launchUrl,
    baseUrl: url.origin,
    secret: launch ? await spendLaunch(launchUrl) : '',
    dataDir,
    process: child,
    mailboxUrl,
    portalUrl: mailboxUrl ? new URL(mailboxUrl).origin : null,
    log: () => stderr,
  };
}

const isStartOptions = (o: StartKioskOptions | NodeJS.ProcessEnv): o is StartKioskOptions =>
  (typeof o.env === 'object' && o.env !== null) || Array.isArray(o.args) || typeof o.launch === 'boolean';

/** Opens the one-time launch link as a browser would and keeps the cookie it sets: the secret. */
async function spendLaunch(launchUrl: string): Promise<string> {
  const response = await fetch(launchUrl, { redirect: 'manual' });
  const cookie = /kiosk_bridge=([^;]+)/.exec(response.headers.get('set-cookie') ?? '');
  if (response.status !== 303 || !cookie) throw new Error(`launch refused (${response.status})`);
  return cookie[1]!;
}

/** Gives a browser context this launch's cookie, as opening the launch link did for startKiosk. */
export async function holdLaunchCookie(context: BrowserContext, kiosk: RunningKiosk): Promise<void> {
  await context.addCookies([
    { name: 'kiosk_bridge', value: kiosk.secret, url: kiosk.baseUrl, httpOnly: true, sameSite: 'Strict' },
  ]);
}

/** Stops the kiosk; after a failed test, its log goes with the report (CI prints it with the failure). */
export async function stopKiosk(kiosk: RunningKiosk, info?: TestInfo): Promise<void> {
  if (info && info.status !== info.expectedStatus && kiosk.log()) {
    await info.attach('kiosk log', { body: kiosk.log(), contentType: 'text/plain' });
  }
  if (kiosk.process.exitCode === null) {
    const exited = new Promise((r) => kiosk.process.once('exit', r));
    kiosk.process.kill('SIGTERM');
    await exited;
  }
  rmSync(kiosk.dataDir, { recursive: true, force: true });
}

/**
 * Each test gets its own kiosk (fresh data dir) and a page already opened on its launch URL.
 * `test.use({ kioskArgs: ['--portal-url', 'http://127.0.0.1:9'] })` gives a kiosk whose portal
 * is unreachable; `kioskEnv` adds environment variables (e.g. KIOSK_CAPTCHA: 'false').
 */
export const test = base.extend<{ kiosk: RunningKiosk; kioskArgs: string[]; kioskEnv: NodeJS.ProcessEnv }>({
  kioskArgs: [[], { option: true }],
  kioskEnv: [{}, { option: true }],
  kiosk: async ({ kioskArgs, kioskEnv }, use, info) => {
    const kiosk = await startKiosk({ args: kioskArgs, env: kioskEnv });
    await use(kiosk);
    await stopKiosk(kiosk, info);
  },
  page: async ({ page, kiosk }, use) => {
    // The link is spent; with the cookie, opening it again lands on the attract screen, as in a
    // kiosk browser that reloads it.
    await holdLaunchCookie(page.context(), kiosk);
    await page.goto(kiosk.launchUrl);
    await use(page);
  },
});

export { expect };

/** Holds the page's answers to `call` (e.g. 'getReset') until the returned release is called. */
export async function holdCall(page: Page, call: string): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/api/call/${call}`, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}
