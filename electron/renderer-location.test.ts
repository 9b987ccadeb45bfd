import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRendererUrl, resolveRendererLocation } from './renderer-location';

const mainDir = join('/opt', 'Mailroom', 'resources', 'app.asar', 'out', 'main');
const builtRoot = join('/opt', 'Mailroom', 'resources', 'app.asar', 'out', 'renderer');
const builtPage = join(builtRoot, 'index.html');

describe('resolveRendererLocation', () => {
  it('uses the built page next to the main bundle', () => {
    expect(resolveRendererLocation({ mainDir, isPackaged: true, devServerUrl: undefined })).toEqual({ kind: 'app', root: builtRoot, url: 'app://mailroom/index.html' });
  });

  it('uses the electron-vite dev server when unpackaged', () => {
    expect(resolveRendererLocation({ mainDir, isPackaged: false, devServerUrl: 'http://localhost:5173' })).toEqual({
      kind: 'dev-server',
      url: 'http://localhost:5173/',
    });
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app', () => {
    expect(resolveRendererLocation({ mainDir, isPackaged: true, devServerUrl: 'https://evil.test/' }).kind).toBe('app');
  });

  it.each(['', 'not a url', 'file:///tmp/evil.html', 'javascript:alert(1)'])('ignores a dev server URL of %j', (devServerUrl) => {
    expect(resolveRendererLocation({ mainDir, isPackaged: false, devServerUrl }).kind).toBe('app');
  });
});

describe('isRendererUrl', () => {
  const app = { kind: 'app', root: builtRoot, url: 'app://mailroom/index.html' } as const;
  const page = 'app://mailroom/index.html';

  it('matches the built page, with or without query and hash', () => {
    expect(isRendererUrl(app, page)).toBe(true);
    expect(isRendererUrl(app, `${page}?a=1#/x`)).toBe(true);
  });

  it.each([
    `${page}x`,
    'app://mailroom/other.html',
    'app://evil/index.html',
    'app://mailroom.evil/index.html',
    `file://${builtPage}`,
    'https://mailroom/index.html',
    'about:blank',
    'garbage',
  ])('does not match %s', (url) => {
    expect(isRendererUrl(app, url)).toBe(false);
  });

  it('matches the dev server by origin', () => {
    const dev = { kind: 'dev-server', url: 'http://localhost:5173/' } as const;
    expect(isRendererUrl(dev, 'http://localhost:5173/src/whatever?x')).toBe(true);
    expect(isRendererUrl(dev, 'http://localhost:5173.evil.test/')).toBe(false);
    expect(isRendererUrl(dev, 'http://localhost:5174/')).toBe(false);
  });
});
