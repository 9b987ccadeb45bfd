/** The command's streams, environment and signals from the process itself (both hosts use it). */
import type { CliIo } from './cli-session';

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
