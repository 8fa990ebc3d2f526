// `npm run dist` checks first: without the Electron binary there is nothing to package, and
// electron-builder would fail later with a long network error. One line, non-zero exit.
import { ELECTRON_MISSING, electronBinaryPath } from '../../src/main/host/electron-binary';

const root = new URL('..', import.meta.url).pathname;
if (!electronBinaryPath(root)) {
  process.stderr.write(`npm run dist: cannot package: ${ELECTRON_MISSING}\n`);
  process.exit(1);
}
