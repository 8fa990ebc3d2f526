// Run by code-cache.test.ts in a process of its own (V8 also keeps compilations in memory, which
// would hide whether the cache on disk was taken): `node --import tsx code-cache-child.ts FILE DIR`.
import { runCachedScript } from '../../../src/main/web-shell/code-cache';

const [file, cacheDir] = process.argv.slice(2) as [string, string];
const script = runCachedScript(file, cacheDir);
const run = (globalThis as unknown as { __codeCacheRun: Record<string, unknown> }).__codeCacheRun;
process.stdout.write(JSON.stringify({ ...run, cache: script.cache, saved: script.save() }));
