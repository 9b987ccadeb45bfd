import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, REQUEST_CHANNELS } from '../app/ipc/common/channels';
import { createPreloadApi } from './preload-api';

/** A fake ipcRenderer: an EventEmitter with a recording `invoke`. */
function fakeIpcRenderer() {
  const emitter = new EventEmitter();
  return Object.assign(emitter, {
    invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
  });
}

describe('createPreloadApi', () => {
  it('exposes exactly invoke and on', () => {
    expect(Object.keys(createPreloadApi(fakeIpcRenderer())).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards every request channel to ipcRenderer.invoke', async () => {
    const ipc = fakeIpcRenderer();
    const api = createPreloadApi(ipc);
    for (const channel of REQUEST_CHANNELS) {
      await expect(api.invoke(channel, { n: 1 })).resolves.toEqual({ ok: true, value: { channel, input: { n: 1 } } });
    }
    expect(ipc.invoke).toHaveBeenCalledTimes(REQUEST_CHANNELS.length);
  });

  it.each(['electron-store-get-data', 'accounts:changed', 'app:Info', '', 'constructor', '__proto__'])(
    'rejects the channel %j without calling ipcRenderer',
    async (channel) => {
      const ipc = fakeIpcRenderer();
      await expect(createPreloadApi(ipc).invoke(channel)).rejects.toThrow('is not a request channel');
      expect(ipc.invoke).not.toHaveBeenCalled();
    },
  );

  it('rejects a non-string channel', async () => {
    const ipc = fakeIpcRenderer();
    await expect(createPreloadApi(ipc).invoke({ toString: () => 'app:info' } as unknown as string)).rejects.toThrow();
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('gives the listener the payload only, never the IPC event', () => {
    const ipc = fakeIpcRenderer();
    const listener = vi.fn();
    createPreloadApi(ipc).on('accounts:changed', listener);
    const ipcEvent = { sender: ipc, senderId: 0, ports: [] };
    ipc.emit('accounts:changed', ipcEvent, { accounts: [] });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ accounts: [] });
  });

  it('unsubscribes the very wrapper it subscribed', () => {
    const ipc = fakeIpcRenderer();
    const removeListener = vi.spyOn(ipc, 'removeListener');
    const listener = vi.fn();
    const api = createPreloadApi(ipc);
    const unsubscribe = api.on(EVENT_CHANNELS[0], listener);
    const [wrapper] = ipc.listeners(EVENT_CHANNELS[0]);
    expect(wrapper).not.toBe(listener);
    unsubscribe();
    expect(removeListener).toHaveBeenCalledExactlyOnceWith(EVENT_CHANNELS[0], wrapper);
    expect(ipc.listenerCount(EVENT_CHANNELS[0])).toBe(0);
    ipc.emit(EVENT_CHANNELS[0], {}, { accounts: [] });
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps two subscriptions of the same listener apart', () => {
    const ipc = fakeIpcRenderer();
    const listener = vi.fn();
    const api = createPreloadApi(ipc);
    const first = api.on('accounts:changed', listener);
    api.on('accounts:changed', listener);
    first();
    ipc.emit('accounts:changed', {}, 'payload');
    expect(listener).toHaveBeenCalledOnce();
  });

  it.each(['app:info', 'electron-store-get-data', 'ELECTRON_BROWSER_WINDOW_ALERT', ''])('refuses to subscribe to %j', (name) => {
    const ipc = fakeIpcRenderer();
    expect(() => createPreloadApi(ipc).on(name, () => undefined)).toThrow('is not an event channel');
    expect(ipc.eventNames()).toEqual([]);
  });
});
