/**
 * "Send this notice to me": one member's message, exactly as the campaign would build it, sent to the
 * admin's own address (the account's From, or its login) with the subject marked as a test. Not a
 * campaign send: no journal, no recipient state. Counted in the account's 24-hour ledger, and held back
 * like any send when the daily limit is reached.
 */
import type { Member } from '../../lists/common/member-list';
import { isValidEmail } from '../../lists/common/member-list';
import { AppError } from '../../ipc/common/app-error';
import type { SendTestResult, TemplateDraft } from '../../ipc/common/contract';
import type { AccountRecord } from '../../accounts/node/account-record';
import type { AccountStore } from '../../accounts/node/account-store';
import { heldBackByProvider, noteRefusal, type SendLedger } from '../../accounts/node/send-ledger';
import type { SmtpTimeouts } from '../../accounts/node/smtp-transport';
import { sendOnce } from '../../accounts/node/send-once';
import type { Clock } from '../../storage/node/ports';
import { createMessageBuilder, type MemberAttachment, type MessageOptions } from '../../templates/node/message-builder';

/** The words that mark a test's subject, by the admin's language. */
export const TEST_SUBJECT_MARK = { ko: '[테스트]', en: '[Test]' } as const;

/** What a send to me did. */
export interface SendToMeResult {
  /** The address it went to. */
  readonly to: string;
  /** The subject as sent, mark included. */
  readonly subject: string;
  /** The member whose message it is (their address). */
  readonly member: string;
  /** The server's answer. */
  readonly result: SendTestResult;
}

/** The admin's own address for an account: its From address, or its login when that is an address. */
export function ownAddressOf(record: Pick<AccountRecord, 'fromAddress' | 'username'>): string {
  if (isValidEmail(record.fromAddress)) return record.fromAddress;
  if (isValidEmail(record.username)) return record.username;
  throw new AppError('invalid-input', 'This account has no address of its own to send a test to.', 'Give the account a From address.');
}

/** Builds `member`'s message and sends it to the admin, subject marked as a test. */
export async function sendToMe(
  deps: { readonly accounts: AccountStore; readonly ledger: SendLedger; readonly clock: Clock },
  record: AccountRecord,
  template: Pick<TemplateDraft, 'contentType' | 'subject' | 'content'>,
  member: Member,
  options: MessageOptions & { readonly language: 'ko' | 'en'; readonly memberAttachments?: readonly MemberAttachment[] },
  timeouts?: SmtpTimeouts,
): Promise<SendToMeResult> {
  const { accounts, ledger, clock } = deps;
  const to = ownAddressOf(record);
  const built = createMessageBuilder(record, template, { replyTo: options.replyTo, attachments: options.attachments })(member, undefined, options.memberAttachments);
  if (!built.ok) {
    const what = [...built.missing.map((p) => `{{${p}}}`), ...built.unsupported].join(', ');
    throw new AppError('invalid-input', `This member's message cannot be made: ${what}.`);
  }
  const subject = `${TEST_SUBJECT_MARK[options.language]} ${String(built.mail.subject ?? '')}`;
  const held = heldBackByProvider(ledger, record.id, clock.now());
  if (held !== undefined) return { to, subject, member: member.email, result: { status: 'failed', failure: held, durationMs: 0 } };
  const view = accounts.list().find((a) => a.id === record.id);
  const limit = view?.effectiveDailyLimit ?? null;
  if (limit !== null && ledger.sentInLastDay(record.id) + 1 > limit) {
    const freeAt = ledger.nextFreeAt(record.id);
    return {
      to,
      subject,
      member: member.email,
      result: {
        status: 'failed',
        failure: {
          diagnosis: 'daily-limit',
          message: `Mailroom held this test back: the account has sent ${ledger.sentInLastDay(record.id)} of its ${limit} messages in the last 24 hours${freeAt === undefined ? '' : `; the next one frees at ${new Date(freeAt).toISOString()}`}.`,
        },
        durationMs: 0,
      },
    };
  }
  const result = await sendOnce(record, await accounts.credentialsOf(record.id), { ...built.mail, to, subject }, clock, timeouts);
  if (result.status === 'sent') ledger.record(record.id);
  else noteRefusal(ledger, record.id, result.failure, clock.now());
  return { to, subject, member: member.email, result };
}
