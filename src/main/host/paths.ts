import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder of shipped resources (migrations, terms of use…). Source files and built files sit
 * at different depths, so look upward from the calling module for the project's resources folder.
 */
export function findResourcesDir(from: string = import.meta.dirname): string {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'migrations'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('resources folder not found');
    dir = parent;
  }
}

/** The project root (holding package.json and out/), for the launcher and the web shell. */
export const projectRoot = (from: string = import.meta.dirname): string => dirname(findResourcesDir(from));

/**
 * A packaged Electron app has its shipped resources beside app.asar (process.resourcesPath), either
 * directly or in a `resources` folder there, depending on how the packager copied them.
 */
export const packagedResourcesDir = (resourcesPath: string): string =>
  existsSync(join(resourcesPath, 'migrations')) ? resourcesPath : findResourcesDir(resourcesPath);
