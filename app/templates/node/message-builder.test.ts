/**
 * The built message parses back (mailparser) to exactly what was meant, whichever way it is composed:
 * the one-buffer `raw` the engine hands over and nodemailer's composer (the fallback and every other
 * sender). Property tests over generated names and subjects: no control character and no header of
 * the member's making survives, and every text arrives as NFC.
 */
import fc from 'fast-check';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { describe, expect, it } from 'vitest';
import type { Attachment } from '../../ipc/common/contract';
import type { Member } from '../../lists/common/member-list';
import { testAccount } from '../../test-support/fixtures';
import { headerText } from '../common/header-text';
import { createMessageBuilder, wrapLines, type BuiltMessage } from './message-builder';
import { wrap as wrapBase64 } from 'nodemailer/lib/base64';

const account = testAccount(25, 'office@school.test', { fromName: '한빛초 행정실', replyTo: 'reply@school.test' });
const member = (name: string, fields: Record<string, string> = {}, email = 'kim@example.test'): Member => ({ line: 2, email, name, fields });
const attachment = (fileName: string, bytes: Buffer, contentType = ''): Attachment => ({ fileName, contentType, base64: bytes.toString('base64') });

type Built = Extract<BuiltMessage, { ok: true }>;
const ok = (built: BuiltMessage): Built => {
  if (!built.ok) throw new Error(`not built: ${JSON.stringify(built)}`);
  return built;
};
const viaRaw = (built: Built) => simpleParser(built.raw!('id-1@school.test', new Date('2026-01-02T03:04:05Z')));
const viaNodemailer = async (built: Built) => simpleParser(await new MailComposer({ ...built.mail, messageId: '<id-1@school.test>' }).compile().build());
const firstAddress = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a[0] : a)?.value[0];
/** Every header a built message may carry; anything else came from the data. */
const ALLOWED = new Set(['from', 'to', 'reply-to', 'subject', 'message-id', 'date', 'mime-version', 'content-type', 'content-transfer-encoding', 'list-id', 'list-unsubscribe']);
// eslint-disable-next-line no-control-regex -- the test looks for control characters
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const KOREAN_HTML = {
  contentType: 'text/html' as const,
  subject: '{{name}} 보호자님께: 현장학습 안내 — 꼭 읽어 주세요 😀',
  content: '<p>{{name}} 보호자님, 안녕하세요.</p><p>학년: <b>{{grade}}</b></p><p>' + '한빛학교 학부모님께 드리는 안내입니다. '.repeat(30) + '</p>',
};

describe('createMessageBuilder', () => {
  for (const [label, parse] of [
    ['raw (one buffer)', viaRaw],
    ['nodemailer composer', viaNodemailer],
  ] as const) {
    it(`adds a member's own files after the shared ones, only to that member's message: ${label}`, async () => {
      const build = createMessageBuilder(account, { contentType: 'text/plain', subject: 'Hi {{name}}', content: 'Hi' }, { replyTo: '', attachments: [attachment('공통.txt', Buffer.from('shared'))] });
      const own = ok(build(member('김민준'), undefined, [{ fileName: '성적표.pdf'.normalize('NFD'), content: Buffer.from('kim only') }]));
      const plain = ok(build(member('이서연', {}, 'lee@example.test')));
      expect((await parse(own)).attachments.map((a) => [a.filename, a.content.toString()])).toEqual([
        ['공통.txt', 'shared'],
        ['성적표.pdf', 'kim only'],
      ]);
      expect((await parse(plain)).attachments.map((a) => a.filename)).toEqual(['공통.txt']);
      expect(own.preview.memberFiles).toEqual([{ fileName: '성적표.pdf', size: 8 }]);
      expect(plain.preview).not.toHaveProperty('memberFiles');
    });
  }

  for (const [label, parse] of [
    ['raw (one buffer)', viaRaw],
    ['nodemailer composer', viaNodemailer],
  ] as const) {
    it(`round-trips Korean subject, names, HTML + text and attachments through mailparser: ${label}`, async () => {
      const pdf = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));
      const build = createMessageBuilder(account, KOREAN_HTML, {
        replyTo: '',
        // The second name is decomposed (NFD), as macOS hands out file names.
        attachments: [attachment('안내문.pdf', pdf, 'application/pdf'), attachment('가정통신문 (1).txt'.normalize('NFD'), Buffer.from('한 줄\r\n둘째 줄\r\n'))],
      });
      const built = ok(build(member('김민준', { grade: '3' })));
      const parsed = await parse(built);
      expect(parsed.subject).toBe('김민준 보호자님께: 현장학습 안내 — 꼭 읽어 주세요 😀');
      expect(firstAddress(parsed.from)).toEqual({ name: '한빛초 행정실', address: 'office@school.test' });
      expect(firstAddress(parsed.to)).toEqual({ name: '김민준', address: 'kim@example.test' });
      expect(firstAddress(parsed.replyTo)?.address).toBe('reply@school.test');
      expect(parsed.messageId).toBe('<id-1@school.test>');
      expect(parsed.html).toBe(built.mail.html);
      expect(parsed.text?.trim()).toBe(String(built.mail.text).trim());
      expect(parsed.text).toContain('학년: 3');
      expect(parsed.attachments.map((a) => [a.filename, a.contentType, a.content.toString('base64')])).toEqual([
        ['안내문.pdf', 'application/pdf', pdf.toString('base64')],
        ['가정통신문 (1).txt'.normalize('NFC'), 'text/plain', Buffer.from('한 줄\r\n둘째 줄\r\n').toString('base64')],
      ]);
      expect(built.preview.attachments.map((a) => a.fileName)).toEqual(['안내문.pdf', '가정통신문 (1).txt'.normalize('NFC')]);
    });
  }

  it('sends plain ASCII text as 7bit and Korean text as base64, and both parse back', async () => {
    const build = createMessageBuilder(account, { contentType: 'text/plain', subject: 'Hello {{name}}', content: 'Dear {{name}},\n\n.\nA line with a dot.\n' }, { replyTo: '', attachments: [] });
    const ascii = ok(build(member('Kim Minjun')));
    const raw = ascii.raw!('a@b', new Date()).toString();
    expect(raw).toContain('Content-Transfer-Encoding: 7bit');
    expect((await viaRaw(ascii)).text).toBe('Dear Kim Minjun,\n\n.\nA line with a dot.\n');
    const korean = ok(build(member('김민준')));
    expect(korean.raw!('a@b', new Date()).toString()).toContain('Content-Transfer-Encoding: base64');
    expect((await viaRaw(korean)).text).toBe('Dear 김민준,\n\n.\nA line with a dot.\n');
  });

  it('composes no raw message for an address that needs punycode or SMTPUTF8; nodemailer does it', async () => {
    const build = createMessageBuilder(account, { contentType: 'text/plain', subject: 'Hi', content: 'Hi' }, { replyTo: '', attachments: [] });
    const built = ok(build(member('김', {}, 'kim@한국.test')));
    expect(built.raw).toBeUndefined();
    expect(['kim@xn--3e0b707e.test', 'kim@한국.test']).toContain(firstAddress((await viaNodemailer(built)).to)?.address);
  });

  it('adds extra per-campaign headers, cleaned like every header, and refuses to replace its own', async () => {
    const extraHeaders = { 'List-Id': '한빛초 알림 <notices.school.test>', 'List-Unsubscribe': '<mailto:unsubscribe@school.test>\r\nBcc: evil@attacker.test' };
    const build = createMessageBuilder(account, { contentType: 'text/plain', subject: 'Hi', content: 'Hi' }, { replyTo: '', attachments: [], extraHeaders });
    const built = ok(build(member('김')));
    for (const parsed of [await viaRaw(built), await viaNodemailer(built)]) {
      const lines = new Map(parsed.headerLines.map((h) => [h.key, h.line]));
      expect(lines.get('list-unsubscribe')).toMatch(/^List-Unsubscribe: <mailto:unsubscribe@school.test> Bcc: evil@attacker.test$/);
      expect(lines.has('bcc')).toBe(false);
      expect(parsed.bcc).toBeUndefined();
      expect(JSON.stringify(parsed.headers.get('list'))).toContain('notices.school.test');
    }
    expect(() => createMessageBuilder(account, { contentType: 'text/plain', subject: 'Hi', content: 'Hi' }, { replyTo: '', attachments: [], extraHeaders: { Subject: 'x' } })).toThrow(/Subject/);
    expect(() => createMessageBuilder(account, { contentType: 'text/plain', subject: 'Hi', content: 'Hi' }, { replyTo: '', attachments: [], extraHeaders: { 'Bad Name': 'x' } })).toThrow();
  });

  it("property: the body's base64 lines are nodemailer's own wrapping, for every length", () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
    console.log(`base64 wrapping property seed: ${seed}`);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const base64 = Buffer.from(bytes).toString('base64');
        expect(wrapLines(base64)).toBe(wrapBase64(base64, 76));
      }),
      { numRuns: 300, seed },
    );
  });

  it('property: generated names, subjects and sender names parse back as NFC text with no control character and no injected header', async () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
    console.log(`message-builder property seed: ${seed}`);
    const hangul = fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCharCode(c).normalize('NFD'));
    const nasty = fc.constantFrom('\r', '\n', '\r\n', '\0', '\t', '\x01', '\x1b', '\x7f', '\x85', '\x9b', '\u2028', '\u2029', '"', '\\', '<', '>', ',', ';', ':', '=?', '?=', '=?utf-8?B?QQ==?=', '\r\nBcc: evil@attacker.test', '\nX-Injected: 1', 'é'.normalize('NFD'), '😀', ' ');
    const text = fc.string({ unit: fc.oneof(hangul, nasty, fc.string({ minLength: 1, maxLength: 1 })), maxLength: 24 });
    await fc.assert(
      fc.asyncProperty(text, text, text, async (name, subjectText, fromName) => {
        const build = createMessageBuilder(
          { ...account, fromName },
          { contentType: 'text/plain', subject: '{{topic}} {{name}}', content: '안녕하세요 {{name}} {{topic}}' },
          { replyTo: '', attachments: [] },
        );
        const built = ok(build(member(name, { topic: subjectText })));
        const expectedName = headerText(name);
        const expectedSubject = headerText(`${subjectText} ${name}`);
        for (const [path, parsed] of [
          ['raw', await viaRaw(built)],
          ['nodemailer', await viaNodemailer(built)],
        ] as Array<[string, ParsedMail]>) {
          for (const key of parsed.headers.keys()) expect(ALLOWED, `header ${key}`).toContain(key);
          expect(parsed.subject ?? '').toBe(expectedSubject);
          expect(CONTROL.test(parsed.subject ?? '')).toBe(false);
          expect((parsed.subject ?? '').normalize('NFC')).toBe(parsed.subject ?? '');
          const to = firstAddress(parsed.to);
          expect(to?.address).toBe('kim@example.test');
          // nodemailer quotes a name that reads like an encoded word, and mailparser decodes it anyway (the raw path encodes it).
          const literalWord = path === 'nodemailer' && expectedName.includes('=?');
          if (expectedName !== '' && !literalWord) expect(to?.name).toBe(expectedName);
          expect(CONTROL.test(to?.name ?? '')).toBe(false);
          expect(CONTROL.test(firstAddress(parsed.from)?.name ?? '')).toBe(false);
          expect(parsed.text).toBe(parsed.text?.normalize('NFC'));
        }
      }),
      { seed, numRuns: 100 },
    );
  });
});
