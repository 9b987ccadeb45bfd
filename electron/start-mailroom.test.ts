import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { REQUEST_CHANNELS } from '../app/ipc/common/channels';
import { createMemoryStore } from '../app/test-support/memory-ports';
import { CONTENT_SECURITY_POLICY } from '../app/security/node/content-security-policy';
import { createFakeElectron, createFakeWebContents, type FakeElectronOptions } from './test-support/fake-electron';
import { startMailroom, type StartOptions } from './start-mailroom';
import { mainWindowOptions } from './window';

// electron-store (imported by start-mailroom) loads `electron`: hand it a fake app whose userData is a temp dir.
const electronModule = vi.hoisted(() => {
  const paths = { userData: '' };
  return {
    paths,
    app: { getPath: () => paths.userData, getVersion: () => '0.1.0-test' },
    ipcMain: { on: () => undefined },
  };
});
vi.mock('electron', () => ({ ...electronModule, default: electronModule }));
electronModule.paths.userData = mkdtempSync(join(tmpdir(), 'mailroom-main-'));
afterAll(() => rmSync(electronModule.paths.userData, { recursive: true, force: true }));

const MAIN_DIR = '/app/out/main';
const PAGE = 'app://mailroom/index.html';
const DRAFT = {
  label: 'Office',
  host: 'smtp.gmail.com',
  port: 465,
  security: 'tls',
  username: 'office@example.com',
  password: 'abcd efgh ijkl mnop',
  fromAddress: 'office@example.com',
  fromName: 'Office',
};

async function start(fakeOptions: FakeElectronOptions = {}, startOptions: Partial<StartOptions> = {}) {
  const fake = createFakeElectron({ isPackaged: true, userData: electronModule.paths.userData, ...fakeOptions });
  const stores = new Map<string, ReturnType<typeof createMemoryStore>>();
  const log = vi.fn();
  const openStore = (name: string) => {
    const store = createMemoryStore();
    stores.set(name, store);
    return store;
  };
  await startMailroom(fake.modules, { platform: 'linux', devServerUrl: undefined, mainDir: MAIN_DIR, log, openStore, ...startOptions });
  const window = fake.BrowserWindow.instances[0];
  const invoke = (channel: string, input?: unknown, sender = window?.webContents) => {
    const handler = fake.invokeHandlers.get(channel);
    if (!handler || !sender) throw new Error(`nothing registered for ${channel}`);
    return handler({ sender, senderFrame: sender.mainFrame }, input);
  };
  return { ...fake, stores, log, window, invoke };
}

describe('startMailroom: single instance', () => {
  it('quits at once, and sets nothing up, when another instance holds the lock', async () => {
    const fake = createFakeElectron({ gotLock: false });
    const whenReady = vi.spyOn(fake.app as unknown as { whenReady: () => Promise<void> }, 'whenReady');
    await startMailroom(fake.modules, { platform: 'linux', devServerUrl: undefined, mainDir: MAIN_DIR, log: vi.fn() });
    expect(fake.calls['app.quit']).toHaveLength(1);
    expect(whenReady).not.toHaveBeenCalled();
    expect(fake.invokeHandlers.size).toBe(0);
    expect(fake.BrowserWindow.instances).toHaveLength(0);
    expect(fake.app.eventNames()).toEqual([]);
  });

  it('focuses the existing window when a second instance starts', async () => {
    const { app, window } = await start();
    if (!window) throw new Error('no window');
    window.minimized = true;
    app.emit('second-instance');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
  });
});

describe('startMailroom: on ready', () => {
  it('sandboxes every renderer, denies permissions and sets the CSP before the window exists', async () => {
    const { calls, sessionHandlers } = await start();
    expect(calls['app.enableSandbox']).toHaveLength(1);
    const granted = vi.fn();
    sessionHandlers.permissionRequest?.({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(sessionHandlers.permissionCheck?.(null, 'notifications', '', {})).toBe(false);
    const reply = vi.fn();
    sessionHandlers.headersReceived?.({ responseHeaders: {} }, reply);
    expect(reply).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  it('opens one hardened window on the built page, with the built preload', async () => {
    const { BrowserWindow, window } = await start();
    expect(BrowserWindow.instances).toHaveLength(1);
    expect(window?.options).toEqual(mainWindowOptions('/app/out/preload/index.cjs'));
    expect(window?.loaded).toEqual(['url:app://mailroom/index.html']);
  });

  it('serves the built page from app://mailroom/ with the CSP, the scheme registered before ready', async () => {
    const { protocols } = await start();
    expect(protocols.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    const handler = protocols.handlers.get('app');
    if (!handler) throw new Error('app:// is not handled');
    const missing = await handler(new Request('app://mailroom/assets/none.js'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await handler(new Request('app://mailroom/../main/index.js'))).status).toBe(404);
  });

  it('in an unpackaged dev run, loads the dev server and relaxes the CSP for it only', async () => {
    const { window, sessionHandlers, protocols } = await start({ isPackaged: false }, { devServerUrl: 'http://localhost:5173' });
    expect(window?.loaded).toEqual(['url:http://localhost:5173/']);
    expect(protocols.handlers.size).toBe(0);
    const reply = vi.fn();
    sessionHandlers.headersReceived?.({}, reply);
    expect(reply.mock.calls[0]?.[0].responseHeaders['Content-Security-Policy'][0]).toContain('ws://localhost:5173');
  });

  it('registers every request channel and answers the window', async () => {
    const { invokeHandlers, invoke } = await start();
    expect([...invokeHandlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
    await expect(invoke('app:info')).resolves.toEqual({ ok: true, value: { version: '0.1.0-test', host: 'electron' } });
  });

  it('with a real Linux keyring, reports keychain protection, ready, and logs nothing about secrets', async () => {
    const { invoke, log } = await start({ backend: 'kwallet6' });
    await expect(invoke('secrets:status')).resolves.toEqual({
      ok: true,
      value: { protection: 'keychain:kwallet6', state: 'ready', passphraseSet: false },
    });
    expect(log).not.toHaveBeenCalledWith(expect.stringContaining('[secrets]'));
  });

  it('refuses a request from any other webContents', async () => {
    const { invoke } = await start();
    await expect(invoke('app:info', undefined, createFakeWebContents(PAGE))).resolves.toMatchObject({
      ok: false,
      error: { code: 'untrusted-sender' },
    });
  });

  it('saves a password encrypted by the keychain, apart from the record, and tells the window', async () => {
    const { invoke, stores, window } = await start();
    await expect(invoke('accounts:save', DRAFT)).resolves.toMatchObject({ ok: true, value: { hasPassword: true } });
    expect(JSON.stringify(stores.get('accounts')?.dump())).not.toContain('abcd efgh');
    expect(JSON.stringify(stores.get('secrets')?.dump())).not.toContain('abcd efgh');
    expect(window?.webContents.sent.map((e) => e.channel)).toEqual(['accounts:changed']);
  });

  it('on Linux basic_text, asks for a passphrase and saves a password only once it is given', async () => {
    const { invoke, stores, log, window } = await start({ backend: 'basic_text' });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('basic_text'));
    await expect(invoke('secrets:status')).resolves.toEqual({
      ok: true,
      value: { protection: 'passphrase', state: 'locked', passphraseSet: false },
    });
    await expect(invoke('accounts:save', DRAFT)).resolves.toMatchObject({ ok: false, error: { code: 'secret-unavailable' } });
    expect(stores.get('secrets')?.dump()).toEqual({});

    await expect(invoke('secrets:unlock', { passphrase: 'a long passphrase' })).resolves.toEqual({
      ok: true,
      value: { protection: 'passphrase', state: 'ready', passphraseSet: true },
    });
    await expect(invoke('accounts:save', DRAFT)).resolves.toMatchObject({ ok: true, value: { hasPassword: true, secretReadable: true } });
    // The passphrase check and the password share one secrets file, neither readable.
    const secrets = stores.get('secrets')?.dump();
    expect(Object.keys(secrets ?? {}).sort()).toEqual(['passphraseVerifier', 'passwords']);
    expect(JSON.stringify(secrets)).not.toContain('abcd efgh');
    expect(JSON.stringify(stores.get('accounts')?.dump())).not.toContain('abcd efgh');
    expect(window?.webContents.sent.map((e) => e.channel)).toEqual(['accounts:changed', 'accounts:changed']);
  });

  it('uses electron-store files in userData by default', async () => {
    const fake = createFakeElectron({ isPackaged: true, userData: electronModule.paths.userData });
    await startMailroom(fake.modules, { platform: 'linux', devServerUrl: undefined, mainDir: MAIN_DIR, log: vi.fn() });
    const sender = fake.BrowserWindow.instances[0]?.webContents;
    await fake.invokeHandlers.get('settings:save')?.({ sender, senderFrame: sender?.mainFrame }, { language: 'ko', theme: 'dark' });
    const file = join(electronModule.paths.userData, 'preferences.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ settings: { language: 'ko', theme: 'dark' } });
  });

  it('guards every web contents the app creates', async () => {
    const { app } = await start();
    const contents = Object.assign(new EventEmitter(), {
      getURL: () => PAGE,
      setWindowOpenHandler: vi.fn(),
    });
    app.emit('web-contents-created', {}, contents);
    const navigation = { preventDefault: vi.fn(), url: 'https://evil.test/' };
    contents.emit('will-navigate', navigation);
    expect(navigation.preventDefault).toHaveBeenCalled();
    expect(contents.setWindowOpenHandler.mock.calls[0]?.[0]({ url: 'https://evil.test/' })).toEqual({ action: 'deny' });
  });

  it('shows the failure and quits when start-up fails', async () => {
    const fake = createFakeElectron();
    const openStore = () => {
      throw new Error('accounts.json is not valid JSON');
    };
    await startMailroom(fake.modules, { platform: 'linux', devServerUrl: undefined, mainDir: MAIN_DIR, log: vi.fn(), openStore });
    expect(fake.calls['dialog.showErrorBox']).toEqual([['Mailroom could not start', 'accounts.json is not valid JSON']]);
    expect(fake.calls['app.quit']).toHaveLength(1);
    expect(fake.BrowserWindow.instances).toHaveLength(0);
  });
});

describe('startMailroom: windows closing', () => {
  it('quits when the last window closes, except on macOS', async () => {
    const linux = await start();
    linux.app.emit('window-all-closed');
    expect(linux.calls['app.quit']).toHaveLength(1);

    const mac = await start({}, { platform: 'darwin' });
    mac.app.emit('window-all-closed');
    expect(mac.calls['app.quit']).toBeUndefined();
  });

  it('asks by what is going on: a campaign only scheduled is "scheduled at HH:MM", not "sending" (ko and en)', async () => {
    for (const [locale, expected, keep] of [
      ['en-US', /^A campaign is scheduled to send at (.+)\. Keep Mailroom running in the background so it starts on time\?$/, 'Keep running in the background'],
      ['ko-KR', /^(.+)에 보내도록 예약된 캠페인이 있습니다\. 제시간에 시작하도록 백그라운드에서 계속 실행할까요\?$/, '백그라운드에서 계속 실행'],
    ] as const) {
      const { invoke, window, calls } = await start({ locale });
      const account = (await invoke('accounts:save', { ...DRAFT, host: '127.0.0.1', port: 9, security: 'none', username: '', password: '' })) as { value: { id: string } };
      const list = (await invoke('lists:paste', { name: 'Club', text: 'Kim <kim@club.test>' })) as { value: { list: { id: string } } };
      const created = (await invoke('campaigns:create', {
        accountId: account.value.id,
        listId: list.value.list.id,
        template: { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject: 'Hi {{name}}', content: 'Hello' } },
      })) as { value: { id: string } };
      const at = new Date(Date.now() + 2 * 3600_000);
      await expect(invoke('campaigns:schedule', { id: created.value.id, at: at.toISOString() })).resolves.toMatchObject({ ok: true, value: { status: 'scheduled' } });
      try {
        window?.close();
        await vi.waitFor(() => expect(calls['dialog.showMessageBox']).toHaveLength(1));
        const options = calls['dialog.showMessageBox']![0]!.at(-1) as { message: string; detail: string; buttons: string[] };
        expect(options.message).toMatch(expected);
        expect(options.message).not.toMatch(/sending|보내는 중/);
        expect(options.message).toContain(new Intl.DateTimeFormat(locale, at.toDateString() === new Date().toDateString() ? { hour: '2-digit', minute: '2-digit' } : { dateStyle: 'medium', timeStyle: 'short' }).format(at));
        expect(options.buttons[0]).toBe(keep);
      } finally {
        // The data folder is shared by the tests here: leave nothing scheduled.
        await invoke('campaigns:schedule', { id: created.value.id, at: null });
        await invoke('campaigns:cancel', { id: created.value.id });
      }
    }
  });

  it('closes the window without a question while nothing is sending', async () => {
    const { window, calls, trays } = await start();
    window?.close();
    expect(window?.isDestroyed()).toBe(true);
    expect(calls['dialog.showMessageBox']).toBeUndefined();
    expect(trays).toHaveLength(0);
  });

  it('on macOS, opens a new window on activate once the old one is closed, and trusts only the new one', async () => {
    const mac = await start({}, { platform: 'darwin' });
    const first = mac.window;
    first?.close();
    await expect(mac.invoke('app:info', undefined, first?.webContents)).resolves.toMatchObject({ ok: false });
    mac.app.emit('activate');
    const second = mac.BrowserWindow.instances[1];
    expect(mac.BrowserWindow.instances).toHaveLength(2);
    await expect(mac.invoke('app:info', undefined, second?.webContents)).resolves.toMatchObject({ ok: true });
  });
});

describe('startMailroom: Google OAuth consent', () => {
  const clientJson = (authUri: string) =>
    JSON.stringify({ installed: { client_id: '1-x.apps.googleusercontent.com', client_secret: 'GOCSPX-x', auth_uri: authUri, token_uri: 'https://oauth2.googleapis.com/token' } });
  const waitFor = async (condition: () => boolean) => {
    for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(condition()).toBe(true);
  };

  it('opens Google’s authorization page in the system browser through the allowlist, and not a loopback fake', async () => {
    const { invoke, calls, log } = await start({ backend: 'kwallet6' });
    const google = invoke('oauth:connect', { clientJson: clientJson('https://accounts.google.com/o/oauth2/v2/auth'), sendMethod: 'gmail-api' });
    await waitFor(() => (calls['shell.openExternal'] ?? []).length === 1);
    const opened = new URL(String(calls['shell.openExternal']?.[0]?.[0]));
    expect(opened.origin + opened.pathname).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(opened.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(invoke('oauth:cancel')).resolves.toEqual({ ok: true, value: { cancelled: true } });
    await expect(google).resolves.toEqual({ ok: true, value: { status: 'cancelled' } });

    const fake = invoke('oauth:connect', { clientJson: clientJson('http://127.0.0.1:9/o/oauth2/v2/auth'), sendMethod: 'gmail-api' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await invoke('oauth:cancel');
    await expect(fake).resolves.toEqual({ ok: true, value: { status: 'cancelled' } });
    expect(calls['shell.openExternal']).toHaveLength(1);
    expect(JSON.stringify(log.mock.calls)).not.toContain('GOCSPX-x');
  });
});
