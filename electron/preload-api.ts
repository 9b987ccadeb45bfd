/**
 * What the preload exposes as `window.mailroom`: two functions over a fixed allowlist of channel names.
 * The renderer never gets `ipcRenderer` or an IPC event object. This module imports only the channel
 * names (no zod), because the sandboxed preload is bundled into one small file.
 */
import { isEventChannel, isRequestChannel } from '../app/ipc/common/channels';

/** The part of Electron's `ipcRenderer` the preload uses. */
export interface PreloadIpc {
  /** Sends a request and resolves with the main process's reply. */
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  /** Adds a listener for pushed messages. */
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  /** Removes a listener added with `on`. */
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** The bridge the renderer sees. */
export interface PreloadApi {
  /** Sends a request on an allowlisted channel; resolves with its `Result`, rejects for any other name. */
  invoke(channel: string, input?: unknown): Promise<unknown>;
  /** Subscribes to an allowlisted event; the listener gets the payload only. Returns the unsubscribe. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** Builds the bridge over `ipcRenderer`. */
export function createPreloadApi(ipcRenderer: PreloadIpc): PreloadApi {
  return {
    invoke(channel, input) {
      if (!isRequestChannel(channel)) {
        return Promise.reject(new Error(`Mailroom: "${describe(channel)}" is not a request channel.`));
      }
      return ipcRenderer.invoke(channel, input);
    },
    on(event, listener) {
      if (!isEventChannel(event)) throw new Error(`Mailroom: "${describe(event)}" is not an event channel.`);
      if (typeof listener !== 'function') throw new TypeError('Mailroom: the listener must be a function.');
      const wrapper = (_event: unknown, payload: unknown): void => listener(payload);
      ipcRenderer.on(event, wrapper);
      return () => {
        ipcRenderer.removeListener(event, wrapper);
      };
    },
  };
}

function describe(name: unknown): string {
  return String(name).slice(0, 60);
}
