import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/kiosk';

const root = join(import.meta.dirname, '..', '..', '..');
const dirs: { path: string; remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

/** A CommonJS file that uses what Node's loader gives a module, and a file beside it that it requires. */
function scriptIn(dir: string, version = 1): string {
  writeFileSync(join(dir, 'beside.cjs'), 'module.exports = { answer: 42 };\n');
  // As a bundle's lazy chunk does: it requires the entry back for what they share.
  writeFileSync(join(dir, 'chunk.cjs'), "module.exports = () => require('./script.cjs');\n");
  const file = join(dir, 'script.cjs');
  writeFileSync(
    file,
    `const { basename } = require('node:path');
const { answer } = require('./beside.cjs');
globalThis.__codeCacheRun = {
  version: ${version},
  answer,
  file: basename(__filename),
  dir: __dirname,
  sameModule: module.exports === exports,
  runs: (globalThis.__codeCacheRuns ?? 0) + 1,
};
globalThis.__codeCacheRuns = globalThis.__codeCacheRun.runs;
exports.marker = Symbol('script');
globalThis.__codeCacheRun.sameFromChunk = require('./chunk.cjs')() === module.exports;
globalThis.__codeCacheRun.runsAfterChunk = globalThis.__codeCacheRuns;
`,
  );
  return file;
}

type Run = {
  version: number;
  answer: number;
  file: string;
  dir: string;
  sameModule: boolean;
  /** A chunk requiring the file back got the same exports, and the file ran once. */
  sameFromChunk: boolean;
  runsAfterChunk: number;
  cache: 'none' | 'used' | 'rejected';
  /** What save() said, called once the script ran. */
  saved: boolean;
};
/** runCachedScript in a fresh process: V8's in-memory compilations would hide what the disk gave. */
async function runCachedScript(file: string, cacheDir: string): Promise<Run> {
  const { stdout } = await promisify(execFile)(process.execPath, [
    '--import',
    'tsx',
    join(import.meta.dirname, 'code-cache-child.ts'),
    file,
    cacheDir,
  ]);
  return JSON.parse(stdout) as Run;
}
const cachesIn = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.v8cache'));

describe('runCachedScript (the web shell core thread’s code cache)', () => {
  it('runs a file as CommonJS, then from the cache it wrote', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = scriptIn(dir.path);
    const cacheDir = join(dir.path, 'cache');

    const first = await runCachedScript(file, cacheDir);
    expect(first).toMatchObject({ cache: 'none', saved: true, version: 1, answer: 42 });
    expect(first).toMatchObject({ file: 'script.cjs', dir: dir.path, sameModule: true });
    expect(first).toMatchObject({ sameFromChunk: true, runsAfterChunk: 1 });
    expect(cachesIn(cacheDir)).toHaveLength(1);

    const second = await runCachedScript(file, cacheDir);
    expect(second).toMatchObject({ cache: 'used', version: 1, answer: 42, sameFromChunk: true, runsAfterChunk: 1 });
  });

  it('does not take a cache made from other bytes, and keeps only the newest', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const cacheDir = join(dir.path, 'cache');
    await runCachedScript(scriptIn(dir.path, 1), cacheDir);
    const before = cachesIn(cacheDir);

    // Same length, other code: V8 alone would take the old cache (it compares lengths only).
    const changed = await runCachedScript(scriptIn(dir.path, 2), cacheDir);
    expect(changed).toMatchObject({ cache: 'none', version: 2, saved: true });
    expect(cachesIn(cacheDir)).toHaveLength(1);
    expect(cachesIn(cacheDir)).not.toEqual(before);
    expect(await runCachedScript(scriptIn(dir.path, 2), cacheDir)).toMatchObject({ cache: 'used', version: 2 });
  });

  it('runs from the source when the cache is damaged, and writes it again', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = scriptIn(dir.path);
    const cacheDir = join(dir.path, 'cache');
    await runCachedScript(file, cacheDir);
    const [name] = cachesIn(cacheDir);
    const bytes = readFileSync(join(cacheDir, name!));
    writeFileSync(join(cacheDir, name!), bytes.subarray(0, bytes.length >> 1));

    const damaged = await runCachedScript(file, cacheDir);
    expect(damaged).toMatchObject({ cache: 'rejected', version: 1, answer: 42, saved: true });
    expect(await runCachedScript(file, cacheDir)).toMatchObject({ cache: 'used' });
  });

  it('says so when the cache cannot be written, and the script ran anyway', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = scriptIn(dir.path, 3);
    // A folder under a plain file cannot be made (chmod would not stop root, who runs CI).
    const run = await runCachedScript(file, join(file, 'cache'));
    expect(run).toMatchObject({ cache: 'none', version: 3, saved: false });
    expect(readdirSync(dir.path).sort()).toEqual(['beside.cjs', 'chunk.cjs', 'script.cjs']);
  });

  it('is given a core thread build with no dynamic import(), which code from a cache could not run', () => {
    const built = join(root, 'out/main/web-shell-core.cjs');
    if (!existsSync(built)) throw new Error('run `npm run build` first (npm test does)');
    const source = readFileSync(built, 'utf8');
    expect(source).toContain('require("./core-chunks/');
    expect(source.match(/\bimport\s*\(/g) ?? []).toEqual([]);
  });
});
