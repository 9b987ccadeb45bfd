/**
 * The renderer's one way to the handlers. In Electron the preload exposes `window.mailroom`; in the
 * loopback browser host there is no preload, so a WebSocket client with the same shape is used.
 */
import { createWebSocketBridge } from './websocket-bridge';

/** The transport under the typed client: untyped, like the preload API it mirrors. */
export interface Bridge {
  /** Sends one request; resolves with the handler's `Result`. */
  invoke(channel: string, input: unknown): Promise<unknown>;
  /** Listens to one event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    /** Set by Electron's preload; absent in the browser host. */
    mailroom?: Bridge;
  }
}

/** Picks the bridge at start-up: the preload's if present, else the WebSocket client. */
export function selectBridge(win: Window = window): Bridge {
  if (win.mailroom) return win.mailroom;
  return createWebSocketBridge(win);
}
