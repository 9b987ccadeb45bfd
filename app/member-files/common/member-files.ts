/**
 * Per-member attachments, the pure part: how a list cell names a member's files, which names are
 * allowed (inside the chosen folder only), and the size a member's message takes once encoded. The
 * main process resolves the names on disk (`../node/member-folder.ts`); the renderer shows the words.
 *
 * A cell names one file or several separated by `;` (a comma is common in real file names, e.g.
 * `1,2학기 성적.pdf`, so it is not a separator). A name may go into sub-folders with `/` or `\`, never
 * up (`..`) and never from a root (`/x`, `\x`, `C:\x`, `\\server\x`). Names are compared in NFC, so
 * the NFD names macOS writes for Korean match what the list says.
 */

import { z } from 'zod';

/** The separator between file names in one cell. */
export const MEMBER_FILE_SEPARATOR = ';';

/** Why a name in the column cannot be a file inside the folder. */
export type NameProblem = 'absolute' | 'parent' | 'invalid';

/** A checked name: its path segments (NFC), or why it is refused. */
export type CheckedName = { readonly ok: true; readonly segments: readonly string[] } | { readonly ok: false; readonly problem: NameProblem };

/** The file names a cell holds, trimmed and in NFC; an empty cell holds none. */
export function splitFileCell(cell: string | undefined): string[] {
  if (cell === undefined) return [];
  return cell
    .split(MEMBER_FILE_SEPARATOR)
    .map((name) => name.trim().normalize('NFC'))
    .filter((name) => name !== '');
}

/** Checks one name: relative, no `..`, no control characters; returns its segments. */
export function checkFileName(name: string): CheckedName {
  const clean = name.normalize('NFC');
  // eslint-disable-next-line no-control-regex
  if (clean === '' || /[\u0000-\u001f\u007f]/.test(clean)) return { ok: false, problem: 'invalid' };
  if (/^[\\/]/.test(clean) || /^[A-Za-z]:/.test(clean)) return { ok: false, problem: 'absolute' };
  const segments = clean.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) return { ok: false, problem: 'parent' };
  if (segments.length === 0) return { ok: false, problem: 'invalid' };
  return { ok: true, segments };
}

/** Bytes a body of `raw` bytes takes in base64 with 76-character lines and CRLF (RFC 2045 §6.8). */
export function base64Size(raw: number): number {
  const chars = Math.ceil(raw / 3) * 4;
  return chars + Math.ceil(chars / 76) * 2;
}

/** Headroom for the headers, the text parts and each attachment's part headers. */
export const MESSAGE_OVERHEAD_BYTES = 64 * 1024;

/** The encoded size of one member's message: the shared attachments and the member's own files, base64, plus headroom. */
export function encodedMessageBytes(sharedRaw: readonly number[], memberRaw: readonly number[]): number {
  const all = [...sharedRaw, ...memberRaw];
  return all.reduce((sum, raw) => sum + base64Size(raw), 0) + (all.length > 0 ? MESSAGE_OVERHEAD_BYTES : 0);
}

/** What Compose chose: the list column that names each member's files, the folder they are in, and whether members whose file cannot be attached are sent without it. */
export const memberFilesChoiceSchema = z.object({
  /** The list column (its header). */
  column: z.string().min(1).max(200),
  /** The folder, an absolute path on the machine of the main process. */
  folder: z.string().min(1).max(4096),
  /** Send members whose file is missing or unreadable without it (otherwise they block). */
  sendWithoutMissing: z.boolean().default(false),
});
/** What Compose chose for per-member attachments. */
export type MemberFilesChoice = z.output<typeof memberFilesChoiceSchema>;

/** Why a chosen folder cannot be used. */
export const FOLDER_PROBLEMS = ['not-absolute', 'missing', 'not-a-directory', 'unreadable'] as const;
/** Why a chosen folder cannot be used. */
export type FolderProblem = (typeof FOLDER_PROBLEMS)[number];

/** Why one member's file cannot be attached: a name that leaves the folder (always blocks), one that is not there or not readable (blocks unless sent without), or a message too large for the provider (blocks). */
export const MEMBER_FILE_PROBLEMS = ['outside-folder', 'missing', 'unreadable', 'not-a-file', 'ambiguous', 'too-large'] as const;
/** Why one member's file cannot be attached. */
export type MemberFileProblem = (typeof MEMBER_FILE_PROBLEMS)[number];

/** Problems that "send without it" lets through: the member is sent without the file. */
export const SENDABLE_WITHOUT: ReadonlySet<MemberFileProblem> = new Set(['missing', 'unreadable', 'not-a-file', 'ambiguous']);

/** The check of a folder: its real path, or why not. */
export const folderCheckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), folder: z.string(), files: z.number().int() }),
  z.object({ ok: z.literal(false), problem: z.enum(FOLDER_PROBLEMS) }),
]);
/** The check of a folder. */
export type FolderCheck = z.infer<typeof folderCheckSchema>;

/** The per-member attachments part of the pre-flight report. */
export const memberFilesReportSchema = z.object({
  /** The column. */
  column: z.string(),
  /** The folder as checked (its real path when it exists). */
  folder: z.string(),
  /** The folder cannot be used (blocks). */
  folderProblem: z.enum(FOLDER_PROBLEMS).optional(),
  /** The list has no such column (blocks). */
  columnMissing: z.boolean(),
  /** Whether members with a missing or unreadable file are sent without it. */
  sendWithoutMissing: z.boolean(),
  /** Members that will get at least one file of their own. */
  withFiles: z.number().int(),
  /** Files attached in all, over those members. */
  files: z.number().int(),
  /** Members whose cell is empty (they get the shared attachments only). */
  noFile: z.number().int(),
  /** Each member with a problem, by list line: which names, and why. */
  problems: z.array(z.object({ line: z.number().int(), email: z.string(), problem: z.enum(MEMBER_FILE_PROBLEMS), names: z.array(z.string()), encodedBytes: z.number().int().optional() })),
  /** The largest member message, encoded (shared attachments included). */
  largestEncodedBytes: z.number().int(),
  /** The provider's largest encoded message, or null when not known. */
  limitBytes: z.number().int().nullable(),
  /** Whether anything here blocks sending. */
  blocked: z.boolean(),
});
/** The per-member attachments part of the pre-flight report. */
export type MemberFilesReport = z.infer<typeof memberFilesReportSchema>;

/** How one name of a member's cell resolved: a readable file of `size` bytes, or why not. */
export type FileOutcome = { readonly name: string; readonly ok: true; readonly size: number } | { readonly name: string; readonly ok: false; readonly problem: Exclude<MemberFileProblem, 'too-large'> };

/** The facts of the per-member attachments check. */
export interface MemberFilesFacts {
  /** The choice. */
  readonly choice: MemberFilesChoice;
  /** The folder's real path, or why it cannot be used. */
  readonly folder: { readonly ok: true; readonly path: string } | { readonly ok: false; readonly problem: FolderProblem };
  /** Whether the list has the column. */
  readonly columnExists: boolean;
  /** The members that will be sent, with how each of their names resolved (empty: the cell is empty). */
  readonly members: readonly { readonly line: number; readonly email: string; readonly outcomes: readonly FileOutcome[] }[];
  /** Raw sizes of the shared attachments. */
  readonly sharedRaw: readonly number[];
  /** The provider's largest encoded message, or null. */
  readonly maxMessageBytes: number | null;
}

/** The per-member attachments check: who has which problem, the largest message, and whether it blocks. */
export function memberFilesReport(facts: MemberFilesFacts): MemberFilesReport {
  const problems: MemberFilesReport['problems'] = [];
  let withFiles = 0;
  let files = 0;
  let noFile = 0;
  let largest = encodedMessageBytes(facts.sharedRaw, []);
  for (const member of facts.members) {
    if (member.outcomes.length === 0) {
      noFile += 1;
      continue;
    }
    const byProblem = new Map<MemberFileProblem, string[]>();
    const sizes: number[] = [];
    for (const outcome of member.outcomes) {
      if (outcome.ok) sizes.push(outcome.size);
      else byProblem.set(outcome.problem, [...(byProblem.get(outcome.problem) ?? []), outcome.name]);
    }
    for (const [problem, names] of byProblem) problems.push({ line: member.line, email: member.email, problem, names });
    const encoded = encodedMessageBytes(facts.sharedRaw, sizes);
    largest = Math.max(largest, encoded);
    if (facts.maxMessageBytes !== null && encoded > facts.maxMessageBytes) {
      problems.push({ line: member.line, email: member.email, problem: 'too-large', names: member.outcomes.filter((o) => o.ok).map((o) => o.name), encodedBytes: encoded });
    }
    if (sizes.length > 0) {
      withFiles += 1;
      files += sizes.length;
    }
  }
  problems.sort((a, b) => a.line - b.line || MEMBER_FILE_PROBLEMS.indexOf(a.problem) - MEMBER_FILE_PROBLEMS.indexOf(b.problem));
  const folderProblem = facts.folder.ok ? undefined : facts.folder.problem;
  const blocked =
    folderProblem !== undefined || !facts.columnExists || problems.some((p) => !(facts.choice.sendWithoutMissing && SENDABLE_WITHOUT.has(p.problem)));
  return {
    column: facts.choice.column,
    folder: facts.folder.ok ? facts.folder.path : facts.choice.folder,
    ...(folderProblem === undefined ? {} : { folderProblem }),
    columnMissing: !facts.columnExists,
    sendWithoutMissing: facts.choice.sendWithoutMissing,
    withFiles,
    files,
    noFile,
    problems,
    largestEncodedBytes: largest,
    limitBytes: facts.maxMessageBytes,
    blocked,
  };
}
