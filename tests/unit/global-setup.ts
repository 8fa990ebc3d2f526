import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Renderer tests import the compiled messages: compile them once, as the build does, in a child
 * process, since the compiler's project store keeps handles open that would hold vitest at exit.
 */
export default function compileMessages(): void {
  const root = join(import.meta.dirname, '..', '..');
  execFileSync(process.execPath, ['--import', 'tsx', 'i18n.config.ts'], { cwd: root, stdio: 'inherit' });
}
