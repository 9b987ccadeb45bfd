/**
 * `npm run web` and the browser fallback of `npm start`: starts the loopback host over the built
 * renderer and prints the URL to open (`--open`: also opens it in the default browser, unless
 * `--no-open`, MAILROOM_NO_OPEN=1 or CI). Data lives in the user's data folder (`defaultDataDir`;
 * MAILROOM_DATA_DIR wins). MAILROOM_PASSPHRASE unlocks the saved passwords at start (without it, the
 * page asks). MAILROOM_PORT fixes the port; otherwise the last one is reused when free.
 * MAILROOM_STATIC_DIR serves another renderer build (tests).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../ipc/common/app-error';
import { createNodeHandlers } from '../../handlers/node/node-composition';
import { defaultDataDir, secureDataDir } from '../../storage/node/data-dir';
import { mustNotOpen, openInBrowser } from './open-browser';
import { rememberedPort, rememberPort } from './port-memory';
import { startWebHost } from './web-host';

// Everything this process creates (stores, journals, exports) is readable by its owner only.
if (process.platform !== 'win32') process.umask(0o077);

const root = resolve(import.meta.dirname, '../../..');
const staticDir = resolve(process.env.MAILROOM_STATIC_DIR ?? resolve(root, 'out/renderer'));
if (!existsSync(resolve(staticDir, 'index.html'))) {
  console.error('The renderer is not built yet: run `npm run build` first (or use `npm run web`, which builds it).');
  process.exit(1);
}
const dataDir = resolve(defaultDataDir());
const oldDataDir = resolve(root, '.mailroom-web');
if (process.env.MAILROOM_DATA_DIR === undefined && !existsSync(dataDir) && existsSync(oldDataDir)) {
  console.log(`Note: earlier versions kept data in ${oldDataDir}. To keep using it, move that folder to ${dataDir} (or start with MAILROOM_DATA_DIR=${oldDataDir}).`);
}
// Without MAILROOM_PASSPHRASE the page asks for the passphrase before passwords can be saved or used.
const passphrase = process.env.MAILROOM_PASSPHRASE;
const fixedPort = process.env.MAILROOM_PORT === undefined || process.env.MAILROOM_PORT === '' ? undefined : Number(process.env.MAILROOM_PORT);

/** One sentence for a start-up failure the user can fix; undefined for anything else. */
function startFailure(error: unknown): string | undefined {
  if (error instanceof AppError && error.code === 'secret-unavailable') {
    if (/^Too many/.test(error.message)) return `MAILROOM_PASSPHRASE was refused: ${error.message}`;
    return `MAILROOM_PASSPHRASE is not the passphrase the saved passwords in ${dataDir} were saved with: start again with the right one, or without MAILROOM_PASSPHRASE to type it in the page.`;
  }
  if (error instanceof AppError && error.code === 'invalid-input' && error.message.startsWith('passphrase:')) {
    return 'MAILROOM_PASSPHRASE is too short: a Mailroom passphrase has at least 8 characters.';
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return `Port ${fixedPort} is already in use: choose another MAILROOM_PORT, or leave it unset to use any free port.`;
  if (code === 'EACCES' || code === 'EPERM') return `Mailroom cannot use its data folder ${dataDir} (permission denied): set MAILROOM_DATA_DIR to a folder you own.`;
  return undefined;
}

let stopWatching: () => Promise<void> = async () => undefined;
try {
  if (fixedPort !== undefined && !(Number.isInteger(fixedPort) && fixedPort >= 0 && fixedPort <= 65535)) {
    throw new AppError('invalid-input', 'port');
  }
  await secureDataDir(dataDir);
  const remembered = fixedPort === undefined ? await rememberedPort(dataDir) : undefined;
  const host = await startWebHost({
    staticDir,
    port: fixedPort ?? remembered ?? 0,
    anyPortIfTaken: fixedPort === undefined,
    createHandlers: (emit) => createNodeHandlers({ dataDir, passphrase, emit, watchMailboxes: true, onClose: (close) => (stopWatching = close) }),
    log: (line) => console.log(line),
  });
  await rememberPort(dataDir, Number(new URL(host.origin).port));
  console.log(`Mailroom is running on this computer. Open this address in your browser:\n\n  ${host.url}\n`);
  console.log(`Data folder: ${dataDir}. Press Ctrl+C to stop.`);
  if (process.argv.includes('--open') && !mustNotOpen(process.argv, process.env)) {
    if (!(await openInBrowser(host.url))) console.log('Could not open a browser by itself: open the address above.');
  }
  const stop = () => void Promise.all([host.close(), stopWatching()]).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  const sentence = error instanceof AppError && error.message === 'port' ? 'MAILROOM_PORT must be a port number between 0 and 65535.' : startFailure(error);
  console.error(sentence ?? `Mailroom could not start: ${error instanceof Error ? error.name : 'unknown error'}.`);
  process.exit(1);
}
