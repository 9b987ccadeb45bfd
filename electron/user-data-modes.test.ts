import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { STORE_NAMES } from '../app/handlers/node/handlers';
import { createElectronKeyValueStore } from './electron-store-adapter';
import { secureUserData } from './user-data-modes';

// electron-store reads `app.getPath('userData')` and `app.getVersion()` and registers one `ipcMain` listener.
const electron = vi.hoisted(() => ({
  app: { getPath: () => '/nonexistent', getVersion: () => '0.1.0' },
  ipcMain: { on: () => undefined },
}));
vi.mock('electron', () => ({ ...electron, default: electron }));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mailroom-userdata-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe.skipIf(process.platform === 'win32')('Electron userData at rest (POSIX modes; Windows has none)', () => {
  it('makes the folder 0700 and the stores and journals owner-only, including files an older build left 0644', async () => {
    const userData = join(dir, 'Mailroom');
    await mkdir(join(userData, 'journals'), { recursive: true, mode: 0o755 });
    await writeFile(join(userData, 'accounts.json'), '{}', { mode: 0o644 });
    await writeFile(join(userData, 'journals', 'c1.jsonl'), '', { mode: 0o644 });
    await writeFile(join(userData, 'Preferences'), '{}', { mode: 0o644 });
    const store = createElectronKeyValueStore(STORE_NAMES.secrets, userData);
    store.set('passphraseVerifier', 'x');

    await secureUserData(userData, Object.values(STORE_NAMES));
    expect(await mode(userData)).toBe(0o700);
    expect(await mode(join(userData, 'accounts.json'))).toBe(0o600);
    expect(await mode(join(userData, 'secrets.json'))).toBe(0o600);
    expect(await mode(join(userData, 'journals'))).toBe(0o700);
    expect(await mode(join(userData, 'journals', 'c1.jsonl'))).toBe(0o600);
  });

  it('leaves a folder that does not exist alone', async () => {
    await secureUserData(join(dir, 'absent'), ['accounts']);
    await expect(stat(join(dir, 'absent'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
