// `npm test`: every check and every test, then one line `N passed, N failed` summing all runners.
// Installs Debian's Chromium for the browser tests when it is missing and we are root on Debian.
// Installs Debian's Dovecot (dovecot-imapd) for the mailbox watcher's IMAP tests the same way.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { electronBinary, NO_ELECTRON } from './electron-binary.mjs';

const artifacts = '.artifacts';
mkdirSync(artifacts, { recursive: true });
const chromium = process.env.MAILROOM_CHROMIUM ?? '/usr/bin/chromium';

function step(title, command, args, env = {}) {
  console.log(`\n=== ${title}: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function ensureChromium() {
  if (existsSync(chromium)) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(`Chromium is missing at ${chromium}: installing Debian's chromium package.`);
    step('apt-get update', 'apt-get', ['update', '-qq']);
    step('apt-get install chromium', 'apt-get', ['install', '-y', '-qq', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' });
    if (existsSync(chromium)) return true;
  }
  console.error(
    `Chromium is not installed at ${chromium}. Install it (Debian/Ubuntu: sudo apt-get install chromium) ` +
      'or set MAILROOM_CHROMIUM to a Chromium or Chrome executable, then run npm test again.',
  );
  return false;
}

const dovecot = process.env.MAILROOM_DOVECOT ?? '/usr/sbin/dovecot';

function ensureDovecot() {
  if (existsSync(dovecot)) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(`Dovecot is missing at ${dovecot}: installing Debian's dovecot-imapd package (the tests start their own throwaway server; no system service is used).`);
    step('apt-get update', 'apt-get', ['update', '-qq']);
    step('apt-get install dovecot-imapd', 'apt-get', ['install', '-y', '-qq', 'dovecot-imapd'], { DEBIAN_FRONTEND: 'noninteractive' });
    if (existsSync(dovecot)) return true;
  }
  console.error(
    `Dovecot is not installed at ${dovecot}: the mailbox watcher's IMAP tests will be skipped (they print why). ` +
      'Install it (Debian/Ubuntu: sudo apt-get install dovecot-imapd) or set MAILROOM_DOVECOT to a dovecot binary.',
  );
  return false;
}

const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);
let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];

for (const [title, script] of [
  ['typecheck', 'typecheck'],
  ['lint', 'lint'],
  ['build', 'build'],
  // After the build: it also scans the built page.
  ['Electron security review (electronegativity)', 'security:electron'],
]) {
  if (step(title, 'npm', ['run', '--silent', script]) !== 0) problems.push(`${title} failed`);
}

// Unit and integration tests (vitest). The IMAP tests need Dovecot.
if (!ensureDovecot()) problems.push('Dovecot missing');
const vitestJson = `${artifacts}/vitest.json`;
rmSync(vitestJson, { force: true });
const vitestStatus = step('unit and integration tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const vitest = readJson(vitestJson);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + vitest.numTodoTests;
}
if (vitestStatus !== 0) problems.push('vitest failed');
if (!vitest) failed += 1;

// Browser tests (Playwright in Debian's Chromium against the loopback host).
if (!electronBinary()) console.log(`\nThe Electron e2e spec is skipped: ${NO_ELECTRON}.`);
if (ensureChromium()) {
  const playwrightJson = `${artifacts}/playwright.json`;
  rmSync(playwrightJson, { force: true });
  const status = step('browser tests', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson });
  const report = readJson(playwrightJson);
  if (report) {
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected;
    skipped += report.stats.skipped;
  }
  if (status !== 0) problems.push('playwright failed');
  if (!report) failed += 1;
} else {
  problems.push('Chromium missing');
  failed += 1;
}

console.log('');
if (problems.length > 0) console.log(`Problems: ${problems.join('; ')}.`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(problems.length > 0 || failed > 0 ? 1 : 0);
