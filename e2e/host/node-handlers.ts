/** Wires the core's handlers for the plain-Node host: `conf` stores in a folder and the passphrase cipher. */
import { readFileSync } from 'node:fs';
import type { Handlers } from '../../app/core/dispatch';
import { createAccountStore } from '../../app/services/account-store';
import { createConfStore } from '../../app/services/conf-store';
import { createHandlers } from '../../app/services/handlers';
import { createPassphraseCipher } from '../../app/services/passphrase-cipher';
import { systemClock, type EventSink } from '../../app/services/ports';

/** The app version, read from package.json. */
export const APP_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Builds the handler table over stores in `dataDir`, with secrets encrypted by `passphrase`. */
export function createNodeHandlers(options: { readonly dataDir: string; readonly passphrase: string; readonly emit: EventSink }): Handlers {
  const cipher = createPassphraseCipher(options.passphrase);
  return createHandlers({
    accounts: createAccountStore({
      records: createConfStore(options.dataDir, 'accounts'),
      secrets: createConfStore(options.dataDir, 'secrets'),
      cipher,
      clock: systemClock,
    }),
    preferences: createConfStore(options.dataDir, 'preferences'),
    emit: options.emit,
    clock: systemClock,
    host: 'web',
    version: APP_VERSION,
    secretProtection: cipher.protection,
  });
}
