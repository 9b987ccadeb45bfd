/**
 * Where the renderer page comes from, decided once: the window loads it from there and the IPC sender
 * check accepts only frames showing it.
 */
import { join } from 'node:path';
import { assertNever } from '../app/ipc/common/app-error';
import { APP_HOST, APP_PAGE_URL, APP_SCHEME } from './app-protocol';

/** The built page, served from `app://mailroom/` (see app-protocol.ts), or the `electron-vite dev` server. */
export type RendererLocation =
  | {
      readonly kind: 'app';
      /** Absolute path of the built renderer folder (`out/renderer`), the only folder the scheme serves. */
      readonly root: string;
      /** The page's URL, `app://mailroom/index.html`. */
      readonly url: string;
    }
  | {
      readonly kind: 'dev-server';
      /** The dev server's URL, from `ELECTRON_RENDERER_URL`. */
      readonly url: string;
    };

/**
 * The built page next to the main bundle (`out/main/../renderer/`, served as `app://mailroom/`), or, in an unpackaged run
 * where electron-vite set `ELECTRON_RENDERER_URL` to an http(s) URL, its dev server. A packaged app
 * ignores the variable, so nobody can point it at another page through the environment.
 */
export function resolveRendererLocation(options: {
  /** The folder of the main bundle (`out/main`). */
  readonly mainDir: string;
  /** `app.isPackaged`. */
  readonly isPackaged: boolean;
  /** `process.env.ELECTRON_RENDERER_URL`. */
  readonly devServerUrl: string | undefined;
}): RendererLocation {
  const { mainDir, isPackaged, devServerUrl } = options;
  if (!isPackaged && devServerUrl !== undefined && devServerUrl !== '') {
    const url = parseUrl(devServerUrl);
    if (url && (url.protocol === 'http:' || url.protocol === 'https:')) return { kind: 'dev-server', url: url.href };
  }
  return { kind: 'app', root: join(mainDir, '..', 'renderer'), url: APP_PAGE_URL };
}

/** Whether a frame's URL shows the app's own page (the query and hash are ignored). */
export function isRendererUrl(location: RendererLocation, frameUrl: string): boolean {
  const url = parseUrl(frameUrl);
  if (!url) return false;
  switch (location.kind) {
    case 'app':
      return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.pathname === '/index.html';
    case 'dev-server':
      return url.origin === new URL(location.url).origin;
    default:
      return assertNever(location);
  }
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
