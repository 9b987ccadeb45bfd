import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isRendererUrl, resolveRendererLocation } from './renderer-location';

const mainDir = join('/opt', 'Mailroom', 'resources', 'app.asar', 'out', 'main');
const builtPage = join('/opt', 'Mailroom', 'resources', 'app.asar', 'out', 'renderer', 'index.html');

describe('resolveRendererLocation', () => {
  it('uses the built page next to the main bundle', () => {
    expect(resolveRendererLocation({ mainDir, isPackaged: true, devServerUrl: undefined })).toEqual({ kind: 'file', path: builtPage });
  });

  it('uses the electron-vite dev server when unpackaged', () => {
    expect(resolveRendererLocation({ mainDir, isPackaged: false, devServerUrl: 'http://localhost:5173' })).toEqual({
      kind: 'dev-server',
      url: 'http://localhost:5173/',
    });
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app', () => {
    expect(resolveRendererLocation({ mainDir, isPackaged: true, devServerUrl: 'https://evil.test/' }).kind).toBe('file');
  });

  it.each(['', 'not a url', 'file:///tmp/evil.html', 'javascript:alert(1)'])('ignores a dev server URL of %j', (devServerUrl) => {
    expect(resolveRendererLocation({ mainDir, isPackaged: false, devServerUrl }).kind).toBe('file');
  });
});

describe('isRendererUrl', () => {
  const file = { kind: 'file', path: builtPage } as const;
  const page = pathToFileURL(builtPage).href;

  it('matches the built page, with or without query and hash', () => {
    expect(isRendererUrl(file, page)).toBe(true);
    expect(isRendererUrl(file, `${page}?a=1#/x`)).toBe(true);
  });

  it('matches a path with characters the URL encodes', () => {
    const spaced = { kind: 'file', path: join('/Users', 'Kim Ji-woo', '메일', 'index.html') } as const;
    expect(isRendererUrl(spaced, pathToFileURL(spaced.path).href)).toBe(true);
  });

  it.each([
    `${page}x`,
    page.replace('index.html', 'other.html'),
    page.replace('file:///', 'file://host/'),
    page.replace('file:', 'https:'),
    'about:blank',
    'garbage',
  ])('does not match %s', (url) => {
    expect(isRendererUrl(file, url)).toBe(false);
  });

  it('matches the dev server by origin', () => {
    const dev = { kind: 'dev-server', url: 'http://localhost:5173/' } as const;
    expect(isRendererUrl(dev, 'http://localhost:5173/src/whatever?x')).toBe(true);
    expect(isRendererUrl(dev, 'http://localhost:5173.evil.test/')).toBe(false);
    expect(isRendererUrl(dev, 'http://localhost:5174/')).toBe(false);
  });
});
