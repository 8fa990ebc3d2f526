// `npm run portal:admin -- <command>`: kiosk administration on the portal's database. Wiring only.
import { parseArgs } from 'node:util';
import { agencyCodeSchema } from '../shared/portal-api/routes';
import { CONFIG_OPTIONS, configFromArgs, runCli } from './cli/common';
import { openConfiguredDatabase } from './db/open';
import { formatKiosk } from './kiosks/format';
import { createKiosk, listKiosks, revokeKiosk } from './kiosks/service';
import { loadPortalKeys } from './security/keys';

const USAGE = `Usage: portal-admin <command> [--config FILE] [--data-dir DIR] [--database-url URL]
  kiosk:create --agency CODE --label TEXT   creates a kiosk and prints its one-time enrolment code
  kiosks                                    lists kiosks: last heartbeat, outbox figures, refusals, events
  kiosk:revoke KIOSK_ID                     stops a kiosk's credential at once
  keys:rotate                               new sealing key for kiosks; the old one opens bodies during its grace`;

await runCli(USAGE, async () => {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: { ...CONFIG_OPTIONS, agency: { type: 'string' }, label: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [command, arg] = positionals;
  const config = configFromArgs(values);
  const opened = await openConfiguredDatabase(config);
  try {
    if (command === 'kiosk:create') {
      const agency = agencyCodeSchema.safeParse(values.agency ?? '');
      if (!agency.success || !values.label)
        throw Object.assign(new Error('kiosk:create needs --agency CODE (2–12 capitals or digits) and --label TEXT'), {
          code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
        });
      const k = await createKiosk(
        opened.db,
        { agencyCode: agency.data, label: values.label },
        new Date(),
        config.lifetimes.enrolmentCodeSeconds,
      );
      process.stdout.write(
        `Kiosk ${k.kioskId} (${agency.data})\nEnrolment code: ${k.enrolmentCode}\nValid until: ${k.expiresAt} — single use\n`,
      );
    } else if (command === 'kiosks') {
      const rows = await listKiosks(opened.db, new Date());
      process.stdout.write(rows.length === 0 ? 'No kiosk yet.\n' : rows.map(formatKiosk).join('\n'));
    } else if (command === 'keys:rotate') {
      const keys = await loadPortalKeys(opened.db, () => new Date(), {
        graceSeconds: config.lifetimes.sealingKeyGraceSeconds,
      });
      const r = await keys.rotate();
      const days = Math.round(config.lifetimes.sealingKeyGraceSeconds / 86_400);
      process.stdout.write(
        `Current sealing key: ${r.keyId}\nRetired: ${r.retired.join(', ') || 'none'} (still opens bodies for ${days} days)\nPrivate keys erased past their grace: ${r.erased}\n`,
      );
    } else if (command === 'kiosk:revoke' && arg) {
      process.stdout.write(
        (await revokeKiosk(opened.db, arg, new Date())) ? `Revoked ${arg}\n` : `No active kiosk ${arg}\n`,
      );
    } else {
      process.stderr.write(`${USAGE}\n`);
      process.exitCode = 2;
    }
  } finally {
    opened.close();
  }
});
