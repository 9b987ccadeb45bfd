/** The Electron main-process entry (built to `out/main/index.mjs`): starts Mailroom with the real modules. */
import { fileURLToPath } from 'node:url';
import electron from 'electron';
import { startMailroom } from './start-mailroom';
import { cliArgsOf, runCliMode } from './cli-mode';

// Everything Mailroom and Chromium create from here on (stores, journals, exports) is the owner's only.
if (process.platform !== 'win32') process.umask(0o077);

// `Mailroom --cli …`: the mailroom command over the keychain-sealed secrets, no window.
const cliArgs = cliArgsOf(process.argv);
if (cliArgs) {
  void runCliMode(electron, { args: cliArgs, platform: process.platform });
} else {
  void startMailroom(electron, {
    platform: process.platform,
    devServerUrl: process.env['ELECTRON_RENDERER_URL'],
    // This file is the bundle's entry, so its folder is `out/main` (ESM: no `__dirname`).
    mainDir: fileURLToPath(new URL('.', import.meta.url)),
    log: (line) => console.error(line),
  });
}
