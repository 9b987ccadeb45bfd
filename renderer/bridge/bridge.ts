/**
 * The renderer's one way to the handlers. In Electron the preload exposes `window.mailroom`; in the
 * loopback browser host there is no preload, so a WebSocket client with the same shape is used.
 */
import type { Bridge } from './bridge-types';
import { createWebSocketBridge } from './websocket-bridge';

/** Picks the bridge at start-up: the preload's if present, else the WebSocket client. */
export function selectBridge(win: Window = window): Bridge {
  if (win.mailroom) return win.mailroom;
  return createWebSocketBridge(win);
}
