import { describe, expect, it } from 'vitest';
import { createFakeBrowserWindowClass } from './test-support/fake-electron';
import { createMainWindow, mainWindowOptions, preloadPathFrom, type BrowserWindowClass } from './window';

describe('mainWindowOptions', () => {
  it('turns on every isolation and turns off every Node door', () => {
    const { webPreferences } = mainWindowOptions('/app/out/preload/index.cjs');
    expect(webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });

  it('sets nothing that would weaken them', () => {
    const { webPreferences = {} } = mainWindowOptions('/p');
    for (const key of ['enableBlinkFeatures', 'additionalArguments', 'partition', 'session', 'javascript'] as const) {
      expect(webPreferences).not.toHaveProperty(key);
    }
  });

  it('stays hidden until the first paint', () => {
    expect(mainWindowOptions('/p').show).toBe(false);
  });
});

describe('preloadPathFrom', () => {
  it('finds the CommonJS preload next to the main bundle', () => {
    expect(preloadPathFrom('/app/out/main')).toBe('/app/out/preload/index.cjs');
  });
});

describe('createMainWindow', () => {
  const log = () => undefined;

  it('loads the built page from the app scheme', () => {
    const BrowserWindow = createFakeBrowserWindowClass();
    const window = createMainWindow(BrowserWindow as unknown as BrowserWindowClass, {
      preloadPath: '/app/out/preload/index.cjs',
      location: { kind: 'app', root: '/app/out/renderer', url: 'app://mailroom/index.html' },
      log,
    });
    const [made] = BrowserWindow.instances;
    expect(made).toBe(window);
    expect(made?.loaded).toEqual(['url:app://mailroom/index.html']);
    expect(made?.options).toEqual(mainWindowOptions('/app/out/preload/index.cjs'));
  });

  it('loads the dev server URL in development', () => {
    const BrowserWindow = createFakeBrowserWindowClass();
    createMainWindow(BrowserWindow as unknown as BrowserWindowClass, {
      preloadPath: '/p',
      location: { kind: 'dev-server', url: 'http://localhost:5173/' },
      log,
    });
    expect(BrowserWindow.instances[0]?.loaded).toEqual(['url:http://localhost:5173/']);
  });

  it('shows the window once it is ready to show', () => {
    const BrowserWindow = createFakeBrowserWindowClass();
    createMainWindow(BrowserWindow as unknown as BrowserWindowClass, { preloadPath: '/p', location: { kind: 'app', root: '/r', url: 'app://mailroom/index.html' }, log });
    const made = BrowserWindow.instances[0];
    let shown = false;
    if (made) made.show = () => void (shown = true);
    made?.emit('ready-to-show');
    expect(shown).toBe(true);
  });
});
