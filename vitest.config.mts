import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['app/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Compiles the programs the tests spawn (the mailroom binary, serve.ts, …) once per run, so no spawn goes through tsx.
    globalSetup: ['app/test-support/compiled-entries.ts'],
    // Renderer tests opt into jsdom with a `// @vitest-environment jsdom` comment at the top of the file.
    // Generous: the machines are shared; a test that takes a second when quiet can take a minute.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    server: {
      // electron-store loaded normally bypasses vi.mock('electron') and tries to download Electron
      // (shared/reference/toolchain.md): inline it so the mock applies.
      deps: { inline: ['electron-store'] },
    },
  },
});
