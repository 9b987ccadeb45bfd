/** How the tests run a program of the project in a child `node`: its copy compiled for this run (compiled-entries.ts), else the source through tsx. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import type { TestEntry } from './compiled-entries';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The arguments for `node` that run `entry` (relative to the checkout); the program's own arguments follow them. */
export function nodeArgsFor(entry: TestEntry): string[] {
  const compiled = inject('compiledEntries')?.[entry];
  if (compiled !== undefined && existsSync(compiled)) return [compiled];
  // bin/mailroom.mjs registers tsx itself.
  return entry.endsWith('.mjs') ? [join(ROOT, entry)] : ['--import', 'tsx', join(ROOT, entry)];
}
