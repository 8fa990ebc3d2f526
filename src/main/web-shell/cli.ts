// `npm run web`: the kiosk in any Chromium, on loopback. Wiring only.
import { stopOnSignals } from '../host/stop-signals';
import { spawnCoreThread } from './core-thread';

// Before anything else loads: the kiosk core's thread loads its modules while this one starts.
const core = spawnCoreThread(new URL('./web-shell-core.js', import.meta.url));
const { explainStartFailure, runWebShell } = await import('./run');

let starting: ReturnType<typeof runWebShell> | null = null;
const signals = stopOnSignals(() => starting);
try {
  starting = runWebShell(core, process.argv.slice(2), process.env, (shell) =>
    process.stdout.write(`Kiosk URL: ${shell.launchUrl}\n`),
  );
  const running = await starting;
  if (running.demo) process.stdout.write(`Mailbox: ${running.demo.mailboxUrl}\n`);
} catch (error) {
  if (signals.stopping) process.exit(0);
  process.stderr.write(`${explainStartFailure(error)}\n`);
  process.exit(2);
}
