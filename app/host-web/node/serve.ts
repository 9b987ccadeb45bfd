/**
 * `npm run web`: starts the loopback host over the built renderer and prints the URL to open.
 * MAILROOM_DATA_DIR picks the data folder (default: ./.mailroom-web); MAILROOM_PASSPHRASE unlocks the
 * saved passwords at start (without it, the page asks for the passphrase).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createNodeHandlers } from '../../handlers/node/node-composition';
import { startWebHost } from './web-host';

const root = resolve(import.meta.dirname, '../../..');
const staticDir = resolve(root, 'out/renderer');
if (!existsSync(resolve(staticDir, 'index.html'))) {
  console.error('The renderer is not built yet: run `npm run build` first (or use `npm run web`, which builds it).');
  process.exit(1);
}
const dataDir = resolve(process.env.MAILROOM_DATA_DIR ?? resolve(root, '.mailroom-web'));
// Without MAILROOM_PASSPHRASE the page asks for the passphrase before passwords can be saved or used.
const passphrase = process.env.MAILROOM_PASSPHRASE;

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
