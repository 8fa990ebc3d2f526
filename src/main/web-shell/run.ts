import { join } from 'node:path';
import { parseArgs } from 'node:util';
// Not from core/config: that loads zod, which only the core thread needs (it checks the configuration).
import { ConfigError } from '../../shared/config-layers';
import { DatabaseKeyError } from '../core/db/errors';
import { projectRoot } from '../host/paths';
import { CoreStartError, type CoreThread } from './core-thread';
import { rendererDirOf, startWebShell, type WebShell } from './server';

export interface RunningWebShell {
  shell: WebShell;
  /** The embedded reference portal (in the core's thread), when no portal URL was configured. */
  demo: { mailboxUrl: string } | null;
  close(): Promise<void>;
}

export const WEB_SHELL_USAGE = `Usage: web-shell [--port N] [--data-dir DIR] [--config FILE] [--portal-url URL]
  --port 0 picks a free port (default 5180). Listens on 127.0.0.1 only.
  Without a portal URL, the reference portal runs embedded with demo tenants and a mailbox page.`;

/** Parses the command line, starts the core and the web shell; errors are said in one line. */
export async function runWebShell(
  /** Spawned by the entry file before this module loaded: the core's modules load meanwhile. */
  core: CoreThread,
  argv: string[],
  env = process.env,
  /** Told as soon as the page can be served, before the core is ready. */
  onListening?: (shell: WebShell) => void,
): Promise<RunningWebShell> {
  const root = projectRoot(import.meta.dirname);
  try {
    return await runWithCore(core, root, argv, env, onListening);
  } catch (error) {
    await core.close();
    throw startFailure(error);
  }
}

/** The core thread's start failures, named again as the errors they were. */
function startFailure(error: unknown): unknown {
  if (!(error instanceof CoreStartError)) return error;
  if (error.original === 'DatabaseKeyError') return new DatabaseKeyError();
  if (error.original === 'ConfigError') return new ConfigError(error.message, '');
  return Object.assign(new Error(error.message), { name: error.original });
}

async function runWithCore(
  core: CoreThread,
  root: string,
  argv: string[],
  env: NodeJS.ProcessEnv,
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
  const overrides: Record<string, unknown> = {};
  if (values['data-dir']) overrides.dataDir = values['data-dir'];
  if (values['portal-url']) overrides.portalUrl = values['portal-url'];
  // The core thread checks the configuration, then starts the kiosk core (the database and its
  // migrations, the demo portal) while this one listens and serves the page; a call made before it
  // is ready waits for it there. A bad configuration or a wrong database key is said after the URL
  // line, in one line, and the process ends (exit code 2), as the launcher's Chromium with it.
  const load = { file: values.config, env: { ...env }, overrides, defaultDataDir: join(root, '.data', 'kiosk') };
  const starting = core.start({ load, root });
  starting.catch(() => undefined);
  const shell = await startWebShell({ dispatch: core.dispatch, rendererDir: rendererDirOf(root), port });
  onListening?.(shell);
  let demo: { mailboxUrl: string } | null;
  try {
    const { mailboxUrl } = await starting;
    demo = mailboxUrl ? { mailboxUrl } : null;
  } catch (error) {
    await shell.close();
    throw error;
  }
  return {
    shell,
    demo,
    async close() {
      await shell.close();
      await core.close();
    },
  };
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
