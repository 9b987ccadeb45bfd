import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

import { createElectronKeyValueStore } from './electron-store-adapter';

// electron-store reads `app.getPath('userData')` and `app.getVersion()` and registers one `ipcMain` listener.
const electron = vi.hoisted(() => {
  const paths = { userData: '' };
  return {
    paths,
    app: { getPath: (name: string) => (name === 'userData' ? paths.userData : '/nonexistent'), getVersion: () => '0.1.0' },
    ipcMain: { on: () => undefined },
  };
});
vi.mock('electron', () => ({ ...electron, default: electron }));

const userData = mkdtempSync(join(tmpdir(), 'mailroom-store-'));
electron.paths.userData = userData;

afterAll(() => rmSync(userData, { recursive: true, force: true }));

describe('createElectronKeyValueStore', () => {
  it('writes a JSON file in userData and reads it back', () => {
    const store = createElectronKeyValueStore('accounts');
    store.set('accounts', [{ id: 'a1', label: '학교 행정실' }]);
    const file = join(userData, 'accounts.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ accounts: [{ id: 'a1', label: '학교 행정실' }] });
    expect(createElectronKeyValueStore('accounts').get('accounts')).toEqual([{ id: 'a1', label: '학교 행정실' }]);
  });

  it('keeps each named store in its own file', () => {
    createElectronKeyValueStore('secrets').set('passwords', { a1: 'c2VjcmV0' });
    createElectronKeyValueStore('preferences').set('settings', { language: 'ko', theme: 'dark' });
    expect(JSON.parse(readFileSync(join(userData, 'secrets.json'), 'utf8'))).toEqual({ passwords: { a1: 'c2VjcmV0' } });
    expect(createElectronKeyValueStore('preferences').get('passwords')).toBeUndefined();
  });

  it('deletes keys', () => {
    const store = createElectronKeyValueStore('scratch');
    store.set('a', 1);
    store.set('b', 2);
    store.delete('a');
    expect(createElectronKeyValueStore('scratch').get('a')).toBeUndefined();
    expect(JSON.parse(readFileSync(join(userData, 'scratch.json'), 'utf8'))).toEqual({ b: 2 });
  });

  it('honours an explicit cwd', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'mailroom-cwd-'));
    try {
      createElectronKeyValueStore('accounts', elsewhere).set('k', 'v');
      expect(JSON.parse(readFileSync(join(elsewhere, 'accounts.json'), 'utf8'))).toEqual({ k: 'v' });
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it.skipIf(process.platform === 'win32')('makes the file readable by its owner only', () => {
    createElectronKeyValueStore('secrets').set('passwords', {});
    expect(statSync(join(userData, 'secrets.json')).mode & 0o777).toBe(0o600);
  });
});
