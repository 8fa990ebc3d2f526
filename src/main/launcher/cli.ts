// `npm start`: the product on its embedded defaults. Wiring only.
import type { ChildProcess } from 'node:child_process';
import { electronBinaryPath } from '../host/electron-binary';
import { projectRoot } from '../host/paths';
import { stopOnSignals } from '../host/stop-signals';
import { spawnCoreThread } from '../web-shell/core-thread';
import { explainStartFailure, runWebShell, type RunningWebShell } from '../web-shell/run';
import { endChromium, findChromium, hasDisplay, openChromiumKiosk } from './chromium';
import { launchElectron } from './run-electron';

const args = process.argv.slice(2);
const windowed = args.includes('--windowed');
const root = projectRoot(import.meta.dirname);
const electron = process.env.KIOSK_FORCE_WEB ? null : electronBinaryPath(root);

if (electron) {
  await launchElectron(electron, root, args, process.stdout).catch((error: unknown) => {
    process.stderr.write(`${explainStartFailure(error)}\n`);
    process.exit(2);
  });
} else {
  // Chromium opens as soon as the page can be served: the kiosk core starts while it loads. A signal
  // or Chromium closing may come before the core is ready, so the handlers are in place first.
  let chromium = null as ChildProcess | null;
  let starting: Promise<RunningWebShell> | null = null;
  const signals = stopOnSignals(
    () => starting,
    () => chromium && endChromium(chromium),
  );
  try {
    const webArgs = args.filter((a) => a !== '--windowed' && a !== '--dev');
    const core = spawnCoreThread(new URL('./web-shell-core.js', import.meta.url));
    starting = runWebShell(core, webArgs.length ? webArgs : ['--port', '0'], process.env, (shell) => {
      process.stdout.write('Electron is not installed here: the kiosk runs as a web shell.\n');
      process.stdout.write(`Kiosk URL: ${shell.launchUrl}\n`);
      const binary = findChromium();
      chromium = binary && hasDisplay() ? openChromiumKiosk(binary, shell.launchUrl, windowed) : null;
      // Whichever ends first, the launcher (a signal) or Chromium (closed), ends the other.
      chromium?.on('exit', signals.stop);
    });
    const running = await starting;
    if (running.demo) process.stdout.write(`Mailbox: ${running.demo.mailboxUrl}\n`);
    if (!chromium) {
      process.stdout.write('No display or no Chromium found: open the URL above in Chromium (Ctrl+C to stop).\n');
    }
  } catch (error) {
    if (signals.stopping) process.exit(0);
    if (chromium) endChromium(chromium);
    process.stderr.write(`${explainStartFailure(error)}\n`);
    process.exit(2);
  }
}
