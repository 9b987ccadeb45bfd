/**
 * First paint of the renderer, run by `npm run bench`: Debian's Chromium (through Playwright) opens the
 * built renderer on the loopback host; per run it reports the time from spawning the browser and from
 * starting the navigation to the first contentful paint and to the first screen (the navigation
 * drawn), and the script bytes loaded until then. Median of FIRST_PAINT_RUNS runs. FIRST_PAINT_DIR
 * measures another build (default: out/renderer, from `npm run build`).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createNodeHandlers } from '../app/handlers/node/node-composition';
import { startWebHost } from '../app/host-web/node/web-host';
import { launchChromium } from '../e2e/chromium';

const RUNS = Number(process.env.FIRST_PAINT_RUNS ?? 5);
const staticDir = resolve(process.env.FIRST_PAINT_DIR ?? resolve(import.meta.dirname, '../out/renderer'));
if (!existsSync(join(staticDir, 'index.html'))) {
  console.error(`No built renderer in ${staticDir}: run \`npm run build\` first.`);
  process.exit(1);
}

const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-first-paint-'));
const host = await startWebHost({
  staticDir,
  port: 0,
  createHandlers: (emit) => createNodeHandlers({ dataDir, passphrase: 'first-paint-passphrase-not-secret', emit }),
  log: () => undefined,
});

interface Run {
  readonly fromSpawnMs: number;
  readonly fcpMs: number;
  readonly screenMs: number;
  readonly scriptKb: number;
}
const runs: Run[] = [];
try {
  for (let i = 0; i < RUNS; i += 1) {
    const spawned = performance.now();
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      let scriptBytes = 0;
      page.on('response', (response) => {
        if (response.request().resourceType() === 'script') void response.body().then((b) => (scriptBytes += b.length), () => undefined);
      });
      await page.goto(host.url, { waitUntil: 'commit' });
      await page.locator('nav button').first().waitFor({ state: 'visible', timeout: 60_000 });
      const fromSpawnMs = performance.now() - spawned;
      const timings = await page.evaluate(async () => {
        const screen = performance.now();
        // Paint entries are queued after the frame: read the buffered one, or wait for it (5 s at most).
        const fcp = await new Promise<number>((done) => {
          new PerformanceObserver((list) => {
            const entry = list.getEntriesByName('first-contentful-paint')[0];
            if (entry) done(entry.startTime);
          }).observe({ type: 'paint', buffered: true });
          setTimeout(() => done(Number.NaN), 5000);
        });
        return { fcp, screen };
      });
      runs.push({ fromSpawnMs, fcpMs: timings.fcp, screenMs: timings.screen, scriptKb: scriptBytes / 1024 });
    } finally {
      await browser.close();
    }
  }
} finally {
  await host.close();
  rmSync(dataDir, { recursive: true, force: true });
}

/** The median of the values measured (a run that recorded none is left out). */
const median = (values: number[]) => {
  const known = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  return known.length === 0 ? Number.NaN : known[Math.floor(known.length / 2)]!;
};
const scripts = readdirSync(join(staticDir, 'assets')).filter((f) => f.endsWith('.js'));
const largest = Math.max(...scripts.map((f) => statSync(join(staticDir, 'assets', f)).size));
console.log(`\nFirst paint (${staticDir}, Debian Chromium, median of ${RUNS}): ${scripts.length} script chunks, the largest ${(largest / 1024).toFixed(0)} KB`);
console.log(`  spawn → first screen drawn        ${median(runs.map((r) => r.fromSpawnMs)).toFixed(0).padStart(6)} ms  [${runs.map((r) => r.fromSpawnMs.toFixed(0)).join(', ')}]`);
console.log(`  navigation → first contentful paint ${median(runs.map((r) => r.fcpMs)).toFixed(0).padStart(4)} ms  [${runs.map((r) => r.fcpMs.toFixed(0)).join(', ')}]`);
console.log(`  navigation → first screen drawn   ${median(runs.map((r) => r.screenMs)).toFixed(0).padStart(6)} ms  [${runs.map((r) => r.screenMs.toFixed(0)).join(', ')}]`);
console.log(`  script loaded for the first screen ${median(runs.map((r) => r.scriptKb)).toFixed(0).padStart(5)} KB`);
