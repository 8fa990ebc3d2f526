import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile, type CompilerOptions } from '@inlang/paraglide-js';

/**
 * How Paraglide JS compiles messages/<domain>/<locale>.json for the renderer; shared by the build
 * (electron.vite.config.ts), vitest, and `npm run i18n` (this file run directly, before the
 * typecheck). One module per language, so French ships first and the others load when picked.
 */
export const i18nCompilerOptions = {
  // Absolute: the renderer build runs with src/renderer as its root.
  project: join(import.meta.dirname, 'project.inlang'),
  outdir: join(import.meta.dirname, 'src/renderer/src/lib/i18n/paraglide'),
  outputStructure: 'locale-modules',
  emitTsDeclarations: true,
  emitReadme: false,
} satisfies CompilerOptions;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await compile(i18nCompilerOptions);
}
