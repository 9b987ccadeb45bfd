/**
 * The `mailroom` command on the plain-Node host: the Node composition root over the data folder
 * (`conf` stores, passwords sealed with a passphrase). Started by `bin/mailroom.mjs`.
 */
import { join } from 'node:path';
import { createNodeHandlers } from '../../handlers/node/node-composition';
import { setLockProcessKind } from '../../campaigns/node/campaign-lock';
import { runCli } from './cli';
import type { CliHostFactory, CliIo } from './cli-session';
import { cliDataDir } from './data-dir';

/** The process's own streams, environment and signals. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin.isTTY ? process.stdin : undefined,
    env: process.env,
    // While the command follows a campaign, Ctrl-C is the follower's alone: conf's exit hook (when-exit)
    // answers a signal by raising it again, which would read as a second Ctrl-C. Its `exit` hook still runs.
    onInterrupt: (listener) => {
      const signals = ['SIGINT', 'SIGTERM'] as const;
      const others = signals.map((signal) => [signal, process.rawListeners(signal) as Array<(...args: unknown[]) => void>] as const);
      for (const signal of signals) {
        process.removeAllListeners(signal);
        process.on(signal, listener);
      }
      return () => {
        for (const [signal, listeners] of others) {
          process.off(signal, listener);
          for (const other of listeners) process.on(signal, other);
        }
      };
    },
  };
}

/** The Node host: handlers over the data folder; campaigns left running are not resumed by a command. */
export const nodeHost: CliHostFactory = ({ dataDir }) => {
  const folder = dataDir ?? cliDataDir();
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
  setLockProcessKind('cli');
  const code = await runCli(process.argv.slice(2), processIo(), nodeHost);
  process.exit(code);
}
