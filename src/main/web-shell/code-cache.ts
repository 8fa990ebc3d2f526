// Node 20 keeps no compiled code between runs for ES modules (module.enableCompileCache is Node 22),
// but V8 takes back an earlier compilation of a classic script (vm.Script cachedData): the web
// shell's core thread runs its one-file CommonJS build through this, so a restart skips most of
// the parsing and compiling on the way to the attract screen's first answer.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { Module, createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

export interface CachedScript {
  /** What V8 did with the cache: none found, taken, or refused (another Node, other flags). */
  cache: 'none' | 'used' | 'rejected';
  /**
   * Writes the code compiled so far (functions run since the start included) for the next start,
   * unless the cache was used; false when the folder cannot be written (a read-only install).
   */
  save(): boolean;
}

/** Where the cache of this build of `file`, by this Node, is (or will be) kept. */
export function cacheFileOf(file: string, cacheDir: string, source = readFileSync(file, 'utf8')): string {
  const key = createHash('sha256')
    .update(`${process.version} ${process.arch}\n`)
    .update(source)
    .digest('hex')
    .slice(0, 32);
  return join(cacheDir, `${basename(file)}.${key}.v8cache`);
}

/**
 * Runs a CommonJS file as Node's loader would (exports, require, module, __filename, __dirname),
 * compiled from the cache in `cacheDir` when one was made from the same bytes by the same Node.
 * The cache is named by a hash of the source: V8 itself only compares the source's length. The
 * file makes no dynamic import(): code from a cache loses the loader it needs (nodejs/node#43663);
 * a bundle turns its own lazy chunks into require() (tested on the build).
 */
export function runCachedScript(file: string, cacheDir: string): CachedScript {
  const source = readFileSync(file, 'utf8');
  const prefix = `${basename(file)}.`;
  const cacheFile = cacheFileOf(file, cacheDir, source);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // No cache yet: compiled from the source, as without one.
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const cache = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  // In require's cache as Node's loader would put it: a lazy chunk requiring this file back gets
  // these exports, not a second run of the whole file.
  const require = createRequire(file);
  const module = new Module(file);
  module.filename = file;
  require.cache[file] = module;
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, require, module, file, dirname(file));
  module.loaded = true;
  return {
    cache,
    save() {
      if (cache === 'used') return true;
      try {
        mkdirSync(cacheDir, { recursive: true });
        // Written aside, then renamed: a start beside this one reads a whole cache or none.
        const partial = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}`;
        try {
          writeFileSync(partial, script.createCachedData());
          renameSync(partial, cacheFile);
        } finally {
          rmSync(partial, { force: true });
        }
        for (const old of readdirSync(cacheDir)) {
          if (old.startsWith(prefix) && old.endsWith('.v8cache') && join(cacheDir, old) !== cacheFile)
            rmSync(join(cacheDir, old), { force: true });
        }
        return true;
      } catch {
        return false;
      }
    },
  };
}
