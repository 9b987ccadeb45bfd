/**
 * Importing a Logto SMTP connector file, once or again: the same file twice updates the account it made
 * (same host, port and login) and its templates (same usage type) instead of adding copies, when the
 * admin says so; first it is asked.
 */
import { AppError } from '../../ipc/common/app-error';
import { accountDraftSchema, type AccountView, type TemplateView } from '../../ipc/common/contract';
import { parseLogtoConfig, type LogtoNote } from '../../logto/common/logto-config';
import type { TemplateStore } from '../../templates/node/template-store';
import type { AccountStore } from './account-store';

/** `ask`: report a match without saving; `update`: update the match; `new`: always add. */
export type LogtoImportMode = 'ask' | 'update' | 'new';

/** What the import did. */
export interface LogtoImportOutcome {
  /** `imported` (new), `updated` (the match), or `matches-existing` (nothing saved: ask the admin). */
  readonly status: 'imported' | 'updated' | 'matches-existing';
  /** The account saved, or the existing match. */
  readonly account: AccountView;
  /** The templates saved, or the existing ones the file would update. */
  readonly templates: TemplateView[];
  /** Notes of the reading. */
  readonly notes: LogtoNote[];
}

const sameText = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The saved account a draft would duplicate: same host (any case), port and login (any case). */
export function matchingAccount(accounts: readonly AccountView[], draft: { readonly host: string; readonly port: number; readonly username: string }): AccountView | undefined {
  return accounts.find((a) => sameText(a.host, draft.host) && a.port === draft.port && sameText(a.username, draft.username));
}

/** Imports the file as `mode` says. */
export async function importLogto(deps: { readonly accounts: AccountStore; readonly templates: TemplateStore }, text: string, mode: LogtoImportMode): Promise<LogtoImportOutcome> {
  const parsed = parseLogtoConfig(text);
  if (!parsed.ok) throw new AppError('invalid-input', `${parsed.error.field}: ${parsed.error.message}`);
  const draft = accountDraftSchema.parse(parsed.account);
  const existing = mode === 'new' ? undefined : matchingAccount(deps.accounts.list(), draft);
  const saved = deps.templates.list();
  const matchOf = (usageType: string) => (existing ? saved.find((t) => t.usageType === usageType) : undefined);
  if (existing && mode === 'ask') {
    const would = parsed.templates.flatMap((t) => matchOf(t.usageType) ?? []);
    return { status: 'matches-existing', account: existing, templates: would, notes: parsed.notes };
  }
  // An update keeps the account's name and, when the file has no password, its stored one.
  const account = await deps.accounts.save(existing ? { ...draft, id: existing.id, label: existing.label } : draft);
  const templates = parsed.templates.map((template) => {
    const match = matchOf(template.usageType);
    return deps.templates.save(match ? { ...template, id: match.id, name: match.name } : template);
  });
  return { status: existing ? 'updated' : 'imported', account, templates, notes: parsed.notes };
}
