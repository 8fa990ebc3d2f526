// `npm start`: the product on its embedded defaults. Wiring only.
import { spawn } from 'node:child_process';
import { electronBinaryPath } from '../core/electron-binary';
import { projectRoot } from '../core/paths';
import { explainStartFailure, runWebShell } from '../web-shell/run';
import { findChromium, hasDisplay, openChromiumKiosk } from './chromium';

const args = process.argv.slice(2);
const windowed = args.includes('--windowed');
const root = projectRoot(import.meta.dirname);
const electron = process.env.KIOSK_FORCE_WEB ? null : electronBinaryPath(root);

if (electron) {
  process.stdout.write('Starting the kiosk in Electron…\n');
  const child = spawn(electron, [root, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  try {
    const webArgs = args.filter((a) => a !== '--windowed');
    const running = await runWebShell(webArgs.length ? webArgs : ['--port', '0']);
    const url = running.shell.launchUrl;
    process.stdout.write('Electron is not installed here: the kiosk runs as a web shell.\n');
    process.stdout.write(`Kiosk URL: ${url}\n`);
    const stop = () => void running.close().finally(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const chromium = findChromium();
    if (chromium && hasDisplay()) {
      openChromiumKiosk(chromium, url, windowed).on('exit', stop);
    } else {
      process.stdout.write('No display or no Chromium found: open the URL above in Chromium (Ctrl+C to stop).\n');
    }
  } catch (error) {
    process.stderr.write(`${explainStartFailure(error)}\n`);
    process.exit(2);
  }
}
