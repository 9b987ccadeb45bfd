// Where the Electron binary is, without `require('electron')`: that call tries to download the binary
// when it is missing (node_modules/electron/index.js), which cannot work on machines without internet.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

/** The path of the Electron executable, or null when it is not installed. */
export function electronBinary() {
  const require = createRequire(import.meta.url);
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

/** One sentence saying why Electron cannot start here. */
export const NO_ELECTRON =
  'The Electron binary is not installed (node_modules/electron/dist is missing) and cannot be downloaded on this machine';
