/**
 * "Send one message": the shape of a simple send API (account, from name, to, subject, HTML or text,
 * attachments), or a saved template with `{{code}}`-style values. Built by the same message builder as
 * campaigns, sent by the same account transport, counted in the same 24-hour ledger.
 */
import { AppError } from '../../ipc/common/app-error';
import type { MessageSendInput, SendTestResult, TemplateView } from '../../ipc/common/contract';
import { createMessageBuilder } from '../../templates/node/message-builder';
import { renderMessage } from '../../templates/node/template-render';
import type { AccountStore } from './account-store';
import { heldBackByProvider, noteRefusal, type SendLedger } from './send-ledger';
import type { Clock } from '../../storage/node/ports';
import type { SmtpTimeouts } from './smtp-transport';
import { sendOnce } from './send-once';

/** Sends one message to every `to` address; a refusal of the server comes back as `failed`, never thrown. */
export async function sendOneMessage(
  deps: { readonly accounts: AccountStore; readonly ledger: SendLedger; readonly clock: Clock; readonly templates: () => readonly TemplateView[] },
  input: MessageSendInput,
  timeouts?: SmtpTimeouts,
): Promise<SendTestResult> {
  const { accounts, ledger, clock } = deps;
  const stored = accounts.record(input.accountId);
  const record = input.fromName === undefined ? stored : { ...stored, fromName: input.fromName };
  const template = templateOf(input, deps.templates());
  const member = { line: 1, email: input.to[0]!, name: '', fields: input.vars };
  const built = createMessageBuilder(record, template, { replyTo: '', attachments: input.attachments })(member);
  if (!built.ok) {
    const what = [...built.missing.map((p) => `{{${p}}}`), ...built.unsupported].join(', ');
    throw new AppError('invalid-input', `The message has placeholders without a value or that Mailroom cannot fill: ${what}.`, 'Give each value with --var name=value.');
  }
  const mail = { ...built.mail, to: [...input.to] };
  // Both parts given: the plain one is the user's own, not the one made from the HTML.
  if (input.templateId === undefined && input.html !== undefined && input.text !== undefined) {
    const plain = renderMessage({ contentType: 'text/plain', subject: template.subject, content: input.text }, member);
    if (plain.ok) mail.text = plain.text;
  }
  const started = clock.now();
  const held = heldBackByProvider(ledger, input.accountId, started);
  if (held !== undefined) return { status: 'failed', failure: held, durationMs: 0 };
  const view = accounts.list().find((a) => a.id === input.accountId);
  const limit = view?.effectiveDailyLimit ?? null;
  if (limit !== null && ledger.sentInLastDay(input.accountId) + input.to.length > limit) {
    const freeAt = ledger.nextFreeAt(input.accountId);
    return {
      status: 'failed',
      failure: {
        diagnosis: 'daily-limit',
        message: `Mailroom held this message back: the account has sent ${ledger.sentInLastDay(input.accountId)} of its ${limit} messages in the last 24 hours${freeAt === undefined ? '' : `; the next one frees at ${new Date(freeAt).toISOString()}`}.`,
      },
      durationMs: 0,
    };
  }
  const result = await sendOnce(record, await accounts.credentialsOf(input.accountId), mail, clock, timeouts);
  if (result.status === 'failed') noteRefusal(ledger, input.accountId, result.failure, clock.now());
  return result;
}

/** The template of the send: a saved one by id, or the subject and body given. */
function templateOf(input: MessageSendInput, saved: readonly TemplateView[]) {
  if (input.templateId !== undefined) {
    const found = saved.find((t) => t.id === input.templateId);
    if (!found) throw new AppError('not-found', 'That template no longer exists.');
    return { contentType: found.contentType, subject: input.subject ?? found.subject, content: found.content };
  }
  if (input.html !== undefined) return { contentType: 'text/html' as const, subject: input.subject ?? '', content: input.html };
  return { contentType: 'text/plain' as const, subject: input.subject ?? '', content: input.text ?? '' };
}
