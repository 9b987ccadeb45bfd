import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * The CSP meta tag in renderer/index.html protects the built app (Electron loads it from file://, where
 * no response header applies). The dev server needs inline scripts for React Fast Refresh, and Electron
 * sends the dev policy as a header then, so the tag is dropped in `serve` mode only.
 */
function dropCspMetaInDev(): Plugin {
  return {
    name: 'mailroom:drop-csp-meta-in-dev',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/s, ''),
  };
}

export default defineConfig({
  main: {
    build: {
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'electron/main.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot load modules: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    build: {
      // electron-vite leaves the renderer unminified by default; minified, the first screen's scripts are a third the size.
      minify: true,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'renderer/index.html') },
        // Libraries every screen needs in chunks of their own, apart from the app's code (which changes
        // more often); libraries only a lazily loaded screen uses stay with that screen.
        output: {
          codeSplitting: {
            groups: [
              { name: 'vendor-react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
              { name: 'vendor-i18n', test: /[\\/]node_modules[\\/](i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/ },
            ],
          },
        },
      },
    },
    plugins: [react(), dropCspMetaInDev()],
  },
});
