/**
 * The `mailroom` binary compiled once for a test run (vitest's globalSetup): bin/mailroom.mjs and the
 * TypeScript it loads bundled by esbuild with the same settings tsx uses when it compiles them file by file
 * (target this Node, names kept), so each spawn skips tsx's loader. Packages stay outside the bundle and
 * load from node_modules as they do for the real command (better-sqlite3's native module among them);
 * `import.meta` in the project's files keeps its source file's value (package.json is read from the
 * checkout, as from the sources).
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The compiled `mailroom` binary of this run ('' when none was built). */
    mailroomBinary: string;
  }
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where each run's compiled binary lives, in a folder named after the vitest process (ignored by git with node_modules). */
const CACHE = join(ROOT, 'node_modules/.cache/mailroom-test-binary');

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

/** Bundles bin/mailroom.mjs into `outFile` (a file under the checkout, so its packages resolve from node_modules). */
export async function compileMailroom(outFile: string): Promise<void> {
  await build({
    entryPoints: [join(ROOT, 'bin/mailroom.mjs')],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node}`,
    keepNames: true,
    packages: 'external',
    plugins: [noLoader, sourceImportMeta],
    logLevel: 'warning',
  });
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

/** vitest globalSetup: compiles the binary for this run and tells the tests where it is (app/test-support/spawn-mailroom.ts). */
export async function setup(project: TestProject): Promise<void> {
  // Folders left by runs that were killed before their teardown.
  if (existsSync(CACHE)) for (const name of readdirSync(CACHE)) if (!alive(Number(name))) rmSync(join(CACHE, name), { recursive: true, force: true });
  runDir = join(CACHE, String(process.pid));
  mkdirSync(runDir, { recursive: true });
  const binary = join(runDir, 'mailroom.mjs');
  await compileMailroom(binary);
  project.provide('mailroomBinary', binary);
}

/** vitest globalSetup teardown: removes this run's compiled binary. */
export function teardown(): void {
  if (runDir !== undefined) rmSync(runDir, { recursive: true, force: true });
}
