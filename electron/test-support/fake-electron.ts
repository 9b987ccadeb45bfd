/**
 * A small stand-in for the Electron main-process modules, for tests only: the Electron binary cannot
 * run here, so tests mock the `electron` module with this and drive the wiring through it.
 */
import { EventEmitter } from 'node:events';
import type { MailroomElectron } from '../start-mailroom';

/** A fake frame (Electron's `WebFrameMain`). */
export interface FakeFrame {
  /** Parent frame, null for a top frame. */
  parent: FakeFrame | null;
  /** Current URL. */
  url: string;
  /** Renderer process id. */
  processId: number;
  /** Routing id. */
  routingId: number;
}

/** A fake webContents. */
export interface FakeWebContents {
  /** Unique id. */
  readonly id: number;
  /** Its top frame. */
  readonly mainFrame: FakeFrame;
  /** Records pushed events. */
  readonly sent: Array<{ channel: string; payload: unknown }>;
  /** Sends an event. */
  send(channel: string, payload: unknown): void;
  /** Whether destroyed. */
  isDestroyed(): boolean;
}

let nextWebContentsId = 1;

/** Creates a fake webContents whose top frame shows `url`. */
export function createFakeWebContents(url = 'app://mailroom/index.html'): FakeWebContents {
  const id = nextWebContentsId++;
  const sent: Array<{ channel: string; payload: unknown }> = [];
  return {
    id,
    mainFrame: { parent: null, url, processId: 100 + id, routingId: 1 },
    sent,
    send: (channel, payload) => void sent.push({ channel, payload }),
    isDestroyed: () => false,
  };
}

/** The fake BrowserWindow class with the instances it created. */
export type FakeBrowserWindowClass = ReturnType<typeof createFakeBrowserWindowClass>;

/** Creates a fake BrowserWindow class; `instances` lists every window it made. */
export function createFakeBrowserWindowClass() {
  const instances: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends EventEmitter {
    static readonly instances = instances;
    static getAllWindows(): FakeBrowserWindow[] {
      return instances.filter((window) => !window.destroyed);
    }
    readonly webContents = createFakeWebContents();
    readonly loaded: string[] = [];
    /** Every value given to setProgressBar. */
    readonly progress: number[] = [];
    destroyed = false;
    minimized = false;
    focused = false;
    visible = true;
    constructor(readonly options: unknown) {
      super();
      instances.push(this);
    }
    loadFile(path: string): Promise<void> {
      this.loaded.push(`file:${path}`);
      return Promise.resolve();
    }
    loadURL(url: string): Promise<void> {
      this.loaded.push(`url:${url}`);
      return Promise.resolve();
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    restore(): void {
      this.minimized = false;
    }
    show(): void {
      this.visible = true;
    }
    hide(): void {
      this.visible = false;
    }
    setProgressBar(value: number): void {
      this.progress.push(value);
    }
    focus(): void {
      this.focused = true;
    }
    /** Like Electron: `close` first, which a listener may cancel; then `closed`. */
    close(): void {
      const event = { defaultPrevented: false, preventDefault: () => void (event.defaultPrevented = true) };
      this.emit('close', event);
      if (event.defaultPrevented) return;
      this.destroyed = true;
      this.emit('closed');
    }
  }
  return FakeBrowserWindow;
}

/** A handler registered with the fake `ipcMain.handle`. */
export type FakeInvokeHandler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

/** The fake modules plus handles for the test to inspect. */
export interface FakeElectron {
  /** Pass this to `startMailroom`, or return it from `vi.mock('electron')`. */
  readonly modules: MailroomElectron;
  /** The fake `app` (an EventEmitter). */
  readonly app: EventEmitter;
  /** The fake BrowserWindow class. */
  readonly BrowserWindow: FakeBrowserWindowClass;
  /** Handlers registered with `ipcMain.handle`, by channel. */
  readonly invokeHandlers: Map<string, FakeInvokeHandler>;
  /** Calls recorded on the fakes, by name. */
  readonly calls: Record<string, unknown[][]>;
  /** Tray icons created, with their tooltip, menu and whether destroyed. */
  readonly trays: FakeTray[];
  /** Schemes registered as privileged, and the handlers given to `protocol.handle`, by scheme. */
  readonly protocols: {
    readonly privileged: { scheme: string; privileges: Record<string, boolean> }[];
    readonly handlers: Map<string, (request: Request) => Promise<Response>>;
  };
  /** The permission and header handlers the session received. */
  readonly sessionHandlers: {
    permissionRequest?: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void;
    permissionCheck?: (...args: unknown[]) => boolean;
    headersReceived?: (
      details: { responseHeaders?: Record<string, string[]> },
      callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
    ) => void;
  };
}

/** Options of the fake. */
export interface FakeElectronOptions {
  /** What `requestSingleInstanceLock` returns. */
  readonly gotLock?: boolean;
  /** `app.isPackaged`. */
  readonly isPackaged?: boolean;
  /** What `app.getPath('userData')` returns. */
  readonly userData?: string;
  /** Whether safeStorage can encrypt. */
  readonly encryptionAvailable?: boolean;
  /** The Linux backend safeStorage reports. */
  readonly backend?: string;
  /** What `dialog.showMessageBox` answers. */
  readonly messageBoxAnswer?: { response: number; checkboxChecked: boolean };
  /** What `app.getLocale` returns (default `en-US`). */
  readonly locale?: string;
}

/** A fake tray icon. */
export interface FakeTray {
  /** The image it was made with. */
  readonly image: unknown;
  /** Its hover text. */
  tooltip: string;
  /** Its menu template. */
  menu: { label: string; click: () => void }[];
  /** Whether it was removed. */
  destroyed: boolean;
  /** Its event listeners (`click`). */
  readonly listeners: Map<string, () => void>;
}

/** Creates the fake Electron main-process modules. */
export function createFakeElectron(options: FakeElectronOptions = {}): FakeElectron {
  const calls: Record<string, unknown[][]> = {};
  const record =
    (name: string, result?: unknown) =>
    (...args: unknown[]): unknown => {
      (calls[name] ??= []).push(args);
      return result;
    };
    const BrowserWindow = createFakeBrowserWindowClass();
  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.isPackaged ?? false,
    requestSingleInstanceLock: record('app.requestSingleInstanceLock', options.gotLock ?? true),
    // Like Electron: `before-quit`, then every window is closed.
    quit: (...args: unknown[]) => {
      record('app.quit')(...args);
      app.emit('before-quit');
      for (const window of BrowserWindow.getAllWindows()) window.close();
    },
    exit: record('app.exit'),
    enableSandbox: record('app.enableSandbox'),
    getVersion: () => '0.1.0-test',
    getLocale: () => options.locale ?? 'en-US',
    getPath: (name: string) => {
      if (name !== 'userData') throw new Error(`The fake app has no path "${name}".`);
      return options.userData ?? '/nonexistent/user-data';
    },
    whenReady: () => Promise.resolve(),
  });
  const invokeHandlers = new Map<string, FakeInvokeHandler>();
  const ipcMain = Object.assign(new EventEmitter(), {
    handle: (channel: string, handler: FakeInvokeHandler) => {
      if (invokeHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      invokeHandlers.set(channel, handler);
    },
    removeHandler: (channel: string) => void invokeHandlers.delete(channel),
  });
  const sessionHandlers: FakeElectron['sessionHandlers'] = {};
  const session = {
    defaultSession: {
      setPermissionRequestHandler: (handler: FakeElectron['sessionHandlers']['permissionRequest']) => {
        sessionHandlers.permissionRequest = handler;
      },
      setPermissionCheckHandler: (handler: FakeElectron['sessionHandlers']['permissionCheck']) => {
        sessionHandlers.permissionCheck = handler;
      },
      webRequest: {
        onHeadersReceived: (handler: FakeElectron['sessionHandlers']['headersReceived']) => {
          sessionHandlers.headersReceived = handler;
        },
      },
    },
  };
  const trays: FakeTray[] = [];
  class Tray implements FakeTray {
    tooltip = '';
    menu: FakeTray['menu'] = [];
    destroyed = false;
    readonly listeners = new Map<string, () => void>();
    constructor(readonly image: unknown) {
      trays.push(this);
    }
    setToolTip(text: string) {
      this.tooltip = text;
    }
    setContextMenu(menu: FakeTray['menu']) {
      this.menu = menu;
    }
    on(event: string, listener: () => void) {
      this.listeners.set(event, listener);
    }
    destroy() {
      this.destroyed = true;
    }
  }
  const protocols: FakeElectron['protocols'] = { privileged: [], handlers: new Map() };
  const protocol = {
    registerSchemesAsPrivileged: (schemes: FakeElectron['protocols']['privileged']) => void protocols.privileged.push(...schemes),
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
      if (protocols.handlers.has(scheme)) throw new Error(`The scheme "${scheme}" is already handled`);
      protocols.handlers.set(scheme, handler);
    },
  };
  const safeStorage = {
    isAsyncEncryptionAvailable: async () => options.encryptionAvailable ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptStringAsync: async (plain: string) => Buffer.from(`enc:${plain}`, 'utf8'),
    decryptStringAsync: async (encrypted: Buffer) => ({ result: encrypted.toString('utf8').slice(4), shouldReEncrypt: false }),
  };
  const modules = {
    app,
    BrowserWindow,
    dialog: {
      showErrorBox: record('dialog.showErrorBox'),
      showMessageBox: async (...args: unknown[]) => {
        record('dialog.showMessageBox')(...args);
        return options.messageBoxAnswer ?? { response: 0, checkboxChecked: false };
      },
    },
    Menu: { buildFromTemplate: (template: unknown) => template },
    nativeImage: { createFromDataURL: (dataUrl: string) => ({ dataUrl }) },
    Tray,
    ipcMain,
    protocol,
    safeStorage,
    session,
    shell: { openExternal: async (...args: unknown[]) => void record('shell.openExternal')(...args) },
    Notification: class {
      static isSupported = () => true;
      constructor(readonly options: { title: string; body: string }) {}
      show() {
        (calls['Notification.show'] ??= []).push([this.options]);
      }
    },
  } as unknown as MailroomElectron;
  return { modules, app, BrowserWindow, invokeHandlers, calls, protocols, sessionHandlers, trays };
}
