// `npm run security:electron` (and a step of `npm test`): Doyensec's Electronegativity over the code that
// runs in Electron's main process and the built page. Fails on a HIGH or MEDIUM finding that is not
// triaged, with its reason, in electronegativity-triage.json; prints every finding either way.
// The check that downloads Electron's release list (AvailableSecurityFixesGlobalCheck) is left out:
// these machines have no network, and the pinned Electron is the current 45.x release.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');
const electronVersion = require('electron/package.json').version;
const triage = JSON.parse(readFileSync(new URL('../electronegativity-triage.json', import.meta.url), 'utf8')).findings;

/**
 * What is scanned: the Electron adapters, the app core they load, and the built page (after a build),
 * copied without tests and test doubles into one folder, so the global checks (navigation limits,
 * permission handler, CSP) see the whole app at once.
 */
const sources = ['electron', 'app', 'out/renderer'].filter((input) => existsSync(input));
const isTestCode = (file) => /(\.test\.tsx?$)|(^|\/)test-support(\/|$)/.test(file);
const scanDir = mkdtempSync(join(tmpdir(), 'mailroom-electronegativity-'));
for (const source of sources) cpSync(source, join(scanDir, source), { recursive: true, filter: (path) => !isTestCode(path) });
const sampleOf = (issue) => (issue.sample ?? '').replace(/\s+/g, ' ').trim().slice(0, 160);
const keyOf = (finding) => `${finding.id} ${finding.file} ${finding.sample}`;

const findings = [];
try {
  const result = await run({
    input: scanDir,
    isRelative: true,
    electronVersionOverride: electronVersion,
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    severitySet: 'informational',
    confidenceSet: 'tentative',
  });
  for (const error of result.errors) console.log(`electronegativity could not parse ${error.file}: ${error.message ?? ''}`);
  for (const issue of result.issues) {
    findings.push({ id: issue.id, severity: issue.severity.name, confidence: issue.confidence.name, file: issue.file, line: issue.location?.line, sample: sampleOf(issue) });
  }
} finally {
  rmSync(scanDir, { recursive: true, force: true });
}

const triaged = new Map(triage.map((entry) => [keyOf(entry), entry]));
const blocking = [];
for (const finding of findings) {
  const entry = triaged.get(keyOf(finding));
  const serious = finding.severity === 'HIGH' || finding.severity === 'MEDIUM';
  console.log(`${finding.severity}/${finding.confidence} ${finding.id} ${finding.file}:${finding.line ?? '?'}${entry ? ` — triaged: ${entry.reason}` : ''}`);
  if (serious && !entry) blocking.push(finding);
}
const stale = triage.filter((entry) => !findings.some((finding) => keyOf(finding) === keyOf(entry)));
for (const entry of stale) console.log(`Triage entry no longer found (remove it): ${entry.id} ${entry.file}`);

console.log(`electronegativity (Electron ${electronVersion}): ${findings.length} findings in ${sources.join(', ')}; ${blocking.length} HIGH/MEDIUM not triaged.`);
if (blocking.length > 0) {
  console.log('Fix each, or add it to electronegativity-triage.json with the reason it is safe:');
  for (const finding of blocking) console.log(JSON.stringify({ id: finding.id, file: finding.file, sample: finding.sample, reason: '…' }));
  process.exit(1);
}
