/**
 * The programs the tests spawn (the `mailroom` binary, the browser host's serve.ts, the two-process
 * helpers), compiled once per test run by vitest's globalSetup: each bundled by esbuild with the settings
 * tsx uses when it compiles the same files one by one (target this Node, names kept), so a spawn skips
 * tsx's loader. Packages stay outside the bundles and load from node_modules as they do from the sources
 * (better-sqlite3's native module among them); `import.meta` in the project's files keeps its source
 * file's value (package.json and the built renderer are found from the checkout, as from the sources).
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where this run's compiled copies are: entry (relative to the checkout) → compiled file. */
    compiledEntries: Record<string, string>;
  }
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Each run's compiled copies live in a folder named after the vitest process, under node_modules (ignored by git; their packages resolve from there). */
const CACHE = join(ROOT, 'node_modules/.cache/mailroom-test-entries');

/** The entries compiled for the tests, relative to the checkout. */
export const TEST_ENTRIES = ['bin/mailroom.mjs', 'app/host-web/node/serve.ts', 'app/test-support/storage-writer.ts', 'app/test-support/ledger-recorder.ts', 'app/test-support/crash-child.ts'] as const;

/** An entry the tests spawn. */
export type TestEntry = (typeof TEST_ENTRIES)[number];

/** tsx's loader is not needed once everything is compiled: bin/mailroom.mjs's `register()` does nothing in the bundle. */
const noLoader: Plugin = {
  name: 'mailroom:no-tsx-loader',
  setup(builder) {
    builder.onResolve({ filter: /^tsx\/esm\/api$/ }, () => ({ path: 'tsx-esm-api', namespace: 'mailroom-compiled' }));
    builder.onLoad({ filter: /.*/, namespace: 'mailroom-compiled' }, () => ({ contents: 'export function register() {}', loader: 'js' }));
  },
};

/** `import.meta.url`, `.dirname` and `.filename` in the project's own files keep the values they have when run from source. */
const sourceImportMeta: Plugin = {
  name: 'mailroom:source-import-meta',
  setup(builder) {
    builder.onLoad({ filter: /\.(ts|mts|mjs|js)$/ }, async (args) => {
      if (/[\\/]node_modules[\\/]/.test(args.path)) return undefined;
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta')) return undefined;
      const contents = text
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      return { contents, loader: /\.m?ts$/.test(extname(args.path)) ? 'ts' : 'js' };
    });
  },
};

/** Bundles each entry into `outDir` (a folder under the checkout, so their packages resolve from node_modules); returns entry → compiled file. */
export async function compileEntries(outDir: string, entries: readonly TestEntry[] = TEST_ENTRIES): Promise<Record<string, string>> {
  await build({
    entryPoints: entries.map((entry) => join(ROOT, entry)),
    outdir: outDir,
    outbase: ROOT,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node}`,
    keepNames: true,
    packages: 'external',
    plugins: [noLoader, sourceImportMeta],
    logLevel: 'warning',
  });
  return Object.fromEntries(entries.map((entry) => [entry, join(outDir, entry.replace(/\.m?[jt]s$/, '.mjs'))]));
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

let runDir: string | undefined;

/** vitest globalSetup: compiles the entries for this run and tells the tests where they are (app/test-support/spawn-entry.ts). */
export async function setup(project: TestProject): Promise<void> {
  // Folders left by runs that were killed before their teardown.
  if (existsSync(CACHE)) for (const name of readdirSync(CACHE)) if (!alive(Number(name))) rmSync(join(CACHE, name), { recursive: true, force: true });
  runDir = join(CACHE, String(process.pid));
  mkdirSync(runDir, { recursive: true });
  try {
    project.provide('compiledEntries', await compileEntries(runDir));
  } catch (error) {
    // The tests that spawn these programs then run the sources through tsx and fail there, one by one, if the sources are broken.
    console.error(`The programs the tests spawn could not be compiled; they run from the sources through tsx instead. ${error instanceof Error ? error.message : String(error)}`);
    project.provide('compiledEntries', {});
  }
}

/** vitest globalSetup teardown: removes this run's compiled copies. */
export function teardown(): void {
  if (runDir !== undefined) rmSync(runDir, { recursive: true, force: true });
}
