// `npm run web`: the kiosk in any Chromium, on loopback. Wiring only.
import { spawnCoreThread } from './core-thread';

// Before anything else loads: the kiosk core's thread loads its modules while this one starts.
const core = spawnCoreThread(new URL('./web-shell-core.js', import.meta.url));
const { explainStartFailure, runWebShell } = await import('./run');

// A signal may come while the core is still starting (a service manager stopping a slow start):
// the handlers are in place first, and a stop then waits for the start and closes what it opened.
let starting: ReturnType<typeof runWebShell> | null = null;
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void Promise.resolve(starting)
    .then((running) => running?.close())
    .catch(() => undefined)
    .finally(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
try {
  starting = runWebShell(core, process.argv.slice(2), process.env, (shell) =>
    process.stdout.write(`Kiosk URL: ${shell.launchUrl}\n`),
  );
  const running = await starting;
  if (running.demo) process.stdout.write(`Mailbox: ${running.demo.mailboxUrl}\n`);
} catch (error) {
  if (stopping) process.exit(0);
  process.stderr.write(`${explainStartFailure(error)}\n`);
  process.exit(2);
}
