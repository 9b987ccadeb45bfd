/** The untyped transport under the renderer's typed client, shared by the preload and the WebSocket bridge. */
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
