import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { REQUEST_CHANNELS } from '../app/ipc/common/channels';
import type { Handlers } from '../app/ipc/common/dispatch';
import { createHandlers } from '../app/handlers/node/handlers';
import { createMemoryStore, createTestCipher } from '../app/test-support/memory-ports';
import { createKeychainKeeper } from '../app/secrets/node/secret-keeper';
import { createFakeWebContents, type FakeFrame, type FakeWebContents } from './test-support/fake-electron';
import { createWindowEmitter, isTrustedSender, registerIpc, UNTRUSTED_SENDER_RESULT, type IpcSenderEvent, type SenderTrust } from './ipc';
import type { RendererLocation } from './renderer-location';

const PAGE = 'app://mailroom/index.html';
const FILE_LOCATION: RendererLocation = { kind: 'app', root: '/opt/Mailroom/resources/app.asar/out/renderer', url: PAGE };

function trustFor(contents: FakeWebContents | undefined, location: RendererLocation = FILE_LOCATION): SenderTrust {
  return { mainWebContentsId: () => contents?.id, rendererLocation: location };
}

function eventFrom(contents: FakeWebContents, frame: FakeFrame | null = contents.mainFrame): IpcSenderEvent {
  return { sender: contents, senderFrame: frame };
}

function subFrameOf(contents: FakeWebContents, url = PAGE): FakeFrame {
  return { parent: contents.mainFrame, url, processId: contents.mainFrame.processId, routingId: 7 };
}

function createTestHandlers(): Handlers {
  return createHandlers({
    openStore: () => createMemoryStore(),
    secrets: createKeychainKeeper(createTestCipher()),
    emit: () => undefined,
    clock: { now: () => 0 },
    host: 'electron',
    version: '9.9.9',
    journalDir: mkdtempSync(join(tmpdir(), 'mailroom-ipc-')),
  });
}

function fakeIpcMain() {
  const handlers = new Map<string, (event: IpcSenderEvent, ...args: unknown[]) => Promise<unknown>>();
  return {
    handlers,
    handle: vi.fn((channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => Promise<unknown>) => {
      handlers.set(channel, listener);
    }),
    removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
  };
}

describe('isTrustedSender', () => {
  it("trusts the main window's top frame showing the built page", () => {
    const main = createFakeWebContents(PAGE);
    expect(isTrustedSender(eventFrom(main), trustFor(main))).toBe(true);
  });

  it('ignores the query and the hash of the page URL', () => {
    const main = createFakeWebContents(`${PAGE}?lang=ko#/accounts`);
    expect(isTrustedSender(eventFrom(main), trustFor(main))).toBe(true);
  });

  it('refuses another webContents, even one showing the same page', () => {
    const main = createFakeWebContents(PAGE);
    const other = createFakeWebContents(PAGE);
    expect(isTrustedSender(eventFrom(other), trustFor(main))).toBe(false);
  });

  it('refuses everything while there is no main window', () => {
    const main = createFakeWebContents(PAGE);
    expect(isTrustedSender(eventFrom(main), trustFor(undefined))).toBe(false);
  });

  it('refuses a sub-frame of the main window, even on the same page', () => {
    const main = createFakeWebContents(PAGE);
    expect(isTrustedSender(eventFrom(main, subFrameOf(main)), trustFor(main))).toBe(false);
  });

  it("refuses a top-level frame that is not the window's main frame (e.g. a fenced frame)", () => {
    const main = createFakeWebContents(PAGE);
    const detached: FakeFrame = { parent: null, url: PAGE, processId: 999, routingId: 3 };
    expect(isTrustedSender(eventFrom(main, detached), trustFor(main))).toBe(false);
  });

  it('accepts the main frame when Electron hands out a different wrapper for it', () => {
    const main = createFakeWebContents(PAGE);
    expect(isTrustedSender(eventFrom(main, { ...main.mainFrame }), trustFor(main))).toBe(true);
  });

  it('refuses a null senderFrame (navigated away or destroyed)', () => {
    const main = createFakeWebContents(PAGE);
    expect(isTrustedSender(eventFrom(main, null), trustFor(main))).toBe(false);
  });

  it('refuses when reading senderFrame throws', () => {
    const main = createFakeWebContents(PAGE);
    const event = {
      sender: main,
      get senderFrame(): FakeFrame {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(isTrustedSender(event, trustFor(main))).toBe(false);
  });

  it.each([
    ['another page of the scheme', 'app://mailroom/evil.html'],
    ['the same path on another host', 'app://evil/index.html'],
    ['the built page on file://', 'file:///opt/Mailroom/resources/app.asar/out/renderer/index.html'],
    ['a web page', 'https://evil.test/out/renderer/index.html'],
    ['a dev server in production', 'http://localhost:5173/'],
    ['about:blank', 'about:blank'],
    ['a data: page', 'data:text/html,hi'],
    ['an empty URL', ''],
  ])('refuses the main frame when it shows %s', (_what, url) => {
    const main = createFakeWebContents(url);
    expect(isTrustedSender(eventFrom(main), trustFor(main))).toBe(false);
  });

  it('in dev, trusts the dev server origin only', () => {
    const dev: RendererLocation = { kind: 'dev-server', url: 'http://localhost:5173/' };
    for (const [url, trusted] of [
      ['http://localhost:5173/', true],
      ['http://localhost:5173/index.html?x=1#y', true],
      ['http://localhost:5174/', false],
      ['https://localhost:5173/', false],
      ['http://127.0.0.1:5173/', false],
      [PAGE, false],
    ] as const) {
      const main = createFakeWebContents(url);
      expect(isTrustedSender(eventFrom(main), trustFor(main, dev)), url).toBe(trusted);
    }
  });
});

describe('registerIpc', () => {
  it('registers exactly the request channels, and removes them again', () => {
    const ipcMain = fakeIpcMain();
    const unregister = registerIpc(ipcMain, createTestHandlers(), trustFor(undefined));
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('dispatches a trusted request to the real handlers', async () => {
    const main = createFakeWebContents(PAGE);
    const ipcMain = fakeIpcMain();
    registerIpc(ipcMain, createTestHandlers(), trustFor(main));
    const reply = await ipcMain.handlers.get('app:info')?.(eventFrom(main), undefined);
    expect(reply).toEqual({ ok: true, value: { version: '9.9.9', host: 'electron' } });
  });

  it('parses the payload by its schema after the sender check', async () => {
    const main = createFakeWebContents(PAGE);
    const ipcMain = fakeIpcMain();
    registerIpc(ipcMain, createTestHandlers(), trustFor(main));
    const reply = await ipcMain.handlers.get('settings:save')?.(eventFrom(main), { language: 'klingon', theme: 'dark' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it.each([
    ['another webContents', (_main: FakeWebContents) => eventFrom(createFakeWebContents(PAGE))],
    ['a sub-frame', (main: FakeWebContents) => eventFrom(main, subFrameOf(main))],
    ['a null senderFrame', (main: FakeWebContents) => eventFrom(main, null)],
    ['another origin', (main: FakeWebContents) => eventFrom(main, { ...main.mainFrame, url: 'https://evil.test/' })],
  ])('refuses %s without running any handler', async (_what, makeEvent) => {
    const main = createFakeWebContents(PAGE);
    const real = createTestHandlers();
    const spies = Object.fromEntries(Object.entries(real).map(([name, fn]) => [name, vi.fn(fn)])) as unknown as Handlers;
    const log = vi.fn();
    const ipcMain = fakeIpcMain();
    registerIpc(ipcMain, spies, trustFor(main), log);
    for (const channel of REQUEST_CHANNELS) {
      const reply = await ipcMain.handlers.get(channel)?.(makeEvent(main), { id: 'x' });
      expect(reply).toEqual(UNTRUSTED_SENDER_RESULT);
    }
    expect(UNTRUSTED_SENDER_RESULT).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    for (const spy of Object.values(spies)) expect(spy).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledTimes(REQUEST_CHANNELS.length);
  });
});

describe('createWindowEmitter', () => {
  function fakeWindow() {
    const state = { destroyed: false, contentsDestroyed: false };
    const send = vi.fn();
    return {
      state,
      send,
      window: {
        isDestroyed: () => state.destroyed,
        webContents: { isDestroyed: () => state.contentsDestroyed, send },
      },
    };
  }

  it('sends the event to the live window', () => {
    const { window, send } = fakeWindow();
    createWindowEmitter(() => window)('accounts:changed', { accounts: [] });
    expect(send).toHaveBeenCalledExactlyOnceWith('accounts:changed', { accounts: [] });
  });

  it('drops the event when there is no window, or it or its page is destroyed', () => {
    const { window, send, state } = fakeWindow();
    createWindowEmitter(() => null)('accounts:changed', { accounts: [] });
    state.destroyed = true;
    createWindowEmitter(() => window)('accounts:changed', { accounts: [] });
    state.destroyed = false;
    state.contentsDestroyed = true;
    createWindowEmitter(() => window)('accounts:changed', { accounts: [] });
    expect(send).not.toHaveBeenCalled();
  });
});
