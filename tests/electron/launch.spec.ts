import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { ELECTRON_MISSING, electronBinaryPath } from '../../src/main/host/electron-binary';
import { CALL_NAMES } from '../../src/shared/kiosk-api';

/*
 * The real Electron shell, launched from the build (package.json "main" = out/main/index.js).
 * The Electron binary cannot be downloaded everywhere: where it is missing this file is skipped,
 * saying so, and the unit tests in tests/unit/electron cover the same wiring against a fake.
 */
const root = join(import.meta.dirname, '..', '..');
const binary = electronBinaryPath(root);
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

test.describe.configure({ mode: 'serial' });
test.skip(!binary, `${ELECTRON_MISSING}: Electron launch tests skipped`);
test.skip(noDisplay, 'No display (DISPLAY and WAYLAND_DISPLAY unset; try xvfb-run): Electron launch tests skipped');
test.skip(
  !existsSync(join(root, 'out/main/index.js')),
  'out/main/index.js missing: run `npx electron-vite build` first',
);

type PageKiosk = Record<string, unknown>;
let app: ElectronApplication;
let page: Page;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kiosk-electron-'));
  app = await _electron.launch({
    executablePath: binary!,
    // Chromium refuses to run as root with its sandbox on (CI containers); webPreferences.sandbox still applies.
    args: [root, '--windowed', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    env: {
      ...process.env,
      KIOSK_DATA_DIR: dataDir,
      // Used only where the OS offers no key store (headless Linux): the kiosk then refuses to start without one.
      KIOSK_DB_KEY: 'electron-launch-test-key-not-a-secret',
      KIOSK_LOG_LEVEL: 'warn',
    },
  });
  page = await app.firstWindow();
});

test.afterAll(async () => {
  await app?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('opens on the attract screen, served from app://kiosk', async () => {
  await expect(page.getByText("Touchez l'écran pour commencer")).toBeVisible();
  expect(page.url()).toBe('app://kiosk/index.html');
  const csp = await page.evaluate(async () =>
    (await fetch('app://kiosk/index.html')).headers.get('content-security-policy'),
  );
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
});

test('gives the page window.kiosk with the contract calls only, and no Node', async () => {
  const seen = await page.evaluate(() => {
    const g = globalThis as unknown as { kiosk: PageKiosk; require?: unknown; process?: unknown; module?: unknown };
    return {
      keys: Object.keys(g.kiosk).sort(),
      allFunctions: Object.values(g.kiosk).every((v) => typeof v === 'function'),
      require: typeof g.require,
      process: typeof g.process,
      module: typeof g.module,
    };
  });
  expect(seen).toEqual({
    keys: [...CALL_NAMES].sort(),
    allFunctions: true,
    require: 'undefined',
    process: 'undefined',
    module: 'undefined',
  });
});

test('answers kiosk calls through the preload and the core', async () => {
  const info = await page.evaluate(() =>
    (globalThis as unknown as { kiosk: { getInfo(i: object): Promise<unknown> } }).kiosk.getInfo({}),
  );
  expect(info).toMatchObject({ ok: true, value: { kioskId: 'borne-demo' } });
});

test('opens no new window and stays on app://kiosk', async () => {
  const opened = await page.evaluate(
    () => (globalThis as unknown as { open(u: string): unknown }).open('https://example.org/') === null,
  );
  expect(opened).toBe(true);
  expect(app.windows()).toHaveLength(1);
  expect(page.url()).toBe('app://kiosk/index.html');
});
