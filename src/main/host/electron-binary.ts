import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the Electron executable is, or null when it is not installed. It mirrors what the
 * `electron` package's index.js does, without requiring it: requiring it starts a download when
 * the binary is missing, which must never happen from a test or the launcher.
 */
export function electronBinaryPath(projectRoot: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const pkg = join(projectRoot, 'node_modules', 'electron');
  let executable: string | null = null;
  try {
    executable = readFileSync(join(pkg, 'path.txt'), 'utf8').trim() || null;
  } catch {
    // no path.txt: the postinstall download never completed
  }
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? join(override, executable ?? 'electron')
    : executable
      ? join(pkg, 'dist', executable)
      : null;
  return candidate && existsSync(candidate) ? candidate : null;
}

/** The one-line reason given when Electron cannot be used here. */
export const ELECTRON_MISSING =
  'Electron binary not installed here (node_modules/electron/dist missing; set ELECTRON_OVERRIDE_DIST_PATH to use one)';
