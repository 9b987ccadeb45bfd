/** Opens a URL in the user's default browser: `xdg-open` (Linux and other Unix), `open` (macOS), `start` (Windows). */
import { spawn } from 'node:child_process';

/** The command and arguments that open `url` on `platform`. */
export function browserCommand(url: string, platform: NodeJS.Platform): { readonly command: string; readonly args: readonly string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` is a cmd built-in; its first quoted argument is a window title, hence the empty one.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  return { command: 'xdg-open', args: [url] };
}

/** Whether the environment says not to open a browser: `--no-open`, MAILROOM_NO_OPEN=1, CI, or a test run. */
export function mustNotOpen(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): boolean {
  const set = (name: string) => env[name] !== undefined && env[name] !== '' && env[name] !== '0' && env[name] !== 'false';
  return argv.includes('--no-open') || set('MAILROOM_NO_OPEN') || set('CI') || set('VITEST') || set('PLAYWRIGHT_TEST_BASE_URL');
}

/** Starts the browser; resolves false (never throws) when it could not be started. */
export function openInBrowser(url: string, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  const { command, args } = browserCommand(url, platform);
  return new Promise((resolve) => {
    try {
      const child = spawn(command, [...args], { stdio: 'ignore', detached: true, windowsVerbatimArguments: platform === 'win32' });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
