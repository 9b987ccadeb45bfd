/**
 * One member's message, built once for both uses: the preview the admin looks at and the message the
 * sender hands over. Same renderer, same function: what is previewed is what is sent.
 *
 * Every text is NFC and every header free of control characters (`headerText`), whoever supplied it:
 * the member's data, the template, the account's settings or a campaign's extra headers.
 *
 * For the campaign engine the message is also composed here as one buffer (`raw`), handed to
 * nodemailer as is: the parts every member shares (attachments, their base64) are encoded once per
 * campaign, and each member costs one string of headers and bodies. The encodings are nodemailer's own
 * functions (RFC 2047 words, RFC 2231 parameters, folding, base64 wrapping); the bodies are base64
 * (UTF-8) unless they are short-lined ASCII, which goes as 7bit. Addresses with non-ASCII characters
 * (which need punycode or SMTPUTF8) have no `raw`: nodemailer composes those from `mail`.
 */
import { randomBytes } from 'node:crypto';
import type Mail from 'nodemailer/lib/mailer';
import { wrap as wrapBase64 } from 'nodemailer/lib/base64';
import * as mimeFuncs from 'nodemailer/lib/mime-funcs';
import type { Attachment, MessagePreview, TemplateDraft } from '../../ipc/common/contract';
import type { Member } from '../../lists/common/member-list';
import type { AccountRecord } from '../../accounts/node/account-store';
import { bodyText, headerText, isHeaderName } from '../common/header-text';
import { createRenderer, type Renderer } from './template-render';
import { previewUnsubscribeTarget } from '../../mailbox/common/list-headers';

/** The SMTP envelope of one message. */
export type Envelope = {
  /** MAIL FROM. */
  readonly from: string;
  /** RCPT TO. */
  readonly to: string[];
};

/** A built message: the nodemailer options, the preview of exactly those, and the composed message when it can be made here. */
export type BuiltMessage =
  | {
      readonly ok: true;
      readonly mail: Mail.Options;
      readonly preview: MessagePreview;
      /** The SMTP envelope. */
      readonly envelope: Envelope;
      /** The whole message (CRLF, 7-bit clean) with this Message-ID (without brackets) and date; absent for non-ASCII addresses. */
      readonly raw?: (messageId: string, date: Date) => Buffer;
    }
  | { readonly ok: false; readonly missing: readonly string[]; readonly unsupported: readonly string[] };

/** Options of one send. */
export interface MessageOptions {
  /** Reply-To for this send; empty = the account's. */
  readonly replyTo: string;
  /** Attachments. */
  readonly attachments: readonly Attachment[];
  /** Headers added to every message of the send (e.g. List-Id, List-Unsubscribe); values are cleaned like every header. */
  readonly extraHeaders?: Readonly<Record<string, string>>;
}

/** A file of one member's own (per-member attachments), read by the main process. */
export interface MemberAttachment {
  /** The name the member sees. */
  readonly fileName: string;
  /** The bytes. */
  readonly content: Buffer;
}

/** Header names the builder owns; an extra header cannot replace them. */
const OWN_HEADERS = new Set(['from', 'to', 'cc', 'bcc', 'reply-to', 'subject', 'date', 'message-id', 'mime-version', 'content-type', 'content-transfer-encoding', 'sender']);

const display = (name: string, address: string) => (name === '' ? address : `"${name.replace(/["\\]/g, '\\$&')}" <${address}>`);

/** An address fit for the composed message: printable ASCII, no space, no angle bracket. */
const isPlainAddress = (address: string) => /^[\x21-\x3b\x3d\x3f-\x7e]+$/.test(address);

/** A display name as RFC 5322 and RFC 2047 want it (the rule of nodemailer's MimeNode `_encodeAddressName`). */
function encodeName(name: string): string {
  if (/^[A-Za-z0-9_ ]*$/.test(name)) return name;
  // Text that reads like an encoded word (`=?…?=`) is encoded itself, or a reader would decode it.
  if (/^[\x20-\x7e]*$/.test(name) && !name.includes('=?')) return mimeFuncs.quoteString(name);
  return mimeFuncs.encodeWord(name, 'B', 52);
}

const addressHeader = (name: string, address: string) => (name === '' ? address : `${encodeName(name)} <${address}>`);

/** An unstructured header value (Subject, extra headers): as is when printable ASCII, else one run of B-words. */
const encodeText = (value: string) => (/^[\x20-\x7e]*$/.test(value) && !value.includes('=?') ? value : mimeFuncs.encodeWord(value, 'B', 52));

const headerLine = (key: string, value: string) => `${mimeFuncs.foldLines(`${key}: ${value}`, 76)}\r\n`;

/** One text body part: 7bit when it is ASCII with short lines and no line that could read as a boundary (every boundary of the message starts with `boundary`), else base64 of its UTF-8. */
function textPart(subtype: 'plain' | 'html', text: string, boundary: string): string {
  const crlf = text.replace(/\r?\n|\r/g, '\r\n');
  const plain = /^[\x20-\x7e\t\r\n]*$/.test(crlf) && !mimeFuncs.hasLongerLines(crlf, 998) && !crlf.includes(boundary);
  return plain
    ? `Content-Type: text/${subtype}; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n${crlf}`
    : `Content-Type: text/${subtype}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${wrapLines(Buffer.from(crlf, 'utf8').toString('base64'))}`;
}

/** Base64 text in lines of 76 joined by CRLF: the output of nodemailer's `base64.wrap(text, 76)`, by slicing instead of a regular expression (this runs for every member's body). */
export function wrapLines(base64: string): string {
  if (base64.length <= 76) return base64;
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += 76) lines.push(base64.slice(i, i + 76));
  return lines.join('\r\n');
}

/** Creates a builder for one account and template: the template is compiled once, the attachments encoded once. */
export function createMessageBuilder(record: AccountRecord, template: Pick<TemplateDraft, 'contentType' | 'subject' | 'content'>, options: MessageOptions) {
  const render: Renderer = createRenderer(template);
  const attachments = options.attachments.map((a) => ({
    filename: headerText(a.fileName),
    content: Buffer.from(a.base64, 'base64'),
    ...(a.contentType ? { contentType: headerText(a.contentType) } : {}),
  }));
  const replyTo = headerText(options.replyTo !== '' ? options.replyTo : record.replyTo);
  const fromName = headerText(record.fromName);
  const fromAddress = headerText(record.fromAddress);
  const cleanHeaders = (headers: Readonly<Record<string, string>>) =>
    Object.entries(headers).map(([key, value]) => {
      if (!isHeaderName(key) || OWN_HEADERS.has(key.toLowerCase())) throw new Error(`Mailroom cannot add the header "${key}".`);
      const clean = headerText(value);
      // A structured value (`Name <id>`) keeps its structure: only its words that need it are encoded.
      return { key, value: /^[\x20-\x7e]*$/.test(clean) && !clean.includes('=?') ? clean : mimeFuncs.encodeWords(clean, 'B', 52) };
    });
  const extraHeaders = cleanHeaders(options.extraHeaders ?? {});

  // ── the parts every member shares, encoded once ──
  const boundary = `--_mailroom-${randomBytes(12).toString('hex')}`;
  const alternative = `${boundary}-alt`;
  const attachmentPart = (a: { readonly filename: string; readonly content: Buffer; readonly contentType?: string }) => {
    const type = a.contentType ?? mimeFuncs.detectMimeType(a.filename);
    return (
      headerLine('Content-Type', mimeFuncs.buildHeaderValue({ value: type, params: { name: a.filename } })) +
      'Content-Transfer-Encoding: base64\r\n' +
      headerLine('Content-Disposition', mimeFuncs.buildHeaderValue({ value: 'attachment', params: { filename: a.filename } })) +
      `\r\n${wrapBase64(a.content.toString('base64'), 76)}`
    );
  };
  const attachmentParts = attachments.map(attachmentPart);
  const fixedHeaders =
    headerLine('From', addressHeader(fromName, fromAddress)) +
    (replyTo === '' ? '' : headerLine('Reply-To', replyTo)) +
    extraHeaders.map((h) => headerLine(h.key, h.value)).join('');
  const plainSender = isPlainAddress(fromAddress) && (replyTo === '' || /^[\x20-\x7e]*$/.test(replyTo));

  const previewUnsubscribe = previewUnsubscribeTarget(fromAddress);
  /** `memberAttachments`: this member's own files; `unsubscribe`: this member's target (a campaign's member token), absent: the sender's mailbox without a token (previews, tests). */
  return (member: Member, memberHeaders?: Readonly<Record<string, string>>, memberAttachments: readonly MemberAttachment[] = [], unsubscribe?: string): BuiltMessage => {
    const rendered = render({ email: member.email, name: member.name, fields: member.fields, unsubscribe: unsubscribe ?? previewUnsubscribe });
    if (!rendered.ok) return { ok: false, missing: rendered.missing, unsupported: rendered.unsupported };
    // Headers of this member only (List-Unsubscribe carries the member's token), after the shared ones.
    const ownHeaders = memberHeaders === undefined ? [] : cleanHeaders(memberHeaders);
    const headers = [...extraHeaders, ...ownHeaders];
    const name = headerText(member.name);
    const email = headerText(member.email);
    const subject = headerText(rendered.subject);
    const text = bodyText(rendered.text);
    const html = rendered.html === undefined ? undefined : bodyText(rendered.html);
    // This member's own files: encoded once, when the message is first composed.
    const own = memberAttachments.map((a) => ({ filename: headerText(a.fileName), content: a.content }));
    let ownParts: string[] | undefined;
    const mail: Mail.Options = {
      from: { name: fromName, address: fromAddress },
      to: name === '' ? email : { name, address: email },
      ...(replyTo === '' ? {} : { replyTo }),
      // nodemailer leaves an ASCII subject as it is, and one that reads like an encoded word would be decoded by the reader: encoded here.
      subject: subject.includes('=?') ? encodeText(subject) : subject,
      text,
      ...(html === undefined ? {} : { html }),
      attachments: own.length === 0 ? attachments : [...attachments, ...own],
      ...(headers.length === 0 ? {} : { headers: headers.map((h) => ({ key: h.key, value: mimeFuncs.foldLines(h.value, 76), prepared: true })) }),
    };
    const envelope: Envelope = { from: fromAddress, to: [email] };
    const compose = (messageId: string, date: Date): Buffer => {
      const alternatives = html === undefined ? textPart('plain', text, boundary) : multipart('alternative', alternative, [textPart('plain', text, boundary), textPart('html', html, boundary)]);
      ownParts ??= own.map(attachmentPart);
      const body = attachmentParts.length + ownParts.length === 0 ? alternatives : multipart('mixed', boundary, [alternatives, ...attachmentParts, ...ownParts]);
      return Buffer.from(
        fixedHeaders +
          ownHeaders.map((h) => headerLine(h.key, h.value)).join('') +
          headerLine('To', addressHeader(name, email)) +
          headerLine('Subject', encodeText(subject)) +
          `Message-ID: <${messageId}>\r\n` +
          `Date: ${date.toUTCString().replace(/GMT/, '+0000')}\r\n` +
          'MIME-Version: 1.0\r\n' +
          body,
        'utf8',
      );
    };
    return {
      ok: true,
      mail,
      envelope,
      ...(plainSender && isPlainAddress(email) ? { raw: compose } : {}),
      preview: {
        from: display(fromName, fromAddress),
        to: display(name, email),
        replyTo,
        subject,
        text,
        ...(html === undefined ? {} : { html }),
        attachments: attachments.map((a) => ({ fileName: a.filename, size: a.content.length })),
        ...(own.length === 0 ? {} : { memberFiles: own.map((a) => ({ fileName: a.filename, size: a.content.length })) }),
      },
    };
  };
}

/** A multipart entity (its Content-Type header line, then its parts): the boundary is random per campaign and never occurs in a 7bit part. */
function multipart(subtype: 'alternative' | 'mixed', boundary: string, parts: readonly string[]): string {
  return `Content-Type: multipart/${subtype};\r\n boundary="${boundary}"\r\n\r\n${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n`;
}
