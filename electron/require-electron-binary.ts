import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.js';

/**
 * First in `npm run explorer`, before the builds it would otherwise wait through: says plainly what is
 * missing instead of a failed download.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const binary = findElectronBinary(root);
if (!binary.found) {
  process.stderr.write(
    `authlab: the Electron binary is not installed (checked ${binary.checked}).\n` +
      'Nothing was built: the desktop app cannot start without it. Install it with\n' +
      '  npx install-electron\n' +
      'on a machine that can download it, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron 45.\n' +
      'The browser build of the explorer needs no binary: npm start, then open http://127.0.0.1:54321/_/\n',
  );
  process.exit(1);
}
