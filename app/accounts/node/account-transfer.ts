/**
 * Moving accounts to another computer: one file, encrypted as a whole with a passphrase the user
 * chooses (scrypt → AES-256-GCM, the same passphrase cipher as the secret store). Passwords travel
 * inside the encrypted part only; on import they are encrypted again with this computer's protection.
 */
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

/** Writes the export file for the given accounts (all when `ids` is empty). */
export async function exportAccounts(accounts: AccountStore, ids: readonly string[], passphrase: string): Promise<{ fileName: string; content: string; count: number }> {
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
  return { fileName: 'mailroom-accounts.mailroom', content: JSON.stringify(file, null, 2), count: drafts.length };
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
  if (passphrase.length < 8) throw wrongPassphrase;
  let body: z.infer<typeof exportBodySchema>;
  try {
    body = exportBodySchema.parse(JSON.parse(await createPassphraseCipher(passphrase).decrypt(outer.data)));
  } catch {
    throw wrongPassphrase;
  }
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
