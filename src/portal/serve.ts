// `npm run portal:serve`: the portal as a service (systemd, a container). Wiring only.
// Configuration: PORTAL_CONFIG (a JSON file) and PORTAL_* variables, secrets from …File settings.
import { parseArgs } from 'node:util';
import { CONFIG_OPTIONS, configFromArgs, runCli } from './cli/common';
import { PortalConfigError } from './config';
import { startPortal } from './start';

const USAGE = 'Usage: portal-serve [--config FILE] [--data-dir DIR] [--database-url URL]';
/** In-flight requests get this long to finish after SIGTERM; systemd's TimeoutStopSec is longer. */
const DRAIN_MS = 25_000;

await runCli(USAGE, async () => {
  const { values } = parseArgs({ args: process.argv.slice(2), options: CONFIG_OPTIONS, strict: true });
  const config = configFromArgs(values);
  if (!config.smtp)
    throw new PortalConfigError(
      'invalid configuration at "smtp": a relay is required to serve (the demo mail is for `npm run portal`)',
      'smtp',
    );
  const portal = await startPortal({ config });
  portal.app.log.info({ url: portal.url }, 'portal serving');
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    portal.app.log.info({ signal }, 'portal stopping: draining requests');
    const force = setTimeout(() => {
      portal.app.log.error({ drainMs: DRAIN_MS }, 'portal stop timed out');
      process.exit(1);
    }, DRAIN_MS);
    force.unref();
    void portal.close().then(
      () => {
        portal.app.log.info('portal stopped');
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
});
