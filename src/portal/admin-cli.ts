// `npm run portal:admin -- <command>`: kiosk administration on the portal's database. Wiring only.
import { parseArgs } from 'node:util';
import { agencyCodeSchema } from '../shared/portal-api/routes';
import { CONFIG_OPTIONS, configFromArgs, runCli } from './cli/common';
import { databaseUrlOf } from './config';
import { openPortalDatabase } from './db/open';
import { createKiosk, listKiosks, revokeKiosk } from './kiosks/service';
import { findPortalResourcesDir } from './paths';

const USAGE = `Usage: portal-admin <command> [--config FILE] [--data-dir DIR] [--database-url URL]
  kiosk:create --agency CODE --label TEXT   creates a kiosk and prints its one-time enrolment code
  kiosks                                    lists kiosks with their last heartbeat
  kiosk:revoke KIOSK_ID                     stops a kiosk's credential at once`;

await runCli(USAGE, async () => {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: { ...CONFIG_OPTIONS, agency: { type: 'string' }, label: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [command, arg] = positionals;
  const config = configFromArgs(values);
  const opened = await openPortalDatabase({
    url: databaseUrlOf(config),
    authToken: config.databaseAuthToken,
    encryptionKey: config.databaseEncryptionKey,
    resourcesDir: findPortalResourcesDir(import.meta.dirname),
  });
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
      const rows = await listKiosks(opened.db);
      if (rows.length === 0) process.stdout.write('No kiosk yet.\n');
      for (const k of rows)
        process.stdout.write(
          `${k.kioskId}\t${k.agencyCode}\t${k.label}\t${k.enrolled ? 'enrolled' : 'awaiting enrolment'}\tlast heartbeat: ${k.lastHeartbeatAt ?? 'never'}\t${k.version ?? ''}\toutbox: ${k.outboxDepth ?? '-'}\n`,
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
