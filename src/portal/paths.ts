import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Source (src/portal) and built (out/main) files sit at different depths: look upward. */
export function findPortalResourcesDir(from: string = import.meta.dirname): string {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'migrations', 'portal'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('resources/migrations/portal not found');
    dir = parent;
  }
}
