// The web shell's kiosk core thread starts here (out/main/web-shell-core.js, spawned first thing by
// the entry files). It runs the core thread's one-file CommonJS build (out/main/web-shell-core.cjs,
// from core-worker.ts: see electron.vite.config.ts) from V8's code cache kept beside it, and writes
// that cache once the first answers and the background work's first steps have run, so that their
// functions are in it too. The cache sits with the code it was made from, in the same trust: a
// read-only install writes none and starts as before.
import { fileURLToPath } from 'node:url';
import { runCachedScript } from './code-cache';

/** Long enough for the page's first calls and the background start (1 s after them); no visit yet. */
const SAVE_AFTER_MS = 5_000;

const script = runCachedScript(
  fileURLToPath(new URL('./web-shell-core.cjs', import.meta.url)),
  fileURLToPath(new URL('./v8-cache', import.meta.url)),
);
if (script.cache !== 'used') setTimeout(() => script.save(), SAVE_AFTER_MS).unref();
