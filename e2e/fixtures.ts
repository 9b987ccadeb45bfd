/**
 * Playwright fixtures: a fresh loopback host per test (its own data folder, real handlers, real stores,
 * real nodemailer) over the built renderer, and a self-signed certificate for the fake SMTP servers.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base } from '@playwright/test';
import { createTestCertificate, type TestCertificate } from './fakes/test-certificate';
import { createNodeHandlers } from '../app/handlers/node/node-composition';
import { startWebHost, type WebHost } from '../app/host-web/node/web-host';

/** The fixtures the specs use. */
export interface MailroomFixtures {
  /** The running host, with its URL. */
  readonly host: WebHost;
  /** A certificate for 127.0.0.1; its PEM is what the test account trusts. */
  readonly certificate: TestCertificate;
}

export const test = base.extend<MailroomFixtures>({
  host: async ({}, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'mailroom-e2e-'));
    const host = await startWebHost({
      // MAILROOM_RENDERER_DIR: a renderer built elsewhere (`electron-vite build --outDir …`), so a
      // test run need not rebuild the shared `out/` others may be using.
      staticDir: process.env.MAILROOM_RENDERER_DIR ?? resolve(import.meta.dirname, '../out/renderer'),
      createHandlers: (emit) => createNodeHandlers({ dataDir, passphrase: 'e2e-passphrase-not-secret', emit }),
    });
    await use(host);
    await host.close();
    await rm(dataDir, { recursive: true, force: true });
  },
  certificate: async ({}, use) => {
    await use(await createTestCertificate());
  },
});

export { expect } from '@playwright/test';
