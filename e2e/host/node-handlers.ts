/** Wires the core's handlers for the plain-Node host: `conf` stores in a folder, secrets under a passphrase. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Handlers } from '../../app/core/dispatch';
import { createConfStore } from '../../app/services/conf-store';
import { createHandlers, STORE_NAMES } from '../../app/services/handlers';
import { systemClock, type EventSink } from '../../app/services/ports';
import { createPassphraseKeeper } from '../../app/services/secret-keeper';

/** The app version, read from package.json. */
export const APP_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/**
 * Builds the handler table over stores in `dataDir`. Secrets are encrypted with a passphrase: the one
 * given here (from MAILROOM_PASSPHRASE) unlocks them at once, otherwise the UI asks for it.
 */
export async function createNodeHandlers(options: { readonly dataDir: string; readonly passphrase?: string | undefined; readonly emit: EventSink }): Promise<Handlers> {
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
    log: (line) => console.log(line),
  });
}
