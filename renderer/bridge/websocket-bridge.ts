/**
 * The Bridge over the loopback host's WebSocket. The token comes from the page URL (`?token=…`); it is
 * moved to sessionStorage and removed from the address bar so it is not left in history or screenshots,
 * and a reload of the same tab still connects.
 */
import type { Bridge } from './bridge-types';

const TOKEN_KEY = 'mailroom.token';

/** Thrown to callers once the socket has closed; the UI shows `errors.connectionLost`. */
export class ConnectionLostError extends Error {
  constructor() {
    super('The connection to Mailroom was lost: the Mailroom program stopped or restarted.');
    this.name = 'ConnectionLostError';
  }
}

/** Creates the WebSocket bridge for the page `win` was loaded from. */
export function createWebSocketBridge(win: Window): Bridge {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    win.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    win.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  const token = win.sessionStorage.getItem(TOKEN_KEY) ?? '';
  const scheme = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(`${scheme}//${url.host}/ws?token=${encodeURIComponent(token)}`);

  let nextId = 1;
  let closed = false;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const opened = new Promise<void>((resolve) => socket.addEventListener('open', () => resolve(), { once: true }));

  socket.addEventListener('message', (message: MessageEvent<string>) => {
    const data = JSON.parse(message.data) as { id?: number; result?: unknown; event?: string; payload?: unknown };
    if (typeof data.id === 'number') {
      pending.get(data.id)?.resolve(data.result);
      pending.delete(data.id);
    } else if (typeof data.event === 'string') {
      for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
    }
  });
  socket.addEventListener('close', () => {
    closed = true;
    for (const { reject } of pending.values()) reject(new ConnectionLostError());
    pending.clear();
    win.dispatchEvent(new CustomEvent('mailroom:connection-lost'));
  });

  return {
    async invoke(channel, input) {
      if (closed) throw new ConnectionLostError();
      await opened;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        socket.send(JSON.stringify({ id, channel, input }));
      });
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}
