import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig } from '../core/config';
import { demoEnvironment, startDemoIfUnconfigured } from '../demo/embedded-portal';

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
  const started = await startDemoIfUnconfigured(config);
  const demo = started?.portal ?? null;
  if (started) Object.assign(env, demoEnvironment(config, started.wiring));
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
