/**
 * Per-member attachments for Compose and the campaign engine: the pre-flight part over the members to
 * be sent, one member's files for the preview and "send this notice to me", the record a campaign
 * snapshot keeps, and the engine's reading of a member's files at send time.
 */
import { fieldValue, type Member } from '../../lists/common/member-list';
import type { SmtpFailure } from '../../diagnosis/common/smtp-diagnosis';
import { memberFilesReport, splitFileCell, type FileOutcome, type MemberFilesChoice, type MemberFilesReport } from '../common/member-files';
import { checkFolder, createFolderResolver, readRecordedFile, type ReadProblem, type ResolvedFile } from './member-folder';

/** What a campaign snapshot records of its per-member attachments: the choice, the folder's real path, and each recipient's files as pre-flight found them. */
export interface MemberFilesSnapshot {
  /** The list column. */
  readonly column: string;
  /** The folder's real path. */
  readonly folder: string;
  /** Whether members whose file was missing were sent without it. */
  readonly sendWithoutMissing: boolean;
  /** Per recipient (same order as the snapshot's recipients), the files to attach. */
  readonly files: readonly (readonly ResolvedFile[])[];
}

/** The facts a check needs besides the choice. */
export interface MemberFilesContext {
  /** The list's column headers. */
  readonly columns: readonly string[];
  /** Raw sizes of the shared attachments. */
  readonly sharedRaw: readonly number[];
  /** The provider's largest encoded message, or null. */
  readonly maxMessageBytes: number | null;
}

/** Resolves every member's names once: the report and each member's files (empty when the folder cannot be used). */
export function checkMemberFiles(choice: MemberFilesChoice, members: readonly Member[], context: MemberFilesContext): { report: MemberFilesReport; files: ResolvedFile[][] } {
  const folder = checkFolder(choice.folder);
  const columnExists = context.columns.includes(choice.column);
  const resolver = folder.ok && columnExists ? createFolderResolver(folder.folder) : undefined;
  const files: ResolvedFile[][] = [];
  const checked: { line: number; email: string; outcomes: FileOutcome[] }[] = [];
  for (const member of members) {
    const names = splitFileCell(fieldValue(member.fields, choice.column));
    const resolved = resolver ? resolver.outcomes(names) : { outcomes: [], files: [] };
    files.push(resolved.files);
    checked.push({ line: member.line, email: member.email, outcomes: resolved.outcomes });
  }
  const report = memberFilesReport({
    choice,
    folder: folder.ok ? { ok: true, path: folder.folder } : { ok: false, problem: folder.problem },
    columnExists,
    members: resolver ? checked : [],
    sharedRaw: context.sharedRaw,
    maxMessageBytes: context.maxMessageBytes,
  });
  return { report, files };
}

/** A file of a member that cannot be attached, and why. */
export type MissingFile = { readonly name: string; readonly problem: Exclude<FileOutcome, { ok: true }>['problem'] };

/** One member's files now (for the preview and "send this notice to me"): those found, and the names that cannot be attached. */
export function resolveMemberFiles(choice: MemberFilesChoice, member: Member): { folder: string | null; files: ResolvedFile[]; missing: MissingFile[] } {
  const folder = checkFolder(choice.folder);
  const names = splitFileCell(fieldValue(member.fields, choice.column));
  if (!folder.ok) return { folder: null, files: [], missing: names.map((name) => ({ name, problem: 'missing' as const })) };
  const resolved = createFolderResolver(folder.folder).outcomes(names);
  return {
    folder: folder.folder,
    files: resolved.files,
    missing: resolved.outcomes.flatMap((o) => (o.ok ? [] : [{ name: o.name, problem: o.problem }])),
  };
}

/** The name the member sees: the last segment of the name the list gave. */
export function fileNameOf(file: Pick<ResolvedFile, 'name'>): string {
  const segments = file.name.split(/[\\/]/);
  return segments[segments.length - 1] ?? file.name;
}

const PROBLEM_WORDS: Record<ReadProblem, (name: string) => string> = {
  missing: (name) => `The file "${name}" is no longer in the folder (it was there at the pre-flight check).`,
  changed: (name) => `The file "${name}" changed after the pre-flight check (its size or time differs).`,
  unreadable: (name) => `The file "${name}" could not be read.`,
  'outside-folder': (name) => `The file "${name}" now leads outside the chosen folder (a link or the folder changed).`,
};

/** Reads one recipient's recorded files at send time; a file changed or removed fails this member only, with the reason. */
export function readMemberFiles(snapshot: MemberFilesSnapshot, index: number): { ok: true; attachments: { fileName: string; content: Buffer }[] } | { ok: false; failure: SmtpFailure } {
  const attachments: { fileName: string; content: Buffer }[] = [];
  for (const file of snapshot.files[index] ?? []) {
    const read = readRecordedFile(snapshot.folder, file);
    if (!read.ok) {
      return { ok: false, failure: { diagnosis: 'member-file', code: 'EMEMBERFILE', message: `${PROBLEM_WORDS[read.problem](file.name)} This member was not sent; the rest of the campaign went on.` } };
    }
    attachments.push({ fileName: fileNameOf(file), content: read.content });
  }
  return { ok: true, attachments };
}
