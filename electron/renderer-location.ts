/**
 * Where the renderer page comes from, decided once: the window loads it from there and the IPC sender
 * check accepts only frames showing it.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { assertNever } from '../app/ipc/common/app-error';

/** The built page on disk, or the `electron-vite dev` server. */
export type RendererLocation =
  | {
      readonly kind: 'file';
      /** Absolute path of `out/renderer/index.html`. */
      readonly path: string;
    }
  | {
      readonly kind: 'dev-server';
      /** The dev server's URL, from `ELECTRON_RENDERER_URL`. */
      readonly url: string;
    };

/**
 * The built page next to the main bundle (`out/main/../renderer/index.html`), or, in an unpackaged run
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
  return { kind: 'file', path: join(mainDir, '..', 'renderer', 'index.html') };
}

/** Whether a frame's URL shows the app's own page (the query and hash are ignored). */
export function isRendererUrl(location: RendererLocation, frameUrl: string): boolean {
  const url = parseUrl(frameUrl);
  if (!url) return false;
  switch (location.kind) {
    case 'file': {
      const expected = pathToFileURL(location.path);
      return url.protocol === 'file:' && url.host === expected.host && url.pathname === expected.pathname;
    }
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
