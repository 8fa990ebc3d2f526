// `npm run bench [-- start|input]`: prints figures; the start-time ratio is the one target that
// fails the run (exit code 1), since it stays meaningful on a busy machine. The others are said.
import { ELECTRON_MISSING, electronBinaryPath } from '../src/main/host/electron-binary';
import { root } from './lib';
import { benchRendererInput } from './renderer-input';
import { benchRendererStart } from './renderer-start';

const only = process.argv[2];
console.log(`bench on ${new Date().toISOString()} — node ${process.version}`);
let met = true;
if (!only || only === 'start') {
  met = await benchRendererStart();
  console.log(
    electronBinaryPath(root)
      ? 'Electron start: not measured by this bench yet (only the web shell is).'
      : `Electron start: not measured: ${ELECTRON_MISSING}.`,
  );
}
if (!only || only === 'input') await benchRendererInput();
if (!met) {
  console.log('FAIL: web shell start → attract interactive is over 1.5 × the baseline');
  process.exitCode = 1;
}
