import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { build, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { i18nCompilerOptions } from './i18n.config';

const root = import.meta.dirname;

// Pure-JS packages loaded at start are bundled: Node then reads a few chunks instead of resolving
// and compiling hundreds of files (zod ≈ 100, drizzle ≈ 150, got and its HTTP/2 wrapper ≈ 60:
// loaded by the first portal check, while the page loads; pino ≈ 28 and pngjs ≈ 23, CommonJS
// files each parsed again for their exports). pino is used without transports (which bundling
// would break: they load worker files by path). fastify-type-provider-zod goes with
// zod so that the portal's schemas and its validator share one copy. Native drivers stay outside.
const BUNDLED = [
  'zod',
  'fastify-type-provider-zod',
  'drizzle-orm',
  '@libsql/client',
  '@libsql/core',
  'got',
  'pino',
  'pngjs',
];

/**
 * The web shell's core thread (src/main/web-shell/core-worker.ts) once more, as one CommonJS script,
 * out/main/web-shell-core.cjs: Node 20 hands V8 an earlier compilation back for a script
 * (vm.Script cachedData), never for ES modules, and this is the code on the way to the attract
 * screen's first answer. core-boot.ts runs it. Its lazy parts stay apart, in core-chunks/.
 */
function coreThreadScript(): Plugin {
  return {
    name: 'kiosk-core-thread-script',
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        logLevel: 'warn',
        root,
        // got is left to Node's require(esm) there: bundled into CommonJS, its ES-module-only
        // dependencies would be required back as CommonJS without their default exports.
        ssr: { noExternal: BUNDLED.filter((name) => name !== 'got'), target: 'node' },
        build: {
          ssr: resolve(root, 'src/main/web-shell/core-worker.ts'),
          outDir: resolve(root, 'out/main'),
          emptyOutDir: false,
          minify: false,
          rollupOptions: {
            output: {
              format: 'cjs',
              entryFileNames: 'web-shell-core.cjs',
              chunkFileNames: 'core-chunks/[name]-[hash].cjs',
              // require(), not import(): code run from V8's cache cannot import() (code-cache.ts).
              dynamicImportInCjs: false,
            },
          },
        },
      });
    },
  };
}

export default defineConfig({
  main: {
    plugins: [coreThreadScript()],
    build: {
      externalizeDeps: { exclude: BUNDLED },
      // One Node build for every Node entry: the Electron main, and the Electron-free web shell,
      // launcher and reference portal that share the kiosk core.
      rollupOptions: {
        input: {
          index: resolve(root, 'src/main/index.ts'),
          'web-shell': resolve(root, 'src/main/web-shell/cli.ts'),
          // The web shell's kiosk core thread (src/main/web-shell/core-thread.ts spawns it by this name):
          // it runs web-shell-core.cjs, which the plugin below builds.
          'web-shell-core': resolve(root, 'src/main/web-shell/core-boot.ts'),
          launcher: resolve(root, 'src/main/launcher/cli.ts'),
          portal: resolve(root, 'src/portal/cli.ts'),
          'portal-import': resolve(root, 'src/portal/import-cli.ts'),
          'portal-demo-data': resolve(root, 'src/portal/demo-data-cli.ts'),
          'portal-admin': resolve(root, 'src/portal/admin-cli.ts'),
          'portal-serve': resolve(root, 'src/portal/serve.ts'),
          'portal-backup': resolve(root, 'src/portal/backup-cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require packages: bundle them, and emit CommonJS.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve(root, 'src/renderer/index.html') } },
    },
    plugins: [paraglideVitePlugin(i18nCompilerOptions), svelte({ configFile: resolve(root, 'svelte.config.js') })],
  },
});
