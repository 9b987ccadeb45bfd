/**
 * One member's message, built once for both uses: the preview the admin looks at and the nodemailer
 * message the sender hands over. Same renderer, same function: what is previewed is what is sent.
 */
import type Mail from 'nodemailer/lib/mailer';
import type { Attachment, MessagePreview, TemplateDraft } from '../../ipc/common/contract';
import type { Member } from '../../lists/common/member-list';
import type { AccountRecord } from '../../accounts/node/account-store';
import { createRenderer, type Renderer } from './template-render';

/** A built message: the nodemailer options and the preview of exactly those. */
export type BuiltMessage =
  | { readonly ok: true; readonly mail: Mail.Options; readonly preview: MessagePreview }
  | { readonly ok: false; readonly missing: readonly string[]; readonly unsupported: readonly string[] };

/** Options of one send. */
export interface MessageOptions {
  /** Reply-To for this send; empty = the account's. */
  readonly replyTo: string;
  /** Attachments. */
  readonly attachments: readonly Attachment[];
}

const display = (name: string, address: string) => (name.trim() === '' ? address : `"${name.replace(/["\\]/g, '\\$&')}" <${address}>`);

/** Creates a builder for one account and template: the template is compiled once. */
export function createMessageBuilder(record: AccountRecord, template: Pick<TemplateDraft, 'contentType' | 'subject' | 'content'>, options: MessageOptions) {
  const render: Renderer = createRenderer(template);
  const attachments = options.attachments.map((a) => ({ filename: a.fileName, content: Buffer.from(a.base64, 'base64'), ...(a.contentType ? { contentType: a.contentType } : {}) }));
  const replyTo = options.replyTo !== '' ? options.replyTo : record.replyTo;
  return (member: Member): BuiltMessage => {
    const rendered = render({ email: member.email, name: member.name, fields: member.fields });
    if (!rendered.ok) return { ok: false, missing: rendered.missing, unsupported: rendered.unsupported };
    const mail: Mail.Options = {
      from: { name: record.fromName, address: record.fromAddress },
      to: member.name === '' ? member.email : { name: member.name, address: member.email },
      ...(replyTo === '' ? {} : { replyTo }),
      subject: rendered.subject,
      text: rendered.text,
      ...(rendered.html === undefined ? {} : { html: rendered.html }),
      attachments,
    };
    return {
      ok: true,
      mail,
      preview: {
        from: display(record.fromName, record.fromAddress),
        to: display(member.name, member.email),
        replyTo,
        subject: rendered.subject,
        text: rendered.text,
        ...(rendered.html === undefined ? {} : { html: rendered.html }),
        attachments: attachments.map((a) => ({ fileName: a.filename, size: a.content.length })),
      },
    };
  };
}
