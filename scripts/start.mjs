// `npm start`: the Electron app where its binary exists; otherwise the same app in a browser, served by
// the loopback Node host (app/host-web), opened in the default browser (`npm start -- --no-open` or
// MAILROOM_NO_OPEN=1 to only print the address; never in CI).
import { spawn } from 'node:child_process';
import { electronBinary, NO_ELECTRON } from './electron-binary.mjs';

const run = (command, args) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('exit', (code) => resolve(code ?? 1));
  });

const build = await run('npx', ['electron-vite', 'build']);
if (build !== 0) process.exit(build);

const electron = electronBinary();
if (electron) {
  process.exit(await run(electron, ['.']));
}
console.log(`${NO_ELECTRON}, so Mailroom starts in your browser instead, served on 127.0.0.1 by the Node host.`);
const open = process.argv.includes('--no-open') ? '--no-open' : '--open';
process.exit(await run('npx', ['tsx', 'app/host-web/node/serve.ts', open]));
