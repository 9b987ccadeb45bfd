import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async () => 'reply'), on: vi.fn(), removeListener: vi.fn() },
}));
vi.mock('electron', () => ({ ...electron, default: electron }));

describe('preload', () => {
  beforeEach(() => {
    vi.resetModules();
    electron.contextBridge.exposeInMainWorld.mockClear();
  });

  it('exposes the allowlisted bridge as window.mailroom, and nothing else', async () => {
    await import('./preload');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    const [name, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
    expect(name).toBe('mailroom');
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('routes an allowed request through ipcRenderer.invoke', async () => {
    await import('./preload');
    const [, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, { invoke(c: string): Promise<unknown> }];
    await expect(api.invoke('app:info')).resolves.toBe('reply');
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('app:info', undefined);
  });
});

describe('preload imports', () => {
  it('reach nothing but electron and the channel names (no zod in the sandboxed bundle)', async () => {
    const { readFile } = await import('node:fs/promises');
    const importsOf = async (file: string) =>
      [...(await readFile(new URL(file, import.meta.url), 'utf8')).matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    expect(await importsOf('./preload.ts')).toEqual(['electron', './preload-api']);
    expect(await importsOf('./preload-api.ts')).toEqual(['../app/ipc/common/channels']);
    expect(await importsOf('../app/ipc/common/channels.ts')).toEqual([]);
  });
});
