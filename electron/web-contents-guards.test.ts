import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { guardWebContents, handleWillNavigate, handleWindowOpen } from './web-contents-guards';

const PAGE = 'app://mailroom/index.html';
const flush = () => new Promise((resolve) => setImmediate(resolve));
const fakeShell = () => ({ openExternal: vi.fn(async (_url: string) => undefined) });
const preventable = () => ({ preventDefault: vi.fn() });

describe('handleWillNavigate', () => {
  it('cancels navigation to another page', async () => {
    const event = preventable();
    const shell = fakeShell();
    handleWillNavigate(event, 'https://evil.test/', PAGE, shell);
    await flush();
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('cancels navigation to another local file', () => {
    const event = preventable();
    handleWillNavigate(event, 'file:///etc/passwd', PAGE, fakeShell());
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('lets the current URL reload', () => {
    const event = preventable();
    handleWillNavigate(event, PAGE, PAGE, fakeShell());
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('cancels a link to an allowed help page and opens it in the browser instead', async () => {
    const event = preventable();
    const shell = fakeShell();
    handleWillNavigate(event, 'https://myaccount.google.com/apppasswords', PAGE, shell);
    await flush();
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://myaccount.google.com/apppasswords');
  });
});

describe('handleWindowOpen', () => {
  it.each(['https://evil.test/', 'about:blank', PAGE, 'javascript:alert(1)'])('denies window.open(%j) and opens nothing', async (url) => {
    const shell = fakeShell();
    const log = vi.fn();
    expect(handleWindowOpen({ url }, shell, log)).toEqual({ action: 'deny' });
    await flush();
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledOnce();
  });

  it('denies the window but opens an allowed https link in the browser', async () => {
    const shell = fakeShell();
    expect(handleWindowOpen({ url: 'https://support.google.com/mail/answer/7126229' }, shell)).toEqual({ action: 'deny' });
    await flush();
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://support.google.com/mail/answer/7126229');
  });

  it('logs, rather than throws, when the browser cannot be opened', async () => {
    const shell = { openExternal: vi.fn(async () => Promise.reject(new Error('no browser'))) };
    const log = vi.fn();
    handleWindowOpen({ url: 'https://support.google.com/' }, shell, log);
    await flush();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('no browser'));
  });
});

describe('guardWebContents', () => {
  function fakeContents(url = PAGE) {
    const contents = Object.assign(new EventEmitter(), {
      getURL: () => url,
      windowOpenHandler: undefined as ((details: { url: string }) => unknown) | undefined,
      setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
        contents.windowOpenHandler = handler;
      },
    });
    return contents;
  }

  it('wires navigation, window.open and <webview> to the rules', async () => {
    const contents = fakeContents();
    const shell = fakeShell();
    guardWebContents(contents as unknown as WebContents, shell);

    const navigation = { ...preventable(), url: 'https://evil.test/' };
    contents.emit('will-navigate', navigation);
    expect(navigation.preventDefault).toHaveBeenCalledOnce();

    const reload = { ...preventable(), url: PAGE };
    contents.emit('will-navigate', reload);
    expect(reload.preventDefault).not.toHaveBeenCalled();

    expect(contents.windowOpenHandler?.({ url: 'https://evil.test/' })).toEqual({ action: 'deny' });

    const webview = preventable();
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalledOnce();
    await flush();
    expect(shell.openExternal).not.toHaveBeenCalled();
  });
});
