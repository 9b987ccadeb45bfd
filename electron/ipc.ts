/**
 * Serves the handler table over `ipcMain.handle`, one registration per request channel. Every message
 * is checked for its sender first — the main window's webContents, its top frame, showing the app's
 * own page — and only then parsed and dispatched (Electron security checklist §17; GitHub Desktop's
 * `trusted-ipc-sender.ts`).
 */
import type { Result } from '../app/ipc/common/app-error';
import { AppError } from '../app/ipc/common/app-error';
import { REQUEST_CHANNELS, type EventChannel } from '../app/ipc/common/channels';
import type { EventPayload } from '../app/ipc/common/contract';
import { dispatch, type DispatchLogger, type Handlers } from '../app/ipc/common/dispatch';
import type { EventSink } from '../app/storage/node/ports';
import { isRendererUrl, type RendererLocation } from './renderer-location';

/** A frame as far as the sender check needs it (Electron's `WebFrameMain`). */
export interface SenderFrame {
  /** The parent frame; null for a top frame. */
  readonly parent: unknown;
  /** The frame's current URL. */
  readonly url: string;
  /** The renderer process id. */
  readonly processId: number;
  /** The frame's routing id within its process. */
  readonly routingId: number;
}

/** The fields of an `IpcMainInvokeEvent` the sender check reads. */
export interface IpcSenderEvent {
  /** The webContents that sent the message. */
  readonly sender: { readonly id: number; readonly mainFrame: SenderFrame };
  /** The frame that sent it; null once that frame has navigated away or been destroyed. */
  readonly senderFrame: SenderFrame | null;
}

/** What a trusted sender must be. */
export interface SenderTrust {
  /** The id of the main window's webContents, or undefined while there is no window. */
  readonly mainWebContentsId: () => number | undefined;
  /** Where the app's page is loaded from. */
  readonly rendererLocation: RendererLocation;
}

/** The part of Electron's `ipcMain` this module uses. */
export interface IpcMainLike {
  /** Registers the one handler of an invoke channel. */
  handle(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => Promise<unknown>): void;
  /** Removes it. */
  removeHandler(channel: string): void;
}

/** The reply to a message from a sender that is not the app's own page. */
export const UNTRUSTED_SENDER_RESULT: Result<never> = {
  ok: false,
  error: new AppError('untrusted-sender', 'This request did not come from the Mailroom window, so it was refused.').toWire(),
};

/** Whether an IPC message comes from the top frame of the main window, showing the app's page. */
export function isTrustedSender(event: IpcSenderEvent, trust: SenderTrust): boolean {
  const expectedId = trust.mainWebContentsId();
  if (expectedId === undefined || event.sender.id !== expectedId) return false;
  let frame: SenderFrame | null;
  try {
    // Reading senderFrame can throw while the frame is being torn down.
    frame = event.senderFrame;
  } catch {
    return false;
  }
  if (!frame || frame.parent !== null) return false;
  if (!isSameFrame(frame, event.sender.mainFrame)) return false;
  return isRendererUrl(trust.rendererLocation, frame.url);
}

/** Registers every request channel; returns a function that removes the registrations. */
export function registerIpc(ipcMain: IpcMainLike, handlers: Handlers, trust: SenderTrust, log: DispatchLogger = () => undefined): () => void {
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, async (event, input) => {
      if (!isTrustedSender(event, trust)) {
        log(`[ipc] refused ${channel} from an untrusted sender (${describeSender(event)})`);
        return UNTRUSTED_SENDER_RESULT;
      }
      return dispatch(handlers, channel, input, log);
    });
  }
  return () => {
    for (const channel of REQUEST_CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** The part of a BrowserWindow the emitter uses. */
export interface EventWindow {
  /** Whether the window has been destroyed. */
  isDestroyed(): boolean;
  /** Its page. */
  readonly webContents: { isDestroyed(): boolean; send(channel: string, payload: unknown): void };
}

/** An EventSink that sends to the current main window, and drops events while there is none alive. */
export function createWindowEmitter(currentWindow: () => EventWindow | null | undefined): EventSink {
  return <E extends EventChannel>(channel: E, payload: EventPayload<E>): void => {
    const window = currentWindow();
    if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return;
    window.webContents.send(channel, payload);
  };
}

function isSameFrame(a: SenderFrame, b: SenderFrame): boolean {
  // Electron usually hands out one wrapper per frame; compare the ids too in case it does not.
  return a === b || (a.processId === b.processId && a.routingId === b.routingId);
}

function describeSender(event: IpcSenderEvent): string {
  let url = 'no frame';
  try {
    url = event.senderFrame?.url.slice(0, 120) ?? 'no frame';
  } catch {
    // Keep the default.
  }
  return `webContents ${event.sender.id}, ${url}`;
}
