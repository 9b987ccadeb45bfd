/**
 * Moving accounts to another computer: one file, encrypted as a whole (scrypt → AES-256-GCM, the same
 * passphrase cipher as the secret store). Passwords travel inside the encrypted part only; on import
 * they are encrypted again with this computer's protection.
 *
 * The page never holds an export it could open: the main process makes a strong passphrase, and the
 * host (`ExportDeliverer`) saves the file and shows the passphrase itself — Electron in native dialogs,
 * the browser host in its data folder and on its own terminal. The page learns only where the file is.
 * Files exported by earlier builds (with a passphrase the user chose, older scrypt cost) still import.
 */
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../ipc/common/app-error';
import { accountDraftSchema, type AccountDraft } from '../../ipc/common/contract';
import type { AccountStore } from './account-store';
import { createPassphraseCipher } from '../../secrets/node/passphrase-cipher';

/** The outer, readable part of an export file. */
const exportFileSchema = z.object({
  /** Identifies the file. */
  format: z.literal('mailroom-accounts'),
  /** File format version. */
  version: z.literal(1),
  /** How `data` is encrypted. */
  encryption: z.literal('scrypt-aes-256-gcm'),
  /** The encrypted JSON of the accounts. */
  data: z.string().min(1),
});

/** The inner, encrypted part: account drafts with their passwords. */
const exportBodySchema = z.object({ accounts: z.array(accountDraftSchema) });

/** A finished export, for the host's eyes only: it holds the passphrase that opens the file. */
export interface AccountsExportFile {
  /** A suggested file name. */
  readonly fileName: string;
  /** The file's text (its secrets encrypted under `passphrase`). */
  readonly content: string;
  /** The passphrase that opens it: shown to the person by the host, never sent to the page. */
  readonly passphrase: string;
  /** How many accounts are in it. */
  readonly count: number;
}

/** Where the host put the file, and where it showed the passphrase; or that the person cancelled. */
export type ExportDelivery =
  | { readonly saved: true; readonly location: string; readonly passphraseShownIn: 'dialog' | 'terminal' }
  | { readonly saved: false };

/** Saves an export and shows its passphrase to the person, outside the page (a host port). */
export type ExportDeliverer = (file: AccountsExportFile) => Promise<ExportDelivery>;

/** What `accounts:export` returns to the page: no content, no passphrase. */
export type ExportResult =
  | { readonly status: 'saved'; readonly count: number; readonly location: string; readonly passphraseShownIn: 'dialog' | 'terminal' }
  | { readonly status: 'cancelled' };

/** Letters that cannot be mistaken for each other when copied by hand (no 0/O, 1/I/L). */
const PASSPHRASE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const PASSPHRASE_GROUPS = 6;
const PASSPHRASE_GROUP_LENGTH = 5;

/** A new export passphrase: 6 groups of 5 from 31 letters and digits (about 148 bits), e.g. `K7QMX-…`. */
export function generateExportPassphrase(): string {
  const groups: string[] = [];
  for (let g = 0; g < PASSPHRASE_GROUPS; g += 1) {
    let group = '';
    for (let i = 0; i < PASSPHRASE_GROUP_LENGTH; i += 1) group += PASSPHRASE_ALPHABET[randomInt(PASSPHRASE_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** A typed generated passphrase in its exact form: upper case, groups joined by `-`, spaces dropped; undefined when it is not one. */
function canonicalGenerated(typed: string): string | undefined {
  const letters = typed.toUpperCase().replace(/[\s-]+/g, '');
  if (letters.length !== PASSPHRASE_GROUPS * PASSPHRASE_GROUP_LENGTH || [...letters].some((c) => !PASSPHRASE_ALPHABET.includes(c))) return undefined;
  return letters.match(new RegExp(`.{${PASSPHRASE_GROUP_LENGTH}}`, 'g'))?.join('-');
}

/** Exports the given accounts (all when `ids` is empty) through the host's deliverer; the page gets only the outcome. */
export async function exportAccounts(accounts: AccountStore, ids: readonly string[], deliver: ExportDeliverer): Promise<ExportResult> {
  const file = await buildAccountsExport(accounts, ids, generateExportPassphrase());
  const delivery = await deliver(file);
  return delivery.saved ? { status: 'saved', count: file.count, location: delivery.location, passphraseShownIn: delivery.passphraseShownIn } : { status: 'cancelled' };
}

/** Builds the export file for the given accounts (all when `ids` is empty), encrypted under `passphrase`. */
export async function buildAccountsExport(accounts: AccountStore, ids: readonly string[], passphrase: string): Promise<AccountsExportFile> {
  if (passphrase.length < 8) throw new AppError('invalid-input', 'passphrase: Use at least 8 characters.');
  const chosen = ids.length === 0 ? accounts.list().map((a) => a.id) : ids;
  const drafts: AccountDraft[] = [];
  for (const id of chosen) {
    const r = accounts.record(id);
    // A Google OAuth grant is tied to this consent: another computer connects the account itself.
    if (r.auth?.kind === 'oauth') continue;
    const password = await accounts.secretOf(id);
    drafts.push({
      presetId: r.presetId,
      label: r.label,
      host: r.host,
      port: r.port,
      security: r.security,
      username: r.username,
      ...(password === undefined ? {} : { password }),
      fromAddress: r.fromAddress,
      fromName: r.fromName,
      replyTo: r.replyTo,
      ehloName: r.ehloName,
      tlsServername: r.tlsServername,
      ...(r.dailyLimit === undefined ? {} : { dailyLimit: r.dailyLimit }),
      ...(r.caCertificate === '' ? {} : { caCertificate: r.caCertificate }),
    });
  }
  const data = await createPassphraseCipher(passphrase).encrypt(JSON.stringify({ accounts: drafts }));
  const file = { format: 'mailroom-accounts', version: 1, encryption: 'scrypt-aes-256-gcm', data } as const;
  return { fileName: 'mailroom-accounts.mailroom', content: JSON.stringify(file, null, 2), passphrase, count: drafts.length };
}

/** Reads an export file and adds its accounts; an account already here (same server, login and From) is skipped. */
export async function importAccounts(accounts: AccountStore, content: string, passphrase: string): Promise<{ imported: number; skipped: number }> {
  let outer: z.infer<typeof exportFileSchema>;
  try {
    outer = exportFileSchema.parse(JSON.parse(content));
  } catch {
    throw new AppError('invalid-input', 'file: This is not a Mailroom accounts file.', 'Choose the .mailroom file made by "Export accounts".');
  }
  const wrongPassphrase = new AppError('invalid-input', 'passphrase: This passphrase does not open the file.', 'Type the passphrase used when the file was exported.');
  // As typed first (files of earlier builds had passphrases people chose), then as a generated one.
  const candidates = [...new Set([passphrase, canonicalGenerated(passphrase)])].filter((p): p is string => p !== undefined && p.length >= 8);
  let body: z.infer<typeof exportBodySchema> | undefined;
  for (const candidate of candidates) {
    try {
      body = exportBodySchema.parse(JSON.parse(await createPassphraseCipher(candidate).decrypt(outer.data)));
      break;
    } catch {
      // Try the next form.
    }
  }
  if (body === undefined) throw wrongPassphrase;
  const same = (a: { host: string; port: number; username: string; fromAddress: string }, b: typeof a) =>
    a.host === b.host && a.port === b.port && a.username === b.username && a.fromAddress.toLowerCase() === b.fromAddress.toLowerCase();
  let imported = 0;
  let skipped = 0;
  for (const draft of body.accounts) {
    if (accounts.list().some((existing) => same(existing, draft))) {
      skipped += 1;
      continue;
    }
    const { id: _ignored, ...fresh } = draft;
    await accounts.save(fresh);
    imported += 1;
  }
  return { imported, skipped };
}
