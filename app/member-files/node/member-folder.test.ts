import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { build } from 'esbuild';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFolder, createFolderResolver, readRecordedFile } from './member-folder';

/** The uid and gid of `nobody` on Debian. */
const NOBODY = 65534;

const NFC = '성적표.pdf';
const NFD = NFC.normalize('NFD');
let base: string;
let root: string;

beforeAll(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'mailroom-member-files-')));
  root = join(base, 'files');
  mkdirSync(join(root, 'sub'), { recursive: true });
  mkdirSync(join(base, 'secret'));
  writeFileSync(join(base, 'secret', 'key.txt'), 'secret');
  writeFileSync(join(root, 'a.txt'), 'alpha');
  writeFileSync(join(root, NFD), 'report written by macOS (NFD name)');
  writeFileSync(join(root, 'sub', '안내문.txt'.normalize('NFD')), 'in a sub-folder');
  symlinkSync(join(base, 'secret'), join(root, 'link-out'));
  symlinkSync(join(base, 'secret', 'key.txt'), join(root, 'key-out.txt'));
  symlinkSync(join(root, 'a.txt'), join(root, 'link-in.txt'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('checkFolder', () => {
  it('answers the real path of a readable folder, and why not otherwise', () => {
    expect(checkFolder(root)).toEqual({ ok: true, folder: root, files: 6 });
    expect(checkFolder('files')).toEqual({ ok: false, problem: 'not-absolute' });
    expect(checkFolder(join(base, 'nope'))).toEqual({ ok: false, problem: 'missing' });
    expect(checkFolder(join(root, 'a.txt'))).toEqual({ ok: false, problem: 'not-a-directory' });
  });
});

describe('createFolderResolver', () => {
  it('finds NFD names on disk from NFC names in the list, and the reverse, in sub-folders too', () => {
    const resolver = createFolderResolver(root);
    const fromNfc = resolver.resolve(NFC);
    expect(fromNfc.ok && fromNfc.file.path).toBe(NFD);
    expect(resolver.resolve(NFD).ok).toBe(true);
    const nested = resolver.resolve('sub\\안내문.txt');
    expect(nested.ok && nested.file.path).toBe(`sub/${'안내문.txt'.normalize('NFD')}`);
  });

  it('refuses names that leave the folder, by name or by symbolic link', () => {
    const resolver = createFolderResolver(root);
    for (const name of ['../secret/key.txt', '/etc/passwd', 'C:\\x.txt', '\\\\server\\share\\x', 'sub/../../secret/key.txt', 'link-out/key.txt', 'key-out.txt']) {
      expect(resolver.resolve(name), name).toEqual({ ok: false, problem: 'outside-folder' });
    }
    expect(resolver.resolve('link-in.txt').ok).toBe(true);
    expect(resolver.resolve('nope.pdf')).toEqual({ ok: false, problem: 'missing' });
    expect(resolver.resolve('sub')).toEqual({ ok: false, problem: 'not-a-file' });
  });

  it('takes the exact spelling first, and calls two other spellings of one name ambiguous', () => {
    const both = join(base, 'both');
    mkdirSync(both);
    writeFileSync(join(both, NFC), 'nfc');
    writeFileSync(join(both, NFD), 'nfd');
    const exact = createFolderResolver(both).resolve(NFD);
    expect(exact.ok && exact.file.path).toBe(NFC);
    const twins = join(base, 'twins');
    mkdirSync(twins);
    const mixed = NFC.slice(0, 1) + NFC.slice(1).normalize('NFD');
    writeFileSync(join(twins, NFD), 'nfd');
    writeFileSync(join(twins, mixed), 'mixed');
    expect(createFolderResolver(twins).resolve(NFC)).toEqual({ ok: false, problem: 'ambiguous' });
  });

  // Root reads every file whatever its mode (CI runs as root): there the resolver runs in a child process
  // as `nobody`, bundled into the temp folder so the child needs nothing of the checkout.
  const asRoot = process.getuid?.() === 0;
  const resolveAsNobody = async (folder: string, name: string): Promise<unknown> => {
    const probe = join(base, 'probe.mjs');
    await build({
      stdin: { contents: `import { createFolderResolver } from ${JSON.stringify(join(import.meta.dirname, 'member-folder.ts'))};\nconsole.log(JSON.stringify(createFolderResolver(process.argv[2]).resolve(process.argv[3])));`, resolveDir: import.meta.dirname, loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: probe,
      logLevel: 'silent',
    });
    chmodSync(base, 0o755);
    const child = spawnSync(process.execPath, [probe, folder, name], { uid: NOBODY, gid: NOBODY, encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`the probe as nobody failed (${child.status}): ${child.stderr}`);
    return JSON.parse(child.stdout) as unknown;
  };
  it('reports an unreadable file (as root: read by a child process running as nobody)', async () => {
    const file = join(root, 'locked.txt');
    writeFileSync(file, 'x');
    chmodSync(file, 0o000);
    try {
      const resolution = asRoot ? await resolveAsNobody(root, 'locked.txt') : createFolderResolver(root).resolve('locked.txt');
      expect(resolution).toEqual({ ok: false, problem: 'unreadable' });
    } finally {
      rmSync(file);
    }
  });

  it('never resolves to anything outside the folder, whatever the name (property; the seed is printed)', () => {
    const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`member-folder property seed: ${seed} (replay with FC_SEED=${seed})`);
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '', 'sub', 'a.txt', NFC, NFD, '안내문.txt', '안내문.txt'.normalize('NFD'), 'link-out', 'key-out.txt', 'link-in.txt', 'secret', 'key.txt', 'files', 'C:', '~'),
      fc.string({ maxLength: 6 }),
    );
    const name = fc.tuple(fc.constantFrom('', '/', '\\', '\\\\', 'C:\\', 'c:'), fc.array(segment, { maxLength: 5 }), fc.constantFrom('/', '\\')).map(([lead, parts, join]) => lead + parts.join(join));
    const resolver = createFolderResolver(root);
    fc.assert(
      fc.property(name, (n) => {
        const result = resolver.resolve(n);
        if (!result.ok) return;
        const real = realpathSync(join(root, ...result.file.path.split('/')));
        const rel = relative(root, real);
        expect(rel.startsWith(`..${sep}`) || rel === '..' || rel === '').toBe(false);
        expect(n.split(/[\\/]/)).not.toContain('..');
        expect(/^([\\/]|[A-Za-z]:)/.test(n)).toBe(false);
      }),
      { seed, numRuns: 400 },
    );
  });
});

describe('readRecordedFile', () => {
  it('reads the file pre-flight recorded, and refuses one changed or removed since', () => {
    const dir = join(base, 'send');
    mkdirSync(dir);
    writeFileSync(join(dir, NFD), 'first');
    const resolved = createFolderResolver(dir).resolve(NFC);
    if (!resolved.ok) throw new Error('not resolved');
    const read = readRecordedFile(dir, resolved.file);
    expect(read.ok && read.content.toString()).toBe('first');
    writeFileSync(join(dir, NFD), 'second, longer');
    expect(readRecordedFile(dir, resolved.file)).toEqual({ ok: false, problem: 'changed' });
    writeFileSync(join(dir, NFD), 'first');
    utimesSync(join(dir, NFD), new Date(resolved.file.mtimeMs + 5000), new Date(resolved.file.mtimeMs + 5000));
    expect(readRecordedFile(dir, resolved.file)).toEqual({ ok: false, problem: 'changed' });
    rmSync(join(dir, NFD));
    expect(readRecordedFile(dir, resolved.file)).toEqual({ ok: false, problem: 'missing' });
  });
});
