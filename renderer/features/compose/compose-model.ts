/** Compose's pure state: what the user chose, and the request it makes. */
import type { ComposeDraftData, ComposeInput, TemplateDraft } from '../../../app/ipc/common/contract';
import { addressKey } from '../../../app/lists/common/member-list';

/** An attachment held by the form. */
export interface PendingAttachment {
  /** File name. */
  readonly fileName: string;
  /** MIME type. */
  readonly contentType: string;
  /** Size in bytes. */
  readonly size: number;
  /** Bytes, base64. */
  readonly base64: string;
}

/** What the user has chosen so far. */
export interface ComposeState {
  /** Account id, or empty. */
  readonly accountId: string;
  /** List id, or empty. */
  readonly listId: string;
  /** A saved template's id, or `inline` to write one here. */
  readonly templateId: string;
  /** The message written here, when `templateId` is `inline`. */
  readonly inline: Pick<TemplateDraft, 'contentType' | 'subject' | 'content'>;
  /** Reply-To, or empty. */
  readonly replyTo: string;
  /** Attachments. */
  readonly attachments: readonly PendingAttachment[];
  /** Members left out, by address key. */
  readonly excluded: ReadonlySet<string>;
  /** Messages per minute as typed; empty = the provider's default pace. */
  readonly perMinute: string;
  /** Per-member attachments: the column (empty = none), the folder, and whether a missing file is sent without. */
  readonly memberFiles: MemberFilesState;
}

/** The per-member attachments choice as the form holds it. */
export interface MemberFilesState {
  /** The list column naming each member's files; empty = none. */
  readonly column: string;
  /** The folder's path; empty = not chosen yet. */
  readonly folder: string;
  /** Send members whose file is missing without it. */
  readonly sendWithoutMissing: boolean;
}

/** No per-member attachments. */
export const NO_MEMBER_FILES: MemberFilesState = { column: '', folder: '', sendWithoutMissing: false };

/** The state compose starts in. */
export const INITIAL_COMPOSE: ComposeState = {
  accountId: '',
  listId: '',
  templateId: 'inline',
  inline: { contentType: 'text/plain', subject: '', content: '' },
  replyTo: '',
  attachments: [],
  excluded: new Set(),
  perMinute: '',
  memberFiles: NO_MEMBER_FILES,
};

/** The pace the user typed, when it is a whole number in range; undefined = the provider's default. */
export function paceOf(state: ComposeState): number | undefined {
  const value = Number(state.perMinute.trim());
  return state.perMinute.trim() !== '' && Number.isInteger(value) && value >= 1 && value <= 6000 ? value : undefined;
}

/** The request for preview, pre-flight and create, or null while something required is missing. */
export function composeRequest(state: ComposeState): ComposeInput | null {
  if (state.accountId === '' || state.listId === '') return null;
  const perMinute = paceOf(state);
  if (state.templateId === 'inline' && state.inline.subject.trim() === '' && state.inline.content.trim() === '') return null;
  return {
    accountId: state.accountId,
    listId: state.listId,
    template:
      state.templateId === 'inline'
        ? { inline: { name: 'Compose', usageType: 'Notice', ...state.inline } }
        : { templateId: state.templateId },
    replyTo: state.replyTo.trim(),
    attachments: state.attachments.map(({ fileName, contentType, base64 }) => ({ fileName, contentType, base64 })),
    excluded: [...state.excluded],
    ...(perMinute === undefined ? {} : { perMinute }),
    ...(state.memberFiles.column !== '' && state.memberFiles.folder.trim() !== '' ? { memberFiles: { ...state.memberFiles, folder: state.memberFiles.folder.trim() } } : {}),
  };
}

/** Leaves members out (or puts them back). */
export function withExcluded(state: ComposeState, emails: readonly string[], excluded: boolean): ComposeState {
  const next = new Set(state.excluded);
  for (const email of emails) {
    if (excluded) next.add(addressKey(email));
    else next.delete(addressKey(email));
  }
  return { ...state, excluded: next };
}

/** A byte count for people: 1.2 MB, 340 KB. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** What a draft keeps of the state (shared attachments are not kept: they are files the admin picks again; the per-member attachments column and folder are). */
export function draftDataOf(state: ComposeState): ComposeDraftData {
  return {
    accountId: state.accountId,
    listId: state.listId,
    templateId: state.templateId,
    inline: { ...state.inline },
    replyTo: state.replyTo,
    excluded: [...state.excluded],
    perMinute: state.perMinute,
    ...(state.memberFiles.column === '' && state.memberFiles.folder === '' ? {} : { memberFiles: { ...state.memberFiles } }),
  };
}

/** The state a saved draft reopens to. */
export function stateOfDraft(data: ComposeDraftData): ComposeState {
  return { ...INITIAL_COMPOSE, ...data, inline: { ...data.inline }, excluded: new Set(data.excluded), attachments: [], memberFiles: data.memberFiles ? { ...data.memberFiles } : NO_MEMBER_FILES };
}

/** Whether the state holds anything worth keeping as a draft (a subject, a message or a chosen template). */
export function isWorthADraft(state: ComposeState): boolean {
  return state.templateId !== 'inline' || state.inline.subject.trim() !== '' || state.inline.content.trim() !== '';
}

/** The title a draft is listed under: the subject as written, or the template's name. */
export function draftTitleOf(state: ComposeState, templateName: string | undefined): string {
  return state.templateId === 'inline' ? state.inline.subject.trim() : (templateName ?? '');
}
