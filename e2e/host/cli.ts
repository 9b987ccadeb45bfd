/**
 * `npm run web`: starts the loopback host over the built renderer and prints the URL to open.
 * MAILROOM_DATA_DIR picks the data folder (default: ./.mailroom-web); MAILROOM_PASSPHRASE encrypts
 * saved passwords (without it a random one is used and saved passwords are unreadable next time).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createNodeHandlers } from './node-handlers';
import { startWebHost } from './web-host';

const root = resolve(import.meta.dirname, '../..');
const staticDir = resolve(root, 'out/renderer');
if (!existsSync(resolve(staticDir, 'index.html'))) {
  console.error('The renderer is not built yet: run `npm run build` first (or use `npm run web`, which builds it).');
  process.exit(1);
}
const dataDir = resolve(process.env.MAILROOM_DATA_DIR ?? resolve(root, '.mailroom-web'));
let passphrase = process.env.MAILROOM_PASSPHRASE ?? '';
if (passphrase === '') {
  passphrase = randomBytes(24).toString('base64url');
  console.warn('MAILROOM_PASSPHRASE is not set: saved passwords are encrypted with a key that lasts only until this host stops.');
}

const host = await startWebHost({
  staticDir,
  port: Number(process.env.MAILROOM_PORT ?? 0),
  createHandlers: (emit) => createNodeHandlers({ dataDir, passphrase, emit }),
  log: (line) => console.log(line),
});
console.log(`Mailroom is running on the loopback host. Open this URL in a browser:\n\n  ${host.url}\n`);
console.log(`Data folder: ${dataDir}. Press Ctrl+C to stop.`);
const stop = () => void host.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
