import { dirname, join } from 'node:path';
import { loadPortalConfig, PortalConfigError, type PortalConfig } from '../config';
import { findPortalResourcesDir } from '../paths';

/** Options every portal command accepts, to find the same configuration and database. */
export const CONFIG_OPTIONS = {
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
} as const;

export function configFromArgs(
  values: { config?: string; 'data-dir'?: string; 'database-url'?: string },
  extra: Record<string, unknown> = {},
): PortalConfig {
  const root = dirname(findPortalResourcesDir(import.meta.dirname));
  const overrides: Record<string, unknown> = { ...extra };
  if (values['data-dir']) overrides.dataDir = values['data-dir'];
  if (values['database-url']) overrides.databaseUrl = values['database-url'];
  return loadPortalConfig({
    ...(values.config ? { file: values.config } : {}),
    overrides,
    defaultDataDir: join(root, '.data', 'portal'),
  });
}

/** A known failure is one line on stderr and exit code 2, never a stack. */
export function explainFailure(error: unknown, usage: string): string {
  if (error instanceof PortalConfigError) return `Configuration error: ${error.message}`;
  const code = (error as { code?: string })?.code;
  if (code === 'EADDRINUSE') return 'Port already in use: choose another with --port (0 = any free port)';
  if (code?.startsWith('ERR_PARSE_ARGS')) return `${(error as Error).message}\n${usage}`;
  if (code === 'ENOENT') return `File not found: ${(error as { path?: string }).path ?? ''}`;
  if (/SQLITE|LIBSQL|NOTADB/i.test(String(code ?? '')))
    return `Database error: ${code} (check databaseUrl / PORTAL_DATABASE_KEY)`;
  return `Portal error: ${error instanceof Error ? error.name : 'unknown'}${error instanceof Error && error.message ? ` — ${error.message}` : ''}`;
}

export async function runCli(usage: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    process.stderr.write(`${explainFailure(error, usage)}\n`);
    process.exit(2);
  }
}
