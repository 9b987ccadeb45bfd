/**
 * The main process, wired: single-instance lock, hardened sessions and web contents, stores and the
 * secret keeper, the handler table over IPC, the main window. Takes the Electron modules as an argument
 * so tests can start it with fakes; `main.ts` calls it with the real ones.
 */
import { join } from 'node:path';
import type electron from 'electron';
import type { BrowserWindow } from 'electron';
import type { EventPayload } from '../app/ipc/common/contract';
import type { Handlers } from '../app/ipc/common/dispatch';
import { createHandlers, STORE_NAMES } from '../app/handlers/node/handlers';
import { systemClock, type EventSink, type KeyValueStore, type Logger } from '../app/storage/node/ports';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { createBackgroundKeeper, TRAY_ICON_DATA_URL, type BackgroundKeeper } from './background-keeper';
import { withCampaignSignals } from './campaign-signals';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from '../app/security/node/content-security-policy';
import { createElectronKeyValueStore } from './electron-store-adapter';
import { createDialogExportDeliverer, type ExportDialogs } from './export-dialog';
import { createFolderPicker, type FolderDialogs } from './folder-dialog';
import { secureUserData } from './user-data-modes';
import { createWindowEmitter, registerIpc } from './ipc';
import { openExternalSafely, type ExternalOpener } from './open-external';
import { resolveRendererLocation } from './renderer-location';
import { chooseSecretKeeper, type SafeStorageApi } from './safe-storage-cipher';
import { applyContentSecurityPolicy, denyAllPermissions } from './session-guards';
import { guardWebContents } from './web-contents-guards';
import { createMainWindow, preloadPathFrom } from './window';

/** The Electron main-process modules Mailroom uses. */
export type MailroomElectron = Pick<
  typeof electron,
  'app' | 'BrowserWindow' | 'dialog' | 'ipcMain' | 'Menu' | 'nativeImage' | 'Notification' | 'protocol' | 'safeStorage' | 'session' | 'shell' | 'Tray'
>;

/** What the host process tells `startMailroom`. */
export interface StartOptions {
  /** `process.platform`. */
  readonly platform: NodeJS.Platform;
  /** `process.env.ELECTRON_RENDERER_URL` (set by `electron-vite dev`). */
  readonly devServerUrl: string | undefined;
  /** The folder of the main bundle (`out/main`). */
  readonly mainDir: string;
  /** Log sink; never receives secrets. */
  readonly log: Logger;
  /** Opens a named store; electron-store files in userData unless a test hands in another. */
  readonly openStore?: (name: string) => KeyValueStore;
}

/**
 * Starts the app. Quits at once when another instance holds the lock. Resolves when the window is up,
 * or after a start-up failure has been shown to the user and the app asked to quit.
 */
export function startMailroom(electron: MailroomElectron, options: StartOptions): Promise<void> {
  const { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, protocol, safeStorage, session, shell, Tray } = electron;
  const { platform, mainDir, log } = options;
  // One store object per file, shared by the handlers and the main process's own preferences.
  const opened = new Map<string, KeyValueStore>();
  const openStore = (name: string): KeyValueStore => {
    const store = opened.get(name) ?? (options.openStore ?? createElectronKeyValueStore)(name);
    opened.set(name, store);
    return store;
  };

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve();
  }
  // Every renderer sandboxed, whatever its webPreferences say. Must run before `ready`.
  app.enableSandbox();
  // The page's own scheme must be known before `ready` (Electron's protocol API).
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);

  const location = resolveRendererLocation({ mainDir, isPackaged: app.isPackaged, devServerUrl: options.devServerUrl });
  const policy = location.kind === 'dev-server' ? devContentSecurityPolicy(location.url) : CONTENT_SECURITY_POLICY;
  let mainWindow: BrowserWindow | null = null;
  const liveWindow = (): BrowserWindow | null => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);
  const keeper = createBackgroundKeeper({
    platform,
    locale: () => app.getLocale(),
    readChoice: () => {
      const value = openStore(STORE_NAMES.preferences).get(CLOSE_CHOICE_KEY);
      return value === 'background' || value === 'quit' ? value : undefined;
    },
    saveChoice: (choice) => openStore(STORE_NAMES.preferences).set(CLOSE_CHOICE_KEY, choice),
    ask: async (words) => {
      const options = {
        type: 'question' as const,
        buttons: [words.keep, words.quit],
        defaultId: 0,
        cancelId: 0,
        message: words.question,
        detail: words.detail,
        checkboxLabel: words.remember,
        checkboxChecked: false,
      };
      const window = liveWindow();
      const answer = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
      return { choice: answer.response === 1 ? 'quit' : 'background', remember: answer.checkboxChecked };
    },
    createTray: (tooltip, items) => {
      const tray = new Tray(nativeImage.createFromDataURL(TRAY_ICON_DATA_URL));
      tray.setToolTip(tooltip);
      tray.setContextMenu(Menu.buildFromTemplate(items.map((item) => ({ label: item.label, click: item.click }))));
      // Windows opens the app on a click of its tray icon; Linux shows the menu.
      tray.on('click', () => showMainWindow());
      return tray;
    },
    showWindow: () => showMainWindow(),
    hideWindow: () => liveWindow()?.hide(),
    quit: () => app.quit(),
  });
  app.on('before-quit', () => keeper.allowClose());
  const showMainWindow = (): void => {
    const window = liveWindow();
    if (window) focusWindow(window);
    else openWindow();
  };

  app.on('second-instance', () => focusWindow(liveWindow()));
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, shell, log));
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });

  const openWindow = (): void => {
    const window = createMainWindow(BrowserWindow, { preloadPath: preloadPathFrom(mainDir), location, log });
    window.on('close', (event) => keeper.onCloseRequested(event));
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
  };

  return app
    .whenReady()
    .then(async () => {
      if (!options.openStore) await secureUserData(app.getPath('userData'), Object.values(STORE_NAMES));
      denyAllPermissions(session.defaultSession);
      applyContentSecurityPolicy(session.defaultSession, policy);
      if (location.kind === 'app') protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: location.root, policy }));
      const handlers = await createElectronHandlers({
        safeStorage,
        platform,
        openStore,
        emit: withBackgroundKeeper(keeper, withCampaignSignals(createWindowEmitter(liveWindow), {
          notify: (title, body) => {
            if (Notification.isSupported()) new Notification({ title, body }).show();
          },
          setProgress: (fraction) => liveWindow()?.setProgressBar(fraction ?? -1),
          locale: () => app.getLocale(),
        })),
        version: app.getVersion(),
        journalDir: join(app.getPath('userData'), 'journals'),
        dataDir: app.getPath('userData'),
        log,
        shell,
        exportDeps: { dialog, window: liveWindow, locale: () => app.getLocale(), startFolder: () => app.getPath('documents') },
      });
      registerIpc(ipcMain, handlers, { mainWebContentsId: () => liveWindow()?.webContents.id, rendererLocation: location }, log);
      openWindow();
      // macOS keeps the app running without windows; clicking the dock icon opens one again.
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openWindow();
      });
    })
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      log(`[main] start-up failed: ${message}`);
      dialog.showErrorBox('Mailroom could not start', message);
      app.quit();
    });
}

/** The preferences key remembering the answer to "keep sending in the background?". */
export const CLOSE_CHOICE_KEY = 'closeWhileSending';

/** Wraps the event sink so the background keeper sees every campaign's progress too. */
function withBackgroundKeeper(keeper: BackgroundKeeper, emit: EventSink): EventSink {
  return (channel, payload) => {
    emit(channel, payload);
    if (channel === 'campaigns:progress') keeper.observe(payload as EventPayload<'campaigns:progress'>);
  };
}

/** Builds the handler table over electron-store files and the chosen secret keeper (the window and `--cli` share it). */
export async function createElectronHandlers(deps: {
  readonly safeStorage: SafeStorageApi;
  readonly platform: NodeJS.Platform;
  readonly openStore: (name: string) => KeyValueStore;
  readonly emit: EventSink;
  readonly version: string;
  readonly journalDir: string;
  readonly dataDir: string;
  readonly log: Logger;
  readonly shell: ExternalOpener;
  /** Native dialogs for `accounts:export` (absent: exporting is refused). */
  readonly exportDeps?: { readonly dialog: ExportDialogs & FolderDialogs; readonly window: () => BrowserWindow | null; readonly locale: () => string; readonly startFolder: () => string };
  /** Whether campaigns left running are resumed (default true; `--cli` says false). */
  readonly recoverCampaigns?: boolean;
  /** Receives the function that writes pending state now (see HandlerDeps.onFlush). */
  readonly onFlush?: (flush: () => void) => void;
}): Promise<Handlers> {
  // The passphrase verifier shares the secrets file with the passwords: open each file once, not twice.
  const opened = new Map<string, KeyValueStore>();
  const openStore = (name: string): KeyValueStore => {
    const store = opened.get(name) ?? deps.openStore(name);
    opened.set(name, store);
    return store;
  };
  const { keeper, reason } = await chooseSecretKeeper({
    safeStorage: deps.safeStorage,
    platform: deps.platform,
    passphraseStore: openStore(STORE_NAMES.secrets),
  });
  if (reason !== undefined) deps.log(`[secrets] not using the OS keychain, asking for a passphrase: ${reason}`);
  return createHandlers({
    openStore,
    secrets: keeper,
    emit: deps.emit,
    clock: systemClock,
    host: 'electron',
    version: deps.version,
    journalDir: deps.journalDir,
    dataDir: deps.dataDir,
    log: deps.log,
    // Google's authorization page opens in the system browser, through the same https allowlist as
    // every other link (accounts.google.com is on it); anything else is shown as a link instead.
    openExternal: (url) => openExternalSafely(deps.shell, url),
    // The --cli mode has no window to show an export's passphrase in: it offers no export.
    ...(deps.exportDeps === undefined ? {} : { deliverExport: createDialogExportDeliverer(deps.exportDeps) }),
    // Per-member attachments: the folder is chosen in a native dialog (the same window and words as the export).
    ...(deps.exportDeps === undefined ? {} : { pickFolder: createFolderPicker(deps.exportDeps) }),
    ...(deps.recoverCampaigns === undefined ? {} : { recoverCampaigns: deps.recoverCampaigns }),
    ...(deps.onFlush === undefined ? {} : { onFlush: deps.onFlush }),
    // The app watches the mailboxes of recently used accounts; the --cli mode (no recovery) does not.
    watchMailboxes: deps.recoverCampaigns !== false,
  });
}

function focusWindow(window: BrowserWindow | null): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
