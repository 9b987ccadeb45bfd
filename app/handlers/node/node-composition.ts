/** Wires the core's handlers for the plain-Node host: `conf` stores in a folder, secrets under a passphrase. */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Handlers } from '../../ipc/common/dispatch';
import type { ExportDeliverer } from '../../accounts/node/account-transfer';
import { createConfStore } from '../../storage/node/conf-store';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, secureDataDir } from '../../storage/node/data-dir';
import { createHandlers, STORE_NAMES } from './handlers';
import { systemClock, type Clock, type EventSink } from '../../storage/node/ports';
import { createPassphraseKeeper } from '../../secrets/node/secret-keeper';

/** The app version, read from package.json. */
export const APP_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/**
 * Saves exports into `<dir>` (0600, never over an existing file) and tells the passphrase through
 * `announce` — the terminal the host runs in, which the page cannot read.
 */
export function createFolderExportDeliverer(dir: string, announce: (text: string) => void, clock: Clock = systemClock): ExportDeliverer {
  return async (file) => {
    await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    const stamp = new Date(clock.now()).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    const write = async (n: number): Promise<string> => {
      const path = join(dir, `mailroom-accounts-${stamp}${n === 1 ? '' : `-${n}`}.mailroom`);
      try {
        await writeFile(path, file.content, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
        return path;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || n >= 100) throw error;
        return write(n + 1);
      }
    };
    const path = await write(1);
    announce(
      [
        '',
        `[export] ${file.count} account(s) exported to: ${path}`,
        '[export] The passphrase that opens this file (write it down: it is shown only here, once, and is needed to import it):',
        `[내보내기] 이 파일을 여는 암호입니다. 적어 두세요. 여기에서 한 번만 보여 주며, 가져올 때 필요합니다:`,
        '',
        `    ${file.passphrase}`,
        '',
      ].join('\n'),
    );
    return { saved: true, location: path, passphraseShownIn: 'terminal' };
  };
}

/**
 * Builds the handler table over stores in `dataDir`, made private to its owner first (folder 0700,
 * files 0600, including data an older build left looser). Secrets are encrypted with a passphrase: the
 * one given here (from MAILROOM_PASSPHRASE) unlocks them at once, otherwise the UI asks for it.
 */
export async function createNodeHandlers(options: {
  readonly dataDir: string;
  readonly passphrase?: string | undefined;
  readonly emit: EventSink;
  /** The Gmail API base URL (tests: a loopback fake); absent: Google's. */
  readonly gmailApiBase?: string;
  /** Where an export's passphrase is told (default: this process's standard output, the host's terminal). */
  readonly announce?: (text: string) => void;
  /** Time source (tests: a fake clock). */
  readonly clock?: Clock;
  /** Log sink; absent: stdout. The command line logs to stderr, keeping stdout for its output. */
  readonly log?: (line: string) => void;
  /** Whether campaigns left running are resumed at start (default true). */
  readonly recoverCampaigns?: boolean;
  /** How often (ms) a scheduled campaign's time is checked at most (tests with a clock they move: short). */
  readonly scheduleCheckMs?: number;
  /** Receives the function that writes pending state now (see HandlerDeps.onFlush). */
  readonly onFlush?: (flush: () => void) => void;
  /** Whether mailbox watchers run (see HandlerDeps.watchMailboxes; the hosts say true, the command line not). */
  readonly watchMailboxes?: boolean;
  /** Receives the function that stops the mailbox watchers (see HandlerDeps.onClose). */
  readonly onClose?: (close: () => Promise<void>) => void;
}): Promise<Handlers> {
  await secureDataDir(options.dataDir);
  const journalDir = join(options.dataDir, 'journals');
  await mkdir(journalDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const clock = options.clock ?? systemClock;
  const openStore = (name: string) => createConfStore(options.dataDir, name);
  const secrets = createPassphraseKeeper(openStore(STORE_NAMES.secrets), { clock });
  if (options.passphrase) await secrets.unlock(options.passphrase);
  return createHandlers({
    openStore,
    secrets,
    emit: options.emit,
    clock,
    host: 'web',
    version: APP_VERSION,
    journalDir,
    dataDir: options.dataDir,
    log: options.log ?? ((line) => console.log(line)),
    ...(options.recoverCampaigns === undefined ? {} : { recoverCampaigns: options.recoverCampaigns }),
    ...(options.scheduleCheckMs === undefined ? {} : { scheduleCheckMs: options.scheduleCheckMs }),
    ...(options.onFlush === undefined ? {} : { onFlush: options.onFlush }),
    ...(options.watchMailboxes === undefined ? {} : { watchMailboxes: options.watchMailboxes }),
    ...(options.onClose === undefined ? {} : { onClose: options.onClose }),
    // This host has no system-browser port of its own: it prints the authorization URL, and the page
    // shows it as a link (the `oauth:consent` event), so the user (or Playwright) opens it.
    openExternal: async (url) => {
      console.log(`[oauth] To connect the Google account, open this address in your browser:\n  ${url}`);
      return false;
    },
    deliverExport: createFolderExportDeliverer(
      join(options.dataDir, 'exports'),
      options.announce ?? ((text) => void process.stdout.write(`${text}\n`)),
      clock,
    ),
    ...(options.gmailApiBase === undefined ? {} : { gmailApiBase: options.gmailApiBase }),
  });
}
