/**
 * Secrets at rest in Electron: the userData folder private to its owner (0700), the store files
 * (electron-store, already written 0600) and the campaign journals made owner-only too, including
 * files an earlier build left looser. Leaves a folder that does not exist yet alone.
 */
import { existsSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, secureDataDir } from '../app/storage/node/data-dir';

/** Makes `userData` 0700, each `<name>.json` store 0600, and `journals/` 0700 with 0600 files. No-op on Windows. */
export async function secureUserData(userData: string, storeNames: readonly string[]): Promise<void> {
  if (process.platform === 'win32' || !existsSync(userData)) return;
  await chmod(userData, PRIVATE_DIR_MODE);
  for (const name of storeNames) {
    const file = join(userData, `${name}.json`);
    if (existsSync(file)) await chmod(file, PRIVATE_FILE_MODE);
  }
  const journals = join(userData, 'journals');
  if (existsSync(journals)) await secureDataDir(journals);
}
