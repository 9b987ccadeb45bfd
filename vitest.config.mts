import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['app/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Renderer tests opt into jsdom with a `// @vitest-environment jsdom` comment at the top of the file.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    server: {
      // electron-store loaded normally bypasses vi.mock('electron') and tries to download Electron
      // (shared/reference/toolchain.md): inline it so the mock applies.
      deps: { inline: ['electron-store'] },
    },
  },
});
