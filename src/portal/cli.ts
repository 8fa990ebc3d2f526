// `npm run portal`: the reference central portal on 127.0.0.1. Wiring only.
import { parseArgs } from 'node:util';
import { CONFIG_OPTIONS, configFromArgs, runCli } from './cli/common';
import { demoSignatories } from './signatories/demo-data';
import { countSignatories } from './signatories/store';
import { startPortal } from './start';

const USAGE = `Usage: portal [--port N] [--host H] [--config FILE] [--data-dir DIR] [--database-url URL] [--demo-data N]
  --port 0 picks a free port (default 5190, or PORTAL_PORT). --demo-data N loads N fictional tenants into an empty database.`;

await runCli(USAGE, async () => {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { ...CONFIG_OPTIONS, port: { type: 'string' }, host: { type: 'string' }, 'demo-data': { type: 'string' } },
    strict: true,
  });
  const extra: Record<string, unknown> = {};
  if (values.port !== undefined) extra.port = /^\d+$/.test(values.port) ? Number(values.port) : values.port;
  if (values.host !== undefined) extra.host = values.host;
  const portal = await startPortal({ config: configFromArgs(values, extra) });
  const demo = values['demo-data'] === undefined ? 0 : Number(values['demo-data']);
  if (demo > 0 && (await countSignatories(portal.db)) === 0) await portal.importSignatories(demoSignatories(demo));
  process.stdout.write(`Portal URL: ${portal.url}\n`);
  if (portal.mailboxUrl)
    process.stderr.write(`Demo mail: no SMTP relay configured, emails are kept at ${portal.mailboxUrl}\n`);
  const stop = () => void portal.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
