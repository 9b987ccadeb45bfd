/**
 * The compiled `mailroom` the tests spawn is the one this run built, and it answers as the sources do
 * through tsx: the same lists on a folder seeded here, the same refusal of an unknown campaign.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createNodeHandlers } from '../handlers/node/node-composition';
import { dispatch } from '../ipc/common/dispatch';
import { nodeArgsFor } from './spawn-entry';
import { spawnMailroom } from './spawn-mailroom';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PASSPHRASE = 'compiled-entries-passphrase';
const dir = mkdtempSync(join(tmpdir(), 'mailroom-compiled-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `node …nodeArgs args` on the seeded folder, as the command-line tests run the binary. */
const run = (nodeArgs: readonly string[], args: readonly string[]) => spawnMailroom(args, { dataDir: join(dir, 'data'), passphrase: PASSPHRASE, nodeArgs });

describe('the compiled mailroom binary', () => {
  it('is the copy this run compiled, and answers exactly as the sources through tsx', async () => {
    const compiled = inject('compiledEntries')['bin/mailroom.mjs'];
    expect(nodeArgsFor('bin/mailroom.mjs')).toEqual([compiled]);
    const handlers = await createNodeHandlers({ dataDir: join(dir, 'data'), passphrase: PASSPHRASE, emit: () => undefined, log: () => undefined });
    const pasted = await dispatch(handlers, 'lists:paste', { name: '회원 명단', text: '김민지 <kim@club.test>\nLee <lee@club.test>' });
    expect(pasted.ok).toBe(true);

    const source = [join(ROOT, 'bin/mailroom.mjs')];
    for (const args of [['lists', 'list', '--json'], ['campaign', 'show', 'no-such-campaign']]) {
      const [fromCompiled, fromSource] = await Promise.all([run([compiled!], args), run(source, args)]);
      expect(fromCompiled, args.join(' ')).toEqual(fromSource);
    }
  }, 180_000);
});
