/**
 * The `mailroom` command on the plain-Node host: the Node composition root over the data folder
 * (`conf` stores, passwords sealed with a passphrase). Started by `bin/mailroom.mjs`.
 */
import { join, resolve } from 'node:path';
import { createNodeHandlers } from '../../handlers/node/node-composition';
import { setLockProcessKind } from '../../campaigns/node/campaign-lock';
import { runCli } from './cli';
import type { CliHostFactory } from './cli-session';
import { processIo } from './process-io';
import { defaultDataDir } from '../../storage/node/data-dir';

/** The Node host: handlers over the data folder; campaigns left running are not resumed by a command. */
export const nodeHost: CliHostFactory = ({ dataDir }) => {
  // The browser host's folder (the CLI and `npm start` share accounts, lists and campaigns).
  const folder = resolve(dataDir ?? defaultDataDir());
  return {
    journalDir: join(folder, 'journals'),
    open: async (emit, log) => {
      let flush = () => undefined as void;
      const handlers = await createNodeHandlers({ dataDir: folder, emit, log, recoverCampaigns: false, onFlush: (f) => (flush = f) });
      return { handlers, flush: () => flush() };
    },
  };
};

/** Runs the command with the process's arguments and exits with its code. */
export async function main(): Promise<void> {
  // Everything the command writes (stores, journals, the lock) is the owner's only.
  if (process.platform !== 'win32') process.umask(0o077);
  setLockProcessKind('cli');
  const code = await runCli(process.argv.slice(2), processIo(), nodeHost);
  process.exit(code);
}
