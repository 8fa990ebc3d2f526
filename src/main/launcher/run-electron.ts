import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig } from '../core/config';
import { DEMO_STAFF_PIN_HASH } from '../core/staff/demo-pin';
import { startEmbeddedPortal, type EmbeddedPortal } from '../web-shell/demo-portal';

/**
 * Runs the kiosk in Electron. Without a configured portal, the embedded reference portal runs in
 * this (Node) process first, and Electron's kiosk core is pointed at it through its environment:
 * the Electron main process stays free of portal code.
 */
export async function launchElectron(
  electron: string,
  root: string,
  args: string[],
  out: NodeJS.WritableStream,
): Promise<void> {
  const config = loadConfig({ env: process.env, defaultDataDir: join(root, '.data', 'kiosk-electron') });
  const env = { ...process.env };
  let demo: EmbeddedPortal | null = null;
  if (!config.portalUrl) {
    demo = await startEmbeddedPortal(config.dataDir, config.logLevel);
    Object.assign(env, {
      KIOSK_DATA_DIR: config.dataDir,
      KIOSK_PORTAL_URL: demo.url,
      KIOSK_ENROLMENT_CODE: demo.enrolmentCode,
      // The README's demo staff PIN, unless one is configured (a real portal never gets it).
      KIOSK_STAFF_PIN_HASH: config.staff.pinHash ?? DEMO_STAFF_PIN_HASH,
    });
  }
  out.write('Starting the kiosk in Electron…\n');
  if (demo) out.write(`Mailbox: ${demo.mailboxUrl}\n`);
  const child = spawn(electron, [root, ...args], { stdio: 'inherit', env });
  const stop = () => child.kill('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  child.on('exit', (code) => {
    void (demo?.close() ?? Promise.resolve()).finally(() => process.exit(code ?? 0));
  });
}
