/**
 * Reads one mailbox message (raw RFC 5322 source) into what the watcher acts on: delivery reports
 * (RFC 3464 multipart/report and the plain-text shapes of Gmail, Microsoft, Postfix, qmail, Exim,
 * sendmail, Naver and Daum), an auto-reply, an unsubscribe request, or nothing of ours.
 * Parsing is mailparser's (MIME, charsets, encoded words); only the report text is read here.
 */
import { createHash } from 'node:crypto';
import { simpleParser, type ParsedMail } from 'mailparser';
import { convert } from 'html-to-text';
import { classifyBounce, type DeliveryReport, type DsnAction, type DsnShape } from '../common/delivery-report';
import { isAutoReply } from '../common/auto-reply';
import { asksToUnsubscribe, parseUnsubscribeToken } from '../common/unsubscribe-request';

/** What one message is, for the watcher. */
export type MailboxMessage =
  | { readonly kind: 'delivery-report'; readonly key: string; readonly reports: readonly DeliveryReport[] }
  | { readonly kind: 'auto-reply'; readonly key: string; readonly from: string }
  | {
      readonly kind: 'unsubscribe-request';
      readonly key: string;
      readonly from: string;
      readonly subject: string;
      readonly excerpt: string;
      readonly receivedAt: string;
      /** In-Reply-To and References of the reply. */
      readonly messageIds: readonly string[];
      /** The member token of a List-Unsubscribe mailto subject, when present. */
      readonly token: { readonly campaignId: string; readonly memberIndex: number } | null;
    }
  | { readonly kind: 'other'; readonly key: string };

const EMAIL = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+/;
const EMAIL_G = new RegExp(EMAIL.source, 'g');
const STATUS = /(?:^|[^\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.]*\d)/;
const SMTP_CODE = /(?:^|[^\d])([245]\d\d)(?:[ -]|$)/;
const DSN_SUBJECT = /undeliver|delivery status notification|returned mail|failure notice|mail delivery failed|delivery failure|non-?delivery|발송\s*실패|전송되지\s*못|반송/i;
const DAEMON = /^(mailer-daemon|postmaster|mail-daemon|navermail_noreply)@/i;
const ORIGINAL_MARKER =
  /^[ \t]*-{2,}[ \t]*(?:original message|below this line is a copy|this is a copy of the message|original message follows|undelivered message)|^original message headers:|^--- below this line is a copy/im;
const DELAYED_TEXT = /has been delayed|delivery (?:has been |is )?delayed|warning message only|will (?:be retried|continue trying)|not yet (?:been )?(?:delivered|received)/i;

function headerText(parsed: ParsedMail, name: string): string | undefined {
  const value = parsed.headers.get(name);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && 'value' in value) return String((value as { value: unknown }).value);
  return String(value);
}

function bodyText(parsed: ParsedMail): string {
  if (parsed.text && parsed.text.trim() !== '') return parsed.text.replace(/\r\n/g, '\n');
  if (typeof parsed.html === 'string') return convert(parsed.html, { wordwrap: false });
  return '';
}

/** Unfolded `Name: value` fields of one header-like block, lower-case names. */
function fields(block: string): Map<string, string> {
  const out = new Map<string, string>();
  let last: string | null = null;
  for (const line of block.split('\n')) {
    if (/^[ \t]/.test(line) && last !== null) {
      out.set(last, `${out.get(last) ?? ''} ${line.trim()}`);
      continue;
    }
    const match = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(line);
    if (!match) continue;
    last = match[1]!.toLowerCase();
    if (!out.has(last)) out.set(last, match[2]!.trim());
  }
  return out;
}

const stripType = (value: string | undefined): string | null => {
  if (value === undefined) return null;
  const bare = value.replace(/^[^;]*;\s*/, '').trim();
  return bare === '' ? null : bare;
};
const oneSpaced = (text: string): string => text.replace(/\s+/g, ' ').trim().slice(0, 1000);

function statusIn(text: string): string | null {
  const match = STATUS.exec(text);
  if (match) return `${match[1]}.${match[2]}.${match[3]}`;
  const code = SMTP_CODE.exec(text);
  return code ? `${code[1]!.charAt(0)}.0.0` : null;
}

function originalMessageId(parsed: ParsedMail, text: string): string | null {
  for (const attachment of parsed.attachments) {
    if (!/^(message\/rfc822|text\/rfc822-headers|message\/global|message\/global-headers)$/i.test(attachment.contentType)) continue;
    const match = /^Message-Id:[ \t]*(?:\r?\n[ \t]+)?(<[^>\s]+>)/im.exec(attachment.content.toString('utf8'));
    if (match) return match[1]!;
  }
  const marker = text.search(ORIGINAL_MARKER);
  const rest = marker >= 0 ? text.slice(marker) : text;
  const match = /^Message-Id:[ \t]*(?:\n[ \t]+)?(<[^>\s]+>)/im.exec(rest);
  return match ? match[1]! : null;
}

function shapeOf(parsed: ParsedMail, from: string, text: string, structured: boolean): DsnShape {
  if (/@navercorp\.com$|@naver\.com$/i.test(from)) return 'naver';
  if (/hanmail\.net|daum\.net/i.test(text) && /DAS\d+|Daum|hanmail/i.test(text) && !structured) return 'daum';
  if (parsed.headers.has('x-ms-exchange-message-is-ndr') || /Delivery has failed to these recipients/i.test(text)) return 'microsoft';
  if (/@google(?:mail)?\.com$/i.test(from) || /Google tried to deliver your message/i.test(text)) return 'gmail';
  if (structured) return /This is the mail system at host/i.test(text) ? 'postfix' : 'rfc3464';
  if (/qmail-send program/i.test(text)) return 'qmail';
  if (/message was created automatically by mail delivery software|following address\(es\) failed/i.test(text)) return 'exim';
  if (/following addresses had (?:permanent fatal|transient non-fatal) errors|Transcript of session follows/i.test(text)) return 'sendmail';
  if (/This is the mail system at host/i.test(text)) return 'postfix';
  return 'plain';
}

/** RFC 3464 per-recipient blocks found in the text (mailparser inlines message/delivery-status). */
function structuredReports(text: string): Array<Map<string, string>> {
  const beforeOriginal = text.search(ORIGINAL_MARKER);
  const scope = beforeOriginal >= 0 ? text.slice(0, beforeOriginal) : text;
  return scope
    .split(/\n[ \t]*\n/)
    .filter((block) => /^Final-Recipient:/im.test(block) && /^Action:/im.test(block))
    .map(fields);
}

/** Addresses the plain-text notice names as failed, by shape. */
function plainRecipients(parsed: ParsedMail, subject: string, text: string, shape: DsnShape): string[] {
  const found: string[] = [];
  const add = (address: string | undefined) => {
    if (address) found.push(address.toLowerCase());
  };
  for (const address of (headerText(parsed, 'x-failed-recipients') ?? '').match(EMAIL_G) ?? []) add(address);
  const marker = text.search(ORIGINAL_MARKER);
  const notice = marker >= 0 ? text.slice(0, marker) : text;
  if (shape === 'naver') {
    add(/['"]?([^\s'"]+@[^\s'"]+?)['"]?\s*(?:으로|로)\s*메일/.exec(subject)?.[1]);
    add(new RegExp(`받는\\s*사람\\s*[:：]\\s*(${EMAIL.source})`).exec(notice)?.[1]);
  }
  const afterHeading = (heading: RegExp, linePattern: RegExp) => {
    const at = notice.search(heading);
    if (at < 0) return;
    for (const line of notice.slice(at).split('\n').slice(1, 40)) {
      const match = linePattern.exec(line);
      if (match) add(match[1]);
    }
  };
  afterHeading(/Delivery to the following recipients? (?:failed permanently|has been delayed|failed)/i, new RegExp(`^\\s+(${EMAIL.source})\\s*$`));
  afterHeading(/Delivery has failed to these recipients or groups:/i, new RegExp(`^(${EMAIL.source})`));
  afterHeading(/qmail-send program/i, new RegExp(`^<(${EMAIL.source})>:`));
  afterHeading(/following address\(es\) failed:/i, new RegExp(`^\\s{2}(${EMAIL.source})\\s*$`));
  afterHeading(/following addresses had (?:permanent fatal|transient non-fatal) errors/i, new RegExp(`^<(${EMAIL.source})>`));
  afterHeading(/^\s*The mail system\s*$/im, new RegExp(`^<(${EMAIL.source})>`));
  if (found.length === 0) {
    const diagnosticLine = notice.split('\n').find((line) => STATUS.test(line) || SMTP_CODE.test(line));
    add(diagnosticLine ? EMAIL.exec(diagnosticLine)?.[0] : undefined);
  }
  return [...new Set(found)];
}

/** The notice's words about one address: from its first mention to the next blank-line gap, with the code. */
function plainDiagnostic(text: string, recipient: string): string | null {
  const marker = text.search(ORIGINAL_MARKER);
  const notice = marker >= 0 ? text.slice(0, marker) : text;
  const lines = notice.split('\n');
  const start = Math.max(0, lines.findIndex((line) => line.toLowerCase().includes(recipient)));
  const quoted = (line: string) => /said:|returned was:|Remote Server returned|reason:|응답\s*:|^<<< |#[245]\.\d/.test(line);
  const coded = (line: string) => STATUS.test(line) || SMTP_CODE.test(line);
  const first = [quoted, coded]
    .flatMap((test) => [start, 0].map((from) => lines.findIndex((line, index) => index >= from && test(line))))
    .find((index) => index >= 0);
  if (first === undefined) return null;
  const picked = [lines[first]!];
  for (const line of lines.slice(first + 1, first + 8)) {
    if (line.trim() === '' || /^\S+@\S+$/.test(line.trim())) break;
    picked.push(line);
  }
  return oneSpaced(picked.join(' ')) || null;
}

function reportsOf(parsed: ParsedMail, text: string): DeliveryReport[] {
  const from = parsed.from?.value[0]?.address?.toLowerCase() ?? '';
  const subject = parsed.subject ?? '';
  const reportedAt = (parsed.date ?? new Date()).toISOString();
  const messageId = originalMessageId(parsed, text);
  const blocks = structuredReports(text);
  const shape = shapeOf(parsed, from, text, blocks.length > 0);
  if (blocks.length > 0) {
    return blocks.flatMap((block) => {
      const recipient = stripType(block.get('final-recipient'))?.replace(/^<|>$/g, '').toLowerCase();
      if (!recipient) return [];
      const action = (block.get('action') ?? 'failed').toLowerCase().split(/\s/)[0] as DsnAction;
      const diagnostic = stripType(block.get('diagnostic-code'));
      const status = statusIn(block.get('status') ?? '') ?? statusIn(diagnostic ?? '');
      return [
        {
          recipient,
          originalRecipient: stripType(block.get('original-recipient'))?.replace(/^<|>$/g, '').toLowerCase() ?? null,
          action,
          status,
          diagnostic: diagnostic === null ? null : oneSpaced(diagnostic),
          bounce: classifyBounce(action, status, diagnostic),
          originalMessageId: messageId,
          reportedAt,
          shape,
        },
      ];
    });
  }
  const delayed = DELAYED_TEXT.test(text) || /\(delay\)|delayed/i.test(subject);
  const action: DsnAction = delayed ? 'delayed' : 'failed';
  return plainRecipients(parsed, subject, text, shape).map((recipient) => {
    const diagnostic = plainDiagnostic(text, recipient);
    const status = statusIn(diagnostic ?? '');
    return { recipient, originalRecipient: null, action, status, diagnostic, bounce: classifyBounce(action, status, diagnostic), originalMessageId: messageId, reportedAt, shape };
  });
}

function looksLikeDsn(parsed: ParsedMail, from: string, subject: string): boolean {
  const contentType = parsed.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (contentType?.value?.toLowerCase() === 'multipart/report' && (contentType.params?.['report-type'] ?? '').toLowerCase() === 'delivery-status') return true;
  if (parsed.headers.has('x-failed-recipients') || parsed.headers.has('x-ms-exchange-message-is-ndr')) return true;
  return DAEMON.test(from) || (DSN_SUBJECT.test(subject) && /^(mail delivery|postmaster|mailer)/i.test(parsed.from?.value[0]?.name ?? ''));
}

/** A stable key for a message: its Message-ID, else a hash of its source (same message, same key, any UID). */
export function messageKey(parsed: Pick<ParsedMail, 'messageId'>, raw: Buffer | string): string {
  return parsed.messageId?.trim() || `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

/** Reads one raw message. */
export async function readMailboxMessage(raw: Buffer | string): Promise<MailboxMessage> {
  const parsed = await simpleParser(raw, { skipHtmlToText: false, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  const key = messageKey(parsed, raw);
  const from = parsed.from?.value[0]?.address?.toLowerCase() ?? '';
  const subject = parsed.subject ?? '';
  const text = bodyText(parsed);
  if (looksLikeDsn(parsed, from, subject)) {
    const reports = reportsOf(parsed, text);
    if (reports.length > 0) return { kind: 'delivery-report', key, reports };
  }
  if (isAutoReply((name) => headerText(parsed, name), subject)) return { kind: 'auto-reply', key, from };
  const token = parseUnsubscribeToken(subject);
  if (token !== null || asksToUnsubscribe(subject, text)) {
    const refs = [parsed.inReplyTo ?? '', ...(Array.isArray(parsed.references) ? parsed.references : parsed.references ? [parsed.references] : [])]
      .flatMap((value) => value.match(/<[^>\s]+>/g) ?? [])
      .filter((value, index, all) => all.indexOf(value) === index);
    const excerpt = oneSpaced(text.split('\n').filter((line) => !line.trimStart().startsWith('>')).join(' ')).slice(0, 200);
    return { kind: 'unsubscribe-request', key, from, subject, excerpt, receivedAt: (parsed.date ?? new Date()).toISOString(), messageIds: refs, token };
  }
  return { kind: 'other', key };
}
