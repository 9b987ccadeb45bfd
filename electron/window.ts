/** The main window: its hardened options, and loading the renderer page into it. */
import { join } from 'node:path';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { assertNever } from '../app/ipc/common/app-error';
import type { RendererLocation } from './renderer-location';

/** The built preload next to the main bundle: `out/main/../preload/index.cjs`. */
export function preloadPathFrom(mainDir: string): string {
  return join(mainDir, '..', 'preload', 'index.cjs');
}

/**
 * The main window's options. The page is untrusted: isolated from the preload, sandboxed, no Node, same-
 * origin policy on, no `<webview>`, no Node in workers or sub-frames, no insecure content.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    minWidth: 760,
    minHeight: 520,
    title: 'Mailroom',
    // Shown on `ready-to-show`, so the user never sees an empty white frame.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Chromium's spellchecker downloads its dictionaries from Google on Windows and Linux.
      spellcheck: false,
    },
  };
}

/** The BrowserWindow class, as far as this module uses it. */
export type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

/** Creates the main window, shows it once painted, and loads the renderer page from `location`. */
export function createMainWindow(
  BrowserWindowCtor: BrowserWindowClass,
  options: {
    /** Absolute path of the built preload. */
    readonly preloadPath: string;
    /** Where the page comes from. */
    readonly location: RendererLocation;
    /** Where load failures are reported. */
    readonly log: (line: string) => void;
  },
): BrowserWindow {
  const window = new BrowserWindowCtor(mainWindowOptions(options.preloadPath));
  window.once('ready-to-show', () => window.show());
  const loading = loadRenderer(window, options.location);
  loading.catch((error: unknown) => {
    options.log(`[window] the page did not load: ${error instanceof Error ? error.message : String(error)}`);
  });
  return window;
}

function loadRenderer(window: BrowserWindow, location: RendererLocation): Promise<void> {
  switch (location.kind) {
    case 'app':
    case 'dev-server':
      return window.loadURL(location.url);
    default:
      return assertNever(location);
  }
}
