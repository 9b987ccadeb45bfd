/**
 * The Node host's data folder for the command line. A stand-in with the rule of the coming
 * `app/storage/node/data-dir.ts` (`defaultDataDir()`); swap to it when it lands.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * MAILROOM_DATA_DIR when set; else on Linux `$XDG_DATA_HOME/mailroom` or `~/.local/share/mailroom`;
 * on macOS `~/Library/Application Support/mailroom`; on Windows `%APPDATA%\mailroom`.
 */
export function cliDataDir(env: Readonly<Record<string, string | undefined>> = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (env.MAILROOM_DATA_DIR) return resolve(env.MAILROOM_DATA_DIR);
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'mailroom');
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'mailroom');
    default:
      return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'mailroom');
  }
}
