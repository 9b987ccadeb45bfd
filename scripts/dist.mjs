// `npm run dist`: build, then package with electron-builder. Packaging needs the Electron binary, which
// cannot be downloaded on every machine: say so in one sentence and stop, rather than let electron-builder
// fail after a long network timeout with a stack trace.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { electronBinary, NO_ELECTRON } from './electron-binary.mjs';

/** Runs a command with the terminal attached; resolves with its exit code. */
const run = (command, args) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', (error) => {
      console.error(`Cannot run ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });

// Electron's download and rebuild tools (@electron/get, @electron/rebuild, node-abi) declare Node 22.12+;
// running and testing Mailroom needs only what package.json's engines say.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`Cannot package: Electron's packaging tools need Node.js 22.12 or newer (this is ${process.versions.node}).`);
  process.exit(1);
}

if (electronBinary() === null) {
  const reason = NO_ELECTRON.charAt(0).toLowerCase() + NO_ELECTRON.slice(1);
  console.error(`Cannot package: ${reason}; run \`npm run dist\` where Electron can be downloaded.`);
  process.exit(1);
}

// better-sqlite3 is rebuilt against Electron's ABI while packaging (electron-builder's npmRebuild), which
// needs Electron's headers: from the node-gyp cache, or downloaded from electronjs.org.
const electronVersion = JSON.parse(readFileSync(new URL('../node_modules/electron/package.json', import.meta.url), 'utf8')).version;
const HEADERS = 'https://www.electronjs.org/headers';
if (!existsSync(join(homedir(), '.electron-gyp', electronVersion))) {
  const url = `${HEADERS}/v${electronVersion}/node-v${electronVersion}-headers.tar.gz`;
  const problem = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(15_000) })
    .then((response) => (response.ok ? undefined : `the server answered ${response.status}`))
    .catch((error) => (error instanceof Error ? error.message : String(error)));
  if (problem !== undefined) {
    console.error(
      `Cannot package: the database module (better-sqlite3) must be rebuilt against Electron ${electronVersion}, and Electron's headers could not be fetched from ${url} (${problem}); run \`npm run dist\` where they can be downloaded.`,
    );
    process.exit(1);
  }
}

const built = await run('npx', ['electron-vite', 'build']);
if (built !== 0) process.exit(built);
process.exit(await run('npx', ['electron-builder', '--config', 'electron-builder.yml', ...process.argv.slice(2)]));
