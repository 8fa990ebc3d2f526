// The web shell's kiosk core in a thread of its own (built as one CommonJS file, out/main/
// web-shell-core.cjs, which core-boot.ts runs from V8's code cache). Its
// modules load as soon as the thread exists, while the main thread listens and serves the page; the
// configuration is checked here, where zod is loaded anyway, so the main thread never loads it.
// No call waits behind the page's files, nor the page behind the core.
import { parentPort } from 'node:worker_threads';
import type { Result } from '../../shared/result';
import { loadConfig } from '../core/config';
import { startKioskCore, type KioskCore } from '../core/kiosk-core';
import { createLogger } from '../core/logger';
import { startDemoIfUnconfigured, withDemo, type EmbeddedPortal } from '../demo/embedded-portal';
import { webShellDatabaseKey } from '../host/database-key-file';
import { findResourcesDir } from '../host/paths';
import { readVersion } from '../host/version';
import type { FromCore, StartCore, ToCore } from './core-thread';

const port = parentPort!;
const send = (message: FromCore) => port.postMessage(message);

let starting: Promise<{ core: KioskCore; demo: EmbeddedPortal | null }> | null = null;

// The core's background work (portal check, enrolment, outbox, heartbeats) waits until the page
// has had its first answer and a moment to draw the attract screen with it: started at the first
// answer, it took the CPU the page needed then (docs/start-time.md). Without a page calling, it
// starts 2 s after the core anyway.
const PAINT_GRACE_MS = 1_000;
let startBackground!: () => void;
const backgroundAfter = new Promise<void>((resolve) => (startBackground = resolve));
let firstAnswered = false;

async function start({ load, root }: StartCore) {
  const config = loadConfig(load);
  const { key, source } = webShellDatabaseKey(config);
  const logger = createLogger(config.logLevel);
  if (source === 'local-file') logger.warn('no KIOSK_DB_KEY configured: using a key kept beside the data (demo only)');
  const embedded = await startDemoIfUnconfigured(config);
  const demo = embedded?.portal ?? null;
  try {
    const core = await startKioskCore({
      config: embedded ? withDemo(config, embedded.wiring) : config,
      databaseKey: key,
      resourcesDir: findResourcesDir(import.meta.dirname),
      version: readVersion(root),
      logger,
      backgroundAfter,
    });
    setTimeout(startBackground, 2_000);
    return { core, demo };
  } catch (error) {
    await demo?.close();
    throw error;
  }
}

async function answer(id: number, run: () => Promise<Result<unknown>>) {
  try {
    send({ type: 'answer', id, result: await run() });
  } catch {
    send({ type: 'answer', id, result: null });
  }
  if (!firstAnswered) setTimeout(startBackground, PAINT_GRACE_MS);
  firstAnswered = true;
}

port.on('message', (message: ToCore) => {
  if (message.type === 'start') {
    starting = start(message);
    starting.then(
      ({ demo }) => send({ type: 'ready', mailboxUrl: demo?.mailboxUrl ?? null }),
      (error: unknown) => {
        const { name = 'Error', message: text = '' } = error instanceof Error ? error : {};
        send({ type: 'failed', error: { name, message: text } });
      },
    );
  } else if (message.type === 'call') {
    const { id, call, input, ctx } = message;
    void answer(id, async () => (await starting!).core.dispatch(call, input, ctx));
  } else {
    void (async () => {
      const started = await starting?.catch(() => null);
      await started?.core.close();
      await started?.demo?.close();
      send({ type: 'closed' });
    })();
  }
});
