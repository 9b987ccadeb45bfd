/**
 * Spawns the real `mailroom` binary (bin/mailroom.mjs) on a data folder, for the command-line tests: the
 * copy vitest's globalSetup compiled for this run (compiled-entries.ts), else the sources through tsx.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { nodeArgsFor } from './spawn-entry';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** How a run of the binary ended. */
export interface MailroomRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Where and how to run it: the data folder and passphrase, standard input, extra environment (English unless set), and the child once started (to signal it). */
export interface MailroomSpawn {
  readonly dataDir: string;
  readonly passphrase: string;
  readonly input?: string;
  readonly env?: Record<string, string | undefined>;
  readonly onStart?: (child: ChildProcess) => void;
  /** Which copy to run (node's arguments before the command's); default the one `nodeArgsFor` picks. */
  readonly nodeArgs?: readonly string[];
}

/** Runs `mailroom args…` to its end. */
export function spawnMailroom(args: readonly string[], options: MailroomSpawn): Promise<MailroomRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? nodeArgsFor('bin/mailroom.mjs')), ...args], {
      cwd: ROOT,
      env: { ...process.env, MAILROOM_DATA_DIR: options.dataDir, MAILROOM_PASSPHRASE: options.passphrase, LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
    options.onStart?.(child);
  });
}
