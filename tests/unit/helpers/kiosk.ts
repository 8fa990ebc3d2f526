import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig, type KioskConfig } from '../../../src/main/core/config';
import { startKioskCore, type KioskCore, type KioskCoreOptions } from '../../../src/main/core/kiosk-core';
import { createLogger } from '../../../src/main/core/logger';
import { findResourcesDir } from '../../../src/main/host/paths';

export const TEST_DB_KEY = 'test-key-not-a-secret-0123456789';

/** A temp folder that the test removes when done. */
export function tempDir(prefix = 'kiosk-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A logger writing into an array, so tests can read exactly what would have been logged. */
export function memoryLogger(level: 'info' | 'debug' = 'info') {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger(level, stream), lines };
}

/** A real kiosk core on a real encrypted libSQL file in a temp folder. */
export async function startTestCore(
  overrides: Partial<KioskConfig> = {},
  options: Pick<KioskCoreOptions, 'backgroundAfter'> = {},
) {
  const dir = tempDir();
  const config = loadConfig({ env: {}, overrides: { dataDir: dir.path, ...overrides }, defaultDataDir: dir.path });
  const { logger, lines } = memoryLogger();
  const core: KioskCore = await startKioskCore({
    config,
    databaseKey: TEST_DB_KEY,
    resourcesDir: findResourcesDir(import.meta.dirname),
    version: '9.9.9-test',
    logger,
    ...options,
  });
  return {
    core,
    dir,
    logLines: lines,
    async stop() {
      await core.close();
      dir.remove();
    },
  };
}
