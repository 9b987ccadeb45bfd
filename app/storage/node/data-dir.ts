/**
 * Where Mailroom keeps its data outside Electron (the browser host, the CLI): the user's own data
 * folder, never the checkout. Electron keeps its own `userData` folder and does not read this one.
 */
import { chmod, mkdir, readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** What `defaultDataDir` reads; tests pass their own. */
export interface DataDirEnvironment {
  /** Environment variables (MAILROOM_DATA_DIR, XDG_DATA_HOME, APPDATA). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `process.platform`. */
  readonly platform: NodeJS.Platform;
  /** The user's home folder. */
  readonly home: string;
}

/**
 * The data folder: MAILROOM_DATA_DIR when set; else Linux (and other Unix) `$XDG_DATA_HOME/mailroom`
 * or `~/.local/share/mailroom`; macOS `~/Library/Application Support/Mailroom-web`; Windows
 * `%APPDATA%\Mailroom-web`. The `-web` folders stay apart from the Electron app's own `Mailroom`
 * folder, whose passwords are locked by the OS keychain rather than a passphrase.
 */
export function defaultDataDir(
  environment: DataDirEnvironment = { env: process.env, platform: process.platform, home: homedir() },
): string {
  const { env, platform, home } = environment;
  const given = env.MAILROOM_DATA_DIR;
  if (given !== undefined && given !== '') return given;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Mailroom-web');
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'Mailroom-web');
  const xdg = env.XDG_DATA_HOME;
  // The XDG spec: a relative XDG_DATA_HOME is invalid and must be ignored.
  return join(xdg !== undefined && xdg.startsWith('/') ? xdg : join(home, '.local', 'share'), 'mailroom');
}

/** Folder mode: the owner only. */
export const PRIVATE_DIR_MODE = 0o700;
/** File mode: the owner only, read and write. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates the data folder if needed and makes it and everything already in it private to its owner
 * (folders 0700, files 0600): data written by an older Mailroom, or by a process with a looser umask.
 * No-op for modes on Windows, where POSIX modes do not apply.
 */
export async function secureDataDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (process.platform === 'win32') return;
  const walk = async (folder: string): Promise<void> => {
    await chmod(folder, PRIVATE_DIR_MODE);
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) await chmod(path, PRIVATE_FILE_MODE);
    }
  };
  await walk(dir);
}
