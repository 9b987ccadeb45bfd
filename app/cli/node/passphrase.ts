/**
 * Where the command line gets the passphrase of the saved passwords: the MAILROOM_PASSPHRASE variable,
 * a file descriptor (`--passphrase-fd 3`, as gpg does), or a prompt on the terminal without echo.
 * Never from an argument: arguments are visible to every user in `ps` and kept in shell history.
 */
import { readFileSync } from 'node:fs';

/** What reading the passphrase needs. */
export interface PassphraseSources {
  /** The environment. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `--passphrase-fd`, when given. */
  readonly fd?: number | undefined;
  /** The terminal to prompt on, when stdin is one. */
  readonly tty?: TerminalIn | undefined;
  /** Where the prompt is written (stderr). */
  readonly promptTo: { write(text: string): unknown };
  /** The prompt's words. */
  readonly prompt: string;
}

/** The parts of a TTY stdin the prompt uses. */
export interface TerminalIn {
  /** Whether it is a terminal. */
  readonly isTTY?: boolean;
  /** Turns echo and line editing off or on. */
  setRawMode(mode: boolean): unknown;
  /** Listens for typed data. */
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  /** Stops listening. */
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  /** Starts the flow of data. */
  resume(): unknown;
  /** Stops it. */
  pause(): unknown;
}

/** The passphrase, or undefined when no source gives one. The first line of an fd is used. */
export async function readPassphrase(sources: PassphraseSources): Promise<string | undefined> {
  if (sources.fd !== undefined) return firstLine(readFileSync(sources.fd, 'utf8'));
  const fromEnv = sources.env.MAILROOM_PASSPHRASE;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (sources.tty?.isTTY) return promptHidden(sources.tty, sources.promptTo, sources.prompt);
  return undefined;
}

function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0] ?? '';
}

/** Reads one line in raw mode, echoing nothing; Ctrl-C rejects, Backspace deletes. */
export function promptHidden(tty: TerminalIn, out: { write(text: string): unknown }, prompt: string): Promise<string> {
  out.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: Error) => {
      tty.off('data', onData);
      tty.setRawMode(false);
      tty.pause();
      out.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString()) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new Error('interrupted'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else if (char >= ' ') typed += char;
      }
    };
    tty.setRawMode(true);
    tty.on('data', onData);
    tty.resume();
  });
}
