// `npm run web`: the kiosk in any Chromium, on loopback. Wiring only.
import { spawnCoreThread } from './core-thread';

// Before anything else loads: the kiosk core's thread loads its modules while this one starts.
const core = spawnCoreThread(new URL('./web-shell-core.js', import.meta.url));
const { explainStartFailure, runWebShell } = await import('./run');
try {
  const running = await runWebShell(core, process.argv.slice(2), process.env, (shell) =>
    process.stdout.write(`Kiosk URL: ${shell.launchUrl}\n`),
  );
  if (running.demo) process.stdout.write(`Mailbox: ${running.demo.mailboxUrl}\n`);
  const stop = () => void running.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`${explainStartFailure(error)}\n`);
  process.exit(2);
}
