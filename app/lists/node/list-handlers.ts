/** Handlers of the Lists, Templates and Compose screens: member lists, suppression, templates, pre-flight and campaign snapshots. */
import { AppError } from '../../ipc/common/app-error';
import type { ComposeInput, TemplateDraft } from '../../ipc/common/contract';
import type { Handlers } from '../../ipc/common/dispatch';
import { addressKey, buildMembers, buildPastedMembers, isValidEmail, parsePastedAddresses, PASTED_COLUMNS, type ColumnMapping, type Member, type MemberListReport } from '../common/member-list';
import { buildPreflight, classifyMembers, preflightPaths, type MemberClasses } from '../../campaigns/common/preflight';
import { gmailMayRewriteFrom, PRESETS } from '../../accounts/common/presets';
import { draftFromStarter, STARTER_TEMPLATES } from '../../templates/common/starter-templates';
import type { AccountStore } from '../../accounts/node/account-store';
import type { CampaignStore } from '../../campaigns/node/campaign-store';
import { decodeTable, guessMapping, importSizeError, reportToCsv } from './list-import';
import { summarize, type ListStore } from './list-store';
import { exportMembers, exportSuppression } from './list-export';
import { createMessageBuilder } from '../../templates/node/message-builder';
import type { Clock, EventSink } from '../../storage/node/ports';
import type { SendLedger } from '../../accounts/node/send-ledger';
import type { SuppressionStore } from './suppression-store';
import type { TemplateStore } from '../../templates/node/template-store';
import { sendToMe } from '../../campaigns/node/send-to-me';
import { listPlaceholders, mappedColumnsOf, placeholderHints, withMappedColumns } from '../../templates/common/list-placeholders';
import { checkMemberFiles, fileNameOf, readMemberFiles, resolveMemberFiles } from '../../member-files/node/member-files-service';

/** What these handlers work on. */
export interface ListHandlerDeps {
  /** Accounts (for compose). */
  readonly accounts: AccountStore;
  /** The send ledger (for the quota). */
  readonly ledger: SendLedger;
  /** Member lists. */
  readonly lists: ListStore;
  /** Suppressed addresses. */
  readonly suppression: SuppressionStore;
  /** Templates. */
  readonly templates: TemplateStore;
  /** Campaign snapshots. */
  readonly campaigns: CampaignStore;
  /** Pushes events. */
  readonly emit: EventSink;
  /** Time. */
  readonly clock: Clock;
}

type ListChannels =
  | 'templates:save'
  | 'templates:remove'
  | 'templates:starters'
  | 'lists:list'
  | 'lists:get'
  | 'lists:inspect'
  | 'lists:import'
  | 'lists:paste'
  | 'lists:rename'
  | 'lists:remove'
  | 'lists:set-members'
  | 'lists:report-csv'
  | 'lists:export'
  | 'suppression:export'
  | 'lists:members'
  | 'lists:header'
  | 'lists:edit-members'
  | 'suppression:list'
  | 'suppression:add'
  | 'suppression:remove'
  | 'compose:preview'
  | 'compose:preflight'
  | 'compose:send-to-me'
  | 'campaigns:create';

/** A list's members as the store keeps them for its current version (the same array until the list changes). */
type ComposeMembers = ReturnType<ListStore['members']>;

/** Decodes a base64 file after checking its size, so a 50 MB file is refused before it is decoded. */
function fileBytes(base64: string): Uint8Array | { error: ReturnType<typeof importSizeError> } {
  const size = Math.floor((base64.length * 3) / 4);
  const tooLarge = importSizeError(size);
  return tooLarge ? { error: tooLarge } : new Uint8Array(Buffer.from(base64, 'base64'));
}

/** Creates the handlers. */
export function createListHandlers(deps: ListHandlerDeps): Pick<Handlers, ListChannels> {
  const { lists, suppression, templates, accounts, campaigns, ledger, emit, clock } = deps;
  const announceLists = () => emit('lists:changed', { lists: lists.summaries() });
  const announceTemplates = () => emit('templates:changed', { templates: templates.list() });

  const saveReport = (
    input: { listId?: string | undefined; name: string },
    columns: readonly string[],
    mapping: ColumnMapping,
    report: MemberListReport,
    source: { kind: 'file' | 'paste'; fileName?: string; encoding?: string },
  ) => {
    const list = lists.save({ id: input.listId, name: input.name, columns: [...columns], mapping, members: report.members, rejected: report.rejected, source });
    announceLists();
    // The members stay in the main process: the page asks for the rows it shows (`lists:members`).
    return { list: summarize(list), report: { ...report, members: [] } };
  };

  /** Saves a list's edited rows, validated exactly like an import: the edited rows become a table again. */
  const saveMembers = (id: string, members: readonly { readonly email: string; readonly name: string; readonly fields: Readonly<Record<string, string>> }[]) => {
    const list = lists.header(id);
    const fieldNames = [...new Set(members.flatMap((m) => Object.keys(m.fields)))];
    const columns = ['email', 'name', ...fieldNames];
    const rows = members.map((m, i) => ({ line: i + 2, cells: [m.email, m.name, ...fieldNames.map((f) => m.fields[f] ?? '')] }));
    const report = buildMembers({ columns, rows, mapping: { address: 0, name: 1 }, suppressed: suppression.addresses() });
    return saveReport({ listId: id, name: list.name }, columns, { address: 0, name: 1 }, report, list.source);
  };

  const resolveTemplate = (template: ComposeInput['template']): Pick<TemplateDraft, 'contentType' | 'subject' | 'content' | 'usageType'> => {
    if ('inline' in template) return template.inline;
    const found = templates.get(template.templateId);
    if (!found) throw new AppError('not-found', 'That template no longer exists.');
    return found;
  };

  /**
   * A list's members with the name and address columns also under their headers (`{{이름}}`), mapped
   * once per version of the list: the same array comes back until the list changes, which is what the
   * kept pre-flight pass below keys on.
   */
  const withColumns = new WeakMap<object, Member[]>();
  const membersWithColumns = (listId: string, header: Parameters<typeof mappedColumnsOf>[0]): Member[] => {
    const source = lists.members(listId);
    let mapped = withColumns.get(source);
    if (!mapped) {
      const columns = mappedColumnsOf(header);
      mapped = source.map((m) => withMappedColumns(m, columns));
      withColumns.set(source, mapped);
    }
    return mapped;
  };

  const composeContext = (input: ComposeInput) => {
    const record = accounts.record(input.accountId);
    // The members are read from the database once per change of the list, not per keystroke.
    const header = lists.header(input.listId);
    // Every column header fills a placeholder of its own name, the name and address columns too.
    const list = { ...header, members: membersWithColumns(input.listId, header) };
    const template = resolveTemplate(input.template);
    return { record, list, template, preset: PRESETS[record.presetId] };
  };

  /**
   * The last per-member pass of the pre-flight, kept while the list's version (its members array), the
   * suppressed and excluded addresses and the template's placeholders stay the same: typing in Compose
   * changes the text far more often than the placeholders, so most changes skip the pass over the members.
   */
  let lastPass: { members: readonly unknown[]; suppressed: ReadonlySet<string>; excluded: string; paths: string; classes: MemberClasses } | undefined;
  const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size === b.size && [...a].every((x) => b.has(x));
  const memberPass = (members: ComposeMembers, suppressed: ReadonlySet<string>, excluded: ReadonlySet<string>, template: Pick<TemplateDraft, 'subject' | 'content'>): MemberClasses => {
    const paths = preflightPaths(template);
    const key = { excluded: [...excluded].sort().join('\n'), paths: JSON.stringify(paths) };
    if (lastPass && lastPass.members === members && lastPass.excluded === key.excluded && lastPass.paths === key.paths && sameSet(lastPass.suppressed, suppressed)) return lastPass.classes;
    const classes = classifyMembers({ members, suppressed, excluded }, paths);
    lastPass = { members, suppressed, ...key, classes };
    return classes;
  };

  const preflightOf = (input: ComposeInput) => {
    const { record, list, template, preset } = composeContext(input);
    const suppressed = suppression.addresses();
    const excluded = new Set(input.excluded.map(addressKey));
    const preflightInput = {
      members: list.members,
      rejectedAtImport: list.rejected,
      suppressed,
      excluded,
      template,
      attachmentBytes: input.attachments.map((a) => Math.floor((a.base64.length * 3) / 4)),
      maxMessageBytes: preset.maxMessageBytes,
      fromRewritten: gmailMayRewriteFrom(record.presetId, record.username, record.fromAddress),
      sender: { presetId: record.presetId, fromPolicy: preset.from, username: record.username, fromAddress: record.fromAddress },
      dailyLimit: record.dailyLimit ?? preset.dailyLimit,
      sentLast24h: ledger.sentInLastDay(record.id),
      nextFreeAt: ledger.nextFreeAt(record.id),
      perMinute: input.perMinute ?? preset.perMinute,
      now: clock.now(),
    };
    const held = ledger.providerLimit(record.id);
    const heldUntil = held === undefined ? undefined : Date.parse(held.resumeAt);
    // While the provider says its limit is reached, the campaign waits until the time it gave: the
    // estimate starts there, and nothing fits "today".
    const waiting = heldUntil !== undefined && heldUntil > preflightInput.now;
    const estimated = buildPreflight(waiting ? { ...preflightInput, now: heldUntil } : preflightInput, memberPass(list.members, suppressed, excluded, template));
    const report = held === undefined ? estimated : { ...estimated, providerLimit: held, quota: { ...estimated.quota, fitsToday: estimated.quota.fitsToday && !waiting } };
    const offered = listPlaceholders(list).map((p) => p.path);
    const missing = [...new Set(report.unfillable.flatMap((u) => u.missing))];
    const unfillable = new Set(report.unfillable.map((u) => addressKey(u.email)));
    const keep = (m: Member) => {
      const key = addressKey(m.email);
      return !excluded.has(key) && !suppressed.has(key) && !unfillable.has(key);
    };
    // The files are looked up with the mapped columns under their headers; the snapshot keeps the
    // members as the list stores them, the mapped columns once (added again where messages are rendered).
    // Read only when needed: a Compose change asks for the report alone, and a long list costs its read.
    const stored = () => lists.members(input.listId).filter(keep);
    // Per-member attachments: every recipient's files resolved inside the chosen folder, sized with the shared ones.
    const memberFiles = input.memberFiles
      ? checkMemberFiles(input.memberFiles, list.members.filter(keep), { columns: list.columns, sharedRaw: preflightInput.attachmentBytes, maxMessageBytes: preset.maxMessageBytes })
      : undefined;
    const withFiles = memberFiles ? { memberFiles: memberFiles.report, blocked: report.blocked || memberFiles.report.blocked } : {};
    return { report: { ...report, offered, hints: placeholderHints(missing, offered), ...withFiles }, record, list, template, preset, stored, memberFiles };
  };

  return {
    'templates:save': async (draft) => {
      const saved = templates.save(draft);
      announceTemplates();
      return saved;
    },
    'templates:remove': async ({ id }) => {
      templates.remove(id);
      announceTemplates();
      return { id };
    },
    'templates:starters': async () => STARTER_TEMPLATES.map((s) => ({ ...draftFromStarter(s), language: s.language, fields: [...s.fields] })),

    'lists:list': async () => lists.summaries(),
    'lists:get': async ({ id }) => lists.get(id),
    'lists:inspect': async ({ base64, encoding }) => {
      const bytes = fileBytes(base64);
      if ('error' in bytes) return { ok: false, error: bytes.error! };
      const table = decodeTable(bytes, { encoding });
      if ('error' in table) return { ok: false, error: table };
      const { rows, ...rest } = table;
      return { ok: true, table: rest, sample: rows.slice(0, 8).map((r) => r.cells), rowCount: rows.length, guessed: guessMapping(table.columns, rows) };
    },
    'lists:import': async (input) => {
      const bytes = fileBytes(input.base64);
      if ('error' in bytes) throw new AppError('invalid-input', `file: ${bytes.error!.detail}`);
      const table = decodeTable(bytes, { encoding: input.encoding });
      if ('error' in table) throw new AppError('invalid-input', `file: ${table.detail}`);
      const report = buildMembers({ columns: table.columns, rows: table.rows, mapping: input.mapping, suppressed: suppression.addresses(), unreadable: table.unreadable });
      return saveReport(input, table.columns, input.mapping, report, { kind: 'file', fileName: input.fileName, encoding: table.encoding });
    },
    'lists:paste': async (input) => {
      const report = buildPastedMembers(parsePastedAddresses(input.text).members, suppression.addresses());
      return saveReport(input, PASTED_COLUMNS, { address: 0, name: 1 }, report, { kind: 'paste' });
    },
    'lists:rename': async ({ id, name }) => {
      const summary = lists.rename(id, name);
      announceLists();
      return summary;
    },
    'lists:remove': async ({ id }) => {
      lists.remove(id);
      announceLists();
      return { id };
    },
    'lists:set-members': async ({ id, members }) => saveMembers(id, members),
    'lists:members': async ({ listId, offset, limit, query }) => (query === undefined || query.trim() === '' ? lists.page(listId, offset, limit) : lists.search(listId, query, offset, limit)),
    'lists:header': async ({ id }) => {
      const header = lists.header(id);
      return { ...lists.summary(id), rejected: header.rejected };
    },
    'lists:edit-members': async ({ id, edits, removed, added }) => {
      // Only the changed rows cross IPC; the whole list is rebuilt here and validated exactly like `lists:set-members`.
      const saved = lists.members(id);
      const outOfRange = [...edits.map((e) => e.position), ...removed].find((p) => p >= saved.length);
      if (outOfRange !== undefined) throw new AppError('invalid-input', `position: Row ${outOfRange + 1} is not in this list any more.`, 'Reload the list and make the change again.');
      const edited = new Map(edits.map((e) => [e.position, e]));
      const gone = new Set(removed);
      const members: { email: string; name: string; fields: Readonly<Record<string, string>> }[] = [];
      saved.forEach((member, position) => {
        if (gone.has(position)) return;
        const edit = edited.get(position);
        members.push(edit ? { email: edit.email, name: edit.name, fields: member.fields } : member);
      });
      members.push(...added);
      return saveMembers(id, members);
    },
    'lists:report-csv': async ({ id }) => {
      const list = lists.header(id);
      // A UTF-8 byte-order mark makes Excel read Korean text right.
      return { fileName: `${list.name}-import-report.csv`, content: `\ufeff${reportToCsv({ rejected: list.rejected })}` };
    },

    'lists:export': async ({ id, format }) => {
      const list = lists.get(id);
      const file = exportMembers(list.members, suppression.addresses(), format, list.columns);
      return { fileName: `${list.name}-${format === 'listmonk' ? 'listmonk' : 'members'}.csv`, ...file };
    },
    'suppression:export': async ({ format }) => {
      const file = exportSuppression(suppression.list(), format);
      return { fileName: `suppression-${format === 'listmonk' ? 'listmonk-blocklist' : 'list'}.csv`, ...file };
    },
    'suppression:list': async () => suppression.list(),
    'suppression:add': async ({ text, reason }) => {
      const pasted = parsePastedAddresses(text).members;
      const valid = pasted.filter((m) => isValidEmail(m.email)).map((m) => m.email);
      const invalid = pasted.filter((m) => !isValidEmail(m.email)).map((m) => m.email);
      return { added: suppression.add(valid, reason), invalid };
    },
    'suppression:remove': async ({ email }) => {
      suppression.remove(email);
      return { email };
    },

    'compose:preview': async (input) => {
      const { record, list, template } = composeContext(input);
      const member = list.members[Math.min(input.memberIndex, list.members.length - 1)];
      if (!member) throw new AppError('invalid-input', 'listId: This list has no members.');
      const built = createMessageBuilder(record, template, input)(member);
      const own = input.memberFiles ? resolveMemberFiles(input.memberFiles, member) : undefined;
      const ownPreview = own ? { memberFiles: own.files.map((f) => ({ fileName: fileNameOf(f), size: f.size })), memberFilesMissing: own.missing } : {};
      return built.ok
        ? { ok: true, memberCount: list.members.length, message: { ...built.preview, ...ownPreview } }
        : (() => {
            const offered = listPlaceholders(list).map((p) => p.path);
            return { ok: false as const, memberCount: list.members.length, missing: [...built.missing], unsupported: [...built.unsupported], offered, hints: placeholderHints(built.missing, offered) };
          })();
    },
    'compose:preflight': async (input) => preflightOf(input).report,
    'compose:send-to-me': async (input) => {
      const { record, list, template } = composeContext(input);
      const member = list.members[Math.min(input.memberIndex, list.members.length - 1)];
      if (!member) throw new AppError('invalid-input', 'listId: This list has no members.');
      const own = input.memberFiles ? resolveMemberFiles(input.memberFiles, member) : undefined;
      const read = own && own.folder !== null ? readMemberFiles({ ...input.memberFiles!, folder: own.folder, files: [own.files] }, 0) : undefined;
      if (read && !read.ok) throw new AppError('invalid-input', read.failure.message);
      const sent = await sendToMe({ accounts, ledger, clock }, record, template, member, { ...input, ...(read?.ok ? { memberAttachments: read.attachments } : {}) });
      if (sent.result.status === 'sent') emit('accounts:changed', { accounts: accounts.list() });
      return sent;
    },
    'campaigns:create': async (input) => {
      const { report, record, list, template, preset, stored, memberFiles } = preflightOf(input);
      if (report.blocked) throw new AppError('invalid-input', 'The pre-flight check found problems that block sending.', 'Fix or exclude the members listed, then try again.');
      const snapshot = campaigns.create({
        accountId: record.id,
        accountLabel: record.label,
        listName: list.name,
        listId: list.id,
        template: { contentType: template.contentType, subject: template.subject, content: template.content, usageType: template.usageType },
        recipients: stored(),
        mappedColumns: mappedColumnsOf(list),
        replyTo: input.replyTo,
        attachments: input.attachments,
        perMinute: input.perMinute ?? preset.perMinute,
        ...(input.locale === undefined ? {} : { locale: input.locale }),
        ...(memberFiles && input.memberFiles
          ? { memberFiles: { column: input.memberFiles.column, folder: memberFiles.report.folder, sendWithoutMissing: input.memberFiles.sendWithoutMissing, files: memberFiles.files } }
          : {}),
      });
      return { id: snapshot.id, recipients: snapshot.recipients.length };
    },
  };
}
