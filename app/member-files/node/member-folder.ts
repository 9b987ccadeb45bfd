/**
 * Per-member attachments on disk: the main process checks the folder the admin chose, resolves each
 * name of the list's column inside it, and reads a member's files when their message is sent. The page
 * never sends these files' contents, only the folder and the column.
 *
 * A name resolves inside the folder only: `..` and absolute names are refused before the disk is
 * touched, and the resolved file's real path (every symbolic link followed) must still be inside the
 * folder's real path. Each segment is matched against the directory's own entries in NFC, so a Korean
 * name typed in the list (NFC) finds the NFD name macOS wrote, and the other way round.
 */
import { accessSync, closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { checkFileName, type FileOutcome, type FolderCheck, type MemberFileProblem } from '../common/member-files';

/** A member's file as pre-flight found it, and as the campaign snapshot records it. */
export interface ResolvedFile {
  /** The name as the list wrote it (NFC): what the member sees. */
  readonly name: string;
  /** The path inside the folder as it is on disk, segments joined with `/`. */
  readonly path: string;
  /** Size in bytes when checked. */
  readonly size: number;
  /** Modification time when checked (ms). */
  readonly mtimeMs: number;
}

/** How one name resolved: the file, or why it cannot be attached. */
export type Resolution = { readonly ok: true; readonly file: ResolvedFile } | { readonly ok: false; readonly problem: Exclude<MemberFileProblem, 'too-large'> };

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

/** Checks a folder: absolute, there, a directory, readable; answers its real path and how many entries it has. */
export function checkFolder(folder: string): FolderCheck {
  if (!isAbsolute(folder)) return { ok: false, problem: 'not-absolute' };
  let real: string;
  try {
    real = realpathSync(folder);
  } catch (error) {
    return { ok: false, problem: errorCode(error) === 'EACCES' ? 'unreadable' : 'missing' };
  }
  if (!statSync(real).isDirectory()) return { ok: false, problem: 'not-a-directory' };
  try {
    return { ok: true, folder: real, files: readdirSync(real).length };
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
}

/** Whether `real` is strictly inside `root` (both real paths). */
function isInside(root: string, real: string): boolean {
  const rel = relative(root, real);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** A directory's entries: by exact name, and by NFC form. */
interface Listing {
  readonly exact: ReadonlySet<string>;
  readonly byNfc: ReadonlyMap<string, readonly string[]>;
}

/** Creates a resolver over a folder's real path; directory listings are read once per resolver. */
export function createFolderResolver(root: string) {
  const listings = new Map<string, Listing | 'unreadable' | 'missing'>();
  const listing = (dir: string): Listing | 'unreadable' | 'missing' => {
    let found = listings.get(dir);
    if (found === undefined) {
      try {
        const names = readdirSync(dir);
        const byNfc = new Map<string, string[]>();
        for (const entry of names) {
          const key = entry.normalize('NFC');
          byNfc.set(key, [...(byNfc.get(key) ?? []), entry]);
        }
        found = { exact: new Set(names), byNfc };
      } catch (error) {
        found = errorCode(error) === 'EACCES' ? 'unreadable' : 'missing';
      }
      listings.set(dir, found);
    }
    return found;
  };

  /** Resolves one name of a member's cell. */
  const resolve = (name: string): Resolution => {
    const checked = checkFileName(name);
    if (!checked.ok) return { ok: false, problem: checked.problem === 'invalid' ? 'missing' : 'outside-folder' };
    const onDisk: string[] = [];
    let dir = root;
    for (const segment of checked.segments) {
      const entries = listing(dir);
      if (entries === 'unreadable' || entries === 'missing') return { ok: false, problem: entries };
      let actual: string | undefined;
      if (entries.exact.has(segment)) actual = segment;
      else {
        const candidates = entries.byNfc.get(segment) ?? [];
        if (candidates.length > 1) return { ok: false, problem: 'ambiguous' };
        actual = candidates[0];
      }
      if (actual === undefined) return { ok: false, problem: 'missing' };
      onDisk.push(actual);
      dir = join(dir, actual);
    }
    let real: string;
    try {
      real = realpathSync(dir);
    } catch (error) {
      return { ok: false, problem: errorCode(error) === 'EACCES' ? 'unreadable' : 'missing' };
    }
    if (!isInside(root, real)) return { ok: false, problem: 'outside-folder' };
    const stats = statSync(real);
    if (!stats.isFile()) return { ok: false, problem: 'not-a-file' };
    try {
      accessSync(real, constants.R_OK);
    } catch {
      return { ok: false, problem: 'unreadable' };
    }
    return { ok: true, file: { name, path: onDisk.join('/'), size: stats.size, mtimeMs: stats.mtimeMs } };
  };

  /** Resolves every name, as pre-flight reports them. */
  const outcomes = (names: readonly string[]): { outcomes: FileOutcome[]; files: ResolvedFile[] } => {
    const result: FileOutcome[] = [];
    const files: ResolvedFile[] = [];
    for (const name of names) {
      const resolved = resolve(name);
      if (resolved.ok) {
        result.push({ name, ok: true, size: resolved.file.size });
        files.push(resolved.file);
      } else result.push({ name, ok: false, problem: resolved.problem });
    }
    return { outcomes: result, files };
  };

  return { resolve, outcomes };
}

/** Why a recorded file could not be read at send time. */
export type ReadProblem = 'missing' | 'outside-folder' | 'changed' | 'unreadable';

/**
 * Reads a recorded file for its member's message, at send time: still inside the folder, still the
 * same size and modification time as pre-flight saw. A file changed or removed since fails this member
 * only, with the reason.
 */
export function readRecordedFile(root: string, file: Pick<ResolvedFile, 'path' | 'size' | 'mtimeMs'>): { ok: true; content: Buffer } | { ok: false; problem: ReadProblem } {
  let rootReal: string;
  let real: string;
  try {
    rootReal = realpathSync(root);
    real = realpathSync(join(root, ...file.path.split('/')));
  } catch (error) {
    return { ok: false, problem: errorCode(error) === 'EACCES' ? 'unreadable' : 'missing' };
  }
  if (rootReal !== root || !isInside(rootReal, real)) return { ok: false, problem: 'outside-folder' };
  let fd: number;
  try {
    fd = openSync(real, 'r');
  } catch (error) {
    return { ok: false, problem: errorCode(error) === 'ENOENT' ? 'missing' : 'unreadable' };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size !== file.size || stats.mtimeMs !== file.mtimeMs) return { ok: false, problem: 'changed' };
    const content = readFileSync(fd);
    return content.length === file.size ? { ok: true, content } : { ok: false, problem: 'changed' };
  } catch {
    return { ok: false, problem: 'unreadable' };
  } finally {
    closeSync(fd);
  }
}
