/** Wires the core's handlers for the plain-Node host: `conf` stores in a folder, secrets under a passphrase. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Handlers } from '../../ipc/common/dispatch';
import { createConfStore } from '../../storage/node/conf-store';
import { createHandlers, STORE_NAMES } from './handlers';
import { systemClock, type EventSink } from '../../storage/node/ports';
import { createPassphraseKeeper } from '../../secrets/node/secret-keeper';

/** The app version, read from package.json. */
export const APP_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/**
 * Builds the handler table over stores in `dataDir`. Secrets are encrypted with a passphrase: the one
 * given here (from MAILROOM_PASSPHRASE) unlocks them at once, otherwise the UI asks for it.
 */
export async function createNodeHandlers(options: {
  readonly dataDir: string;
  readonly passphrase?: string | undefined;
  readonly emit: EventSink;
  /** The Gmail API base URL (tests: a loopback fake); absent: Google's. */
  readonly gmailApiBase?: string;
}): Promise<Handlers> {
  const openStore = (name: string) => createConfStore(options.dataDir, name);
  const secrets = createPassphraseKeeper(openStore(STORE_NAMES.secrets));
  if (options.passphrase) await secrets.unlock(options.passphrase);
  return createHandlers({
    openStore,
    secrets,
    emit: options.emit,
    clock: systemClock,
    host: 'web',
    version: APP_VERSION,
    journalDir: join(options.dataDir, 'journals'),
    dataDir: options.dataDir,
    log: (line) => console.log(line),
    // This host has no system-browser port of its own: it prints the authorization URL, and the page
    // shows it as a link (the `oauth:consent` event), so the user (or Playwright) opens it.
    openExternal: async (url) => {
      console.log(`[oauth] To connect the Google account, open this address in your browser:\n  ${url}`);
      return false;
    },
    ...(options.gmailApiBase === undefined ? {} : { gmailApiBase: options.gmailApiBase }),
  });
}
