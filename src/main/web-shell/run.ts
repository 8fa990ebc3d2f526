import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type KioskConfig } from '../core/config';
import { webShellDatabaseKey } from '../host/database-key-file';
import { DatabaseKeyError } from '../core/db/errors';
import type { KioskCore } from '../core/kiosk-core';
import { findResourcesDir, projectRoot } from '../host/paths';
import { readVersion } from '../host/version';
import { startDemoIfUnconfigured, withDemo, type EmbeddedPortal } from '../demo/embedded-portal';
import { rendererDirOf, startWebShell, type WebShell } from './server';

export interface RunningWebShell {
  core: KioskCore;
  shell: WebShell;
  /** The embedded reference portal, when no portal URL was configured. */
  demo: EmbeddedPortal | null;
  close(): Promise<void>;
}

export const WEB_SHELL_USAGE = `Usage: web-shell [--port N] [--data-dir DIR] [--config FILE] [--portal-url URL]
  --port 0 picks a free port (default 5180). Listens on 127.0.0.1 only.
  Without a portal URL, the reference portal runs embedded with demo tenants and a mailbox page.`;

/** Parses the command line, starts the core and the web shell; errors are said in one line. */
export async function runWebShell(
  argv: string[],
  env = process.env,
  /** Told as soon as the page can be served, before the core is ready. */
  onListening?: (shell: WebShell) => void,
): Promise<RunningWebShell> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: env.KIOSK_WEB_PORT ?? '5180' },
      'data-dir': { type: 'string' },
      config: { type: 'string' },
      'portal-url': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`invalid --port: ${values.port}`, 'port');
  const root = projectRoot(import.meta.dirname);
  const overrides: Record<string, unknown> = {};
  if (values['data-dir']) overrides.dataDir = values['data-dir'];
  if (values['portal-url']) overrides.portalUrl = values['portal-url'];
  const config = loadConfig({ file: values.config, env, overrides, defaultDataDir: join(root, '.data', 'kiosk') });
  const databaseKey = webShellDatabaseKey(config);
  // Listening comes first and the kiosk core (its modules, the database and its migrations, the
  // demo portal) starts right after: Chromium fetches the page meanwhile, and a call made before
  // the core is ready simply waits for it. Loading the core first kept the URL line waiting.
  let begin!: (started: Promise<Started>) => void;
  const starting = new Promise<Started>((resolve) => (begin = resolve));
  starting.catch(() => undefined);
  const shell = await startWebShell({
    dispatch: async (call, input, ctx) => (await starting).core.dispatch(call, input, ctx),
    rendererDir: rendererDirOf(root),
    port,
  });
  onListening?.(shell);
  begin(startCore(config, databaseKey, root));
  let started: Started;
  try {
    started = await starting;
  } catch (error) {
    await shell.close();
    throw error;
  }
  const { core, demo } = started;
  return {
    core,
    shell,
    demo,
    async close() {
      await shell.close();
      await core.close();
      await demo?.close();
    },
  };
}

interface Started {
  core: KioskCore;
  demo: EmbeddedPortal | null;
}

async function startCore(
  config: KioskConfig,
  { key, source }: ReturnType<typeof webShellDatabaseKey>,
  root: string,
): Promise<Started> {
  const [{ startKioskCore }, { createLogger }] = await Promise.all([
    import('../core/kiosk-core'),
    import('../core/logger'),
  ]);
  const logger = createLogger(config.logLevel);
  if (source === 'local-file') logger.warn('no KIOSK_DB_KEY configured: using a key kept beside the data (demo only)');
  const embedded = await startDemoIfUnconfigured(config);
  const demo = embedded?.portal ?? null;
  const coreConfig = embedded ? withDemo(config, embedded.wiring) : config;
  try {
    const core = await startKioskCore({
      config: coreConfig,
      databaseKey: key,
      resourcesDir: findResourcesDir(import.meta.dirname),
      version: readVersion(root),
      logger,
    });
    return { core, demo };
  } catch (error) {
    await demo?.close();
    throw error;
  }
}

/** For entry files: a known failure is one line on stderr and exit code 2, never a stack. */
export function explainStartFailure(error: unknown): string {
  if (error instanceof ConfigError) return `Configuration error: ${error.message}`;
  if (error instanceof DatabaseKeyError) return `Database error: ${error.message} (check KIOSK_DB_KEY)`;
  if (
    error instanceof TypeError &&
    /parseArgs|Unknown option|ERR_PARSE_ARGS/.test(String((error as { code?: string }).code ?? error.message))
  )
    return `${error.message}\n${WEB_SHELL_USAGE}`;
  if ((error as { code?: string })?.code === 'EADDRINUSE')
    return 'Port already in use: choose another with --port (0 = any free port)';
  return `Could not start: ${error instanceof Error ? error.name : 'unknown error'}`;
}
