/**
 * `Mailroom --cli <command…>`: the app's own binary as the `mailroom` command, with no window, as editors
 * ship their `code` command. It reaches the passwords sealed by the OS keychain through `safeStorage`
 * (which only the Electron binary can use), over the same stores in userData as the window.
 */
import { join } from 'node:path';
import { runCli } from '../app/cli/node/cli';
import type { CliHostFactory, CliIo } from '../app/cli/node/cli-session';
import { processIo } from '../app/cli/node/process-io';
import { setLockProcessKind } from '../app/campaigns/node/campaign-lock';
import type { KeyValueStore } from '../app/storage/node/ports';
import { createElectronKeyValueStore } from './electron-store-adapter';
import { createElectronHandlers, type MailroomElectron } from './start-mailroom';

/** The command's arguments when the process was started with `--cli`, else undefined (start the window). */
export function cliArgsOf(argv: readonly string[]): string[] | undefined {
  const at = argv.indexOf('--cli');
  return at < 0 ? undefined : argv.slice(at + 1);
}

/** What `--cli` needs besides the Electron modules. */
export interface CliModeOptions {
  /** The command's arguments (after `--cli`). */
  readonly args: readonly string[];
  /** `process.platform`. */
  readonly platform: NodeJS.Platform;
  /** Opens a named store; electron-store files in userData unless a test hands in another. */
  readonly openStore?: (name: string) => KeyValueStore;
  /** Streams, environment and signals; absent: the process's own. */
  readonly io?: CliIo;
}

/**
 * Runs one command without a window or the single-instance lock (the app may be open: the campaign
 * lock keeps the two apart), then exits the app with the command's exit code.
 */
export async function runCliMode(electron: Pick<MailroomElectron, 'app' | 'safeStorage' | 'shell'>, options: CliModeOptions): Promise<number> {
  const { app, safeStorage, shell } = electron;
  const openStore = options.openStore ?? ((name: string) => createElectronKeyValueStore(name));
  setLockProcessKind('cli');
  app.dock?.hide();
  await app.whenReady();
  const host: CliHostFactory = () => ({
    journalDir: join(app.getPath('userData'), 'journals'),
    open: async (emit, log) => {
      let flush = () => undefined as void;
      const handlers = await createElectronHandlers({
        safeStorage,
        platform: options.platform,
        openStore,
        emit,
        version: app.getVersion(),
        journalDir: join(app.getPath('userData'), 'journals'),
        dataDir: app.getPath('userData'),
        log,
        shell,
        recoverCampaigns: false,
        onFlush: (f) => (flush = f),
      });
      return { handlers, flush: () => flush() };
    },
  });
  const code = await runCli(options.args, options.io ?? processIo(), host);
  app.exit(code);
  return code;
}
