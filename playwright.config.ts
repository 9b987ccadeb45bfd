import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './e2e/chromium';

/**
 * e2e against the loopback Node host in Debian's Chromium. Playwright's own browser download does not
 * work on these machines, so the system binary is used with the flags from DESIGN.md §6 (e2e/chromium.ts).
 */
export default defineConfig({
  testDir: 'e2e/specs',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Generous: these machines are shared, and a step that takes a second when quiet can take a minute.
  timeout: 240_000,
  expect: { timeout: 60_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: CHROMIUM_LAUNCH,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
