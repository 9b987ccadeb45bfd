import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeHandlers } from '../../handlers/node/node-composition';
import { dispatch } from '../../ipc/common/dispatch';
import { defaultDataDir, secureDataDir } from './data-dir';

describe('defaultDataDir', () => {
  const home = '/home/kim';
  it('prefers MAILROOM_DATA_DIR, then the platform folder', () => {
    expect(defaultDataDir({ env: { MAILROOM_DATA_DIR: '/srv/mr', XDG_DATA_HOME: '/x' }, platform: 'linux', home })).toBe('/srv/mr');
    expect(defaultDataDir({ env: { XDG_DATA_HOME: '/data/kim' }, platform: 'linux', home })).toBe('/data/kim/mailroom');
    expect(defaultDataDir({ env: {}, platform: 'linux', home })).toBe('/home/kim/.local/share/mailroom');
    // A relative XDG_DATA_HOME is invalid per the spec and ignored.
    expect(defaultDataDir({ env: { XDG_DATA_HOME: 'rel' }, platform: 'freebsd', home })).toBe('/home/kim/.local/share/mailroom');
    expect(defaultDataDir({ env: {}, platform: 'darwin', home })).toBe('/home/kim/Library/Application Support/Mailroom-web');
    expect(defaultDataDir({ env: { APPDATA: 'C:\\Users\\kim\\AppData\\Roaming' }, platform: 'win32', home })).toContain('Mailroom-web');
  });
});

let dir = '';
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('secrets at rest in the Node composition (POSIX modes; Windows has none)', () => {
  it('makes the data folder 0700 and every file in it 0600: old loose files, stores, verifier, journals and exports', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mailroom-modes-'));
    const dataDir = join(dir, 'data');
    await mkdir(join(dataDir, 'journals'), { recursive: true, mode: 0o755 });
    await writeFile(join(dataDir, 'accounts.json'), '{}', { mode: 0o644 });
    await writeFile(join(dataDir, 'journals', 'old.jsonl'), '', { mode: 0o666 });
    const announced: string[] = [];
    const handlers = await createNodeHandlers({ dataDir, passphrase: 'modes passphrase', emit: () => undefined, announce: (t) => void announced.push(t) });
    await dispatch(handlers, 'accounts:save', { presetId: 'custom', label: 'A', host: 'smtp.a.test', port: 587, security: 'starttls', username: 'a@a.test', password: 'pw-modes-1', fromAddress: 'a@a.test', fromName: 'A' });
    const exported = await dispatch(handlers, 'accounts:export', { ids: [] });
    expect(exported).toMatchObject({ ok: true, value: { status: 'saved', passphraseShownIn: 'terminal' } });
    expect(announced.join('\n')).toMatch(/\n {4}[A-Z2-9-]{35}\n/);

    const walk = async (folder: string): Promise<[string, number][]> => {
      const found: [string, number][] = [[folder, (await stat(folder)).mode & 0o777]];
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) found.push(...(await walk(path)));
        else found.push([path, (await stat(path)).mode & 0o777]);
      }
      return found;
    };
    const modes = await walk(dataDir);
    expect(modes.map(([p]) => p.slice(dataDir.length))).toEqual(expect.arrayContaining(['', '/secrets.json', '/accounts.json', '/journals', '/journals/old.jsonl', '/exports']));
    expect(modes.some(([p]) => /\/exports\/mailroom-accounts-.*\.mailroom$/.test(p))).toBe(true);
    for (const [path, mode] of modes) {
      const isDir = (await stat(path)).isDirectory();
      expect([path, mode]).toEqual([path, isDir ? 0o700 : 0o600]);
    }
    // secureDataDir alone does the same for a folder left loose later.
    await writeFile(join(dataDir, 'later.json'), '{}', { mode: 0o644 });
    await secureDataDir(dataDir);
    expect((await stat(join(dataDir, 'later.json'))).mode & 0o777).toBe(0o600);
  }, 120_000);
});
