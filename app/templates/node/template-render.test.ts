import fc from 'fast-check';
import Handlebars from 'handlebars';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TemplateDraft } from '../../ipc/common/contract';
import { placeholdersOf, unsupportedSyntaxOf } from '../common/placeholders';
import { createRenderer, type MemberData, renderMessage, type RenderResult, toHandlebarsSource } from './template-render';

type Template = Pick<TemplateDraft, 'contentType' | 'subject' | 'content'>;

const plain = (subject: string, content: string): Template => ({ contentType: 'text/plain', subject, content });
const html = (subject: string, content: string): Template => ({ contentType: 'text/html', subject, content });
const member = (fields: Record<string, string> = {}, extra: Partial<MemberData> = {}): MemberData => ({ name: 'Kim', email: 'kim@example.com', fields, ...extra });

function rendered(result: RenderResult): Extract<RenderResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected a message, got ${JSON.stringify(result)}`);
  return result;
}

/**
 * The paths of the mustaches in a Handlebars AST; throws when the AST holds anything but plain data
 * lookups. `rebuilt`: the source came from toHandlebarsSource, whose lookups all start `this.`.
 */
function handlebarsPaths(source: string, rebuilt = false): string[] {
  const paths: string[] = [];
  for (const node of Handlebars.parse(source).body) {
    if (node.type === 'ContentStatement') continue;
    // The empty comment toHandlebarsSource puts between a placeholder and a following `}`.
    if (node.type === 'CommentStatement' && (node as hbs.AST.CommentStatement).value === '') continue;
    const mustache = node as hbs.AST.MustacheStatement;
    if (node.type !== 'MustacheStatement' || !mustache.escaped || mustache.params.length > 0 || mustache.hash !== undefined || mustache.strip.open || mustache.strip.close) {
      throw new Error(`not a plain placeholder: ${node.type}`);
    }
    const path = mustache.path as hbs.AST.PathExpression;
    if (path.type !== 'PathExpression' || path.data || path.depth !== 0 || path.parts.length === 0) throw new Error(`not a data path: ${path.original}`);
    if (/^(this([./]|$)|\.)/.test(path.original) !== rebuilt) throw new Error(`not a data path: ${path.original}`);
    paths.push(path.parts.join('.'));
  }
  return [...new Set(paths)];
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('placeholdersOf agrees with Handlebars', () => {
  const templates = [
    'Hello {{ name }}!',
    '{{user.profile.name}} and {{user.profile.name}} then {{email}}',
    '{{학년}}학년 {{반}}반 {{이름}}',
    '{{first-name}} {{code}} {{\n  name\n}}',
    '{{log}} {{lookup}} {{if}} {{each}} {{thisYear}}',
    'no placeholders { at all } }}',
    '<p title="{{name}}">{{name}}</p>',
  ];

  it('reads the same paths from the raw text as Handlebars does, where Handlebars can read it', () => {
    for (const text of templates) expect(handlebarsPaths(text), text).toEqual(placeholdersOf(text));
  });

  it('builds a source in which Handlebars sees only plain lookups of exactly those paths', () => {
    for (const text of [...templates, '{{items.1}} {{items.0.name}} {{2024}}', '{"who": {{name}}}']) {
      expect(handlebarsPaths(toHandlebarsSource(text), true), text).toEqual(placeholdersOf(text));
    }
  });

  it('needs the rebuilt source for a numeric last segment and a placeholder before `}`, which plain Handlebars cannot parse', () => {
    expect(() => Handlebars.parse('{{items.1}}')).toThrow(/Parse error/);
    expect(() => Handlebars.parse('{"who": {{name}}}')).toThrow(/Parse error/);
    expect(toHandlebarsSource('{"who": {{name}}}')).toBe('{"who": {{this.[name]}}{{!}}}');
  });

  it('reports, rather than accepts, everything Handlebars reads as more than a plain placeholder', () => {
    const samples = [
      '{{#if name}}x{{/if}}',
      '{{^if name}}x{{/if}}',
      '{{> footer}}',
      '{{{name}}}',
      '{{&name}}',
      '{{! note }}',
      '{{!-- note --}}',
      '{{lookup items 1}}',
      '{{name "x"}}',
      '{{name a=1}}',
      '{{@root.name}}',
      '{{../name}}',
      '{{this}}',
      '{{this.name}}',
      '{{./name}}',
      '{{true}}',
      '{{~name}}',
      '{{{{raw}}}}x{{{{/raw}}}}',
      '{{name',
    ];
    for (const text of samples) {
      expect(unsupportedSyntaxOf(text), text).not.toEqual([]);
      expect(() => handlebarsPaths(text), text).toThrow();
    }
  });

  it('refuses the \\{{ escape, which Handlebars reads as literal text', () => {
    expect(handlebarsPaths('\\{{name}}')).toEqual([]);
    expect(unsupportedSyntaxOf('\\{{name}}')).toEqual(['\\{{name}}']);
    expect(placeholdersOf('\\{{name}}')).toEqual([]);
  });
});

describe('renderMessage', () => {
  it('fills name, email, code and the list fields', () => {
    const result = rendered(renderMessage(plain('For {{ name }}', '{{name}} <{{email}}>: {{code}}, {{학년}}학년 {{first-name}}'), member({ 학년: '3', 'first-name': 'Min' }, { code: '000000' })));
    expect(result).toEqual({ ok: true, subject: 'For Kim', text: 'Kim <kim@example.com>: 000000, 3학년 Min' });
  });

  it('lets name, email and code win over same-named fields', () => {
    const result = rendered(renderMessage(plain('{{name}}', '{{email}} {{code}}'), member({ name: 'Field name', email: 'field@example.com', code: 'field code' }, { code: '123' })));
    expect(result.subject).toBe('Kim');
    expect(result.text).toBe('kim@example.com 123');
  });

  it('returns the missing placeholders instead of throwing, subject first', () => {
    const template = plain('{{event}} for {{name}}', '{{name}}: {{place}} {{eventDate}} {{code}}');
    expect(renderMessage(template, member({ event: 'Open day' }))).toEqual({ ok: false, missing: ['place', 'eventDate', 'code'], unsupported: [] });
    expect(renderMessage(template, member({}))).toEqual({ ok: false, missing: ['event', 'place', 'eventDate', 'code'], unsupported: [] });
  });

  it('treats dotted paths and indexes into flat fields as missing', () => {
    expect(renderMessage(plain('', '{{user.name}} {{items.1}} {{name.length}}'), member({ user: 'x', items: 'ab' }))).toEqual({
      ok: false,
      missing: ['user.name', 'items.1', 'name.length'],
      unsupported: [],
    });
  });

  it('renders an empty value as present', () => {
    expect(rendered(renderMessage(plain('[{{place}}]', '[{{place}}]'), member({ place: '' }))).text).toBe('[]');
  });

  it('reaches nothing inherited: {{constructor}}, {{__proto__}} and the like are missing', () => {
    const template = html('{{constructor}}', '{{__proto__}} {{toString}} {{hasOwnProperty}} {{name.constructor}} {{email.__proto__}}');
    const result = renderMessage(template, member({ other: 'x' }));
    expect(result).toEqual({
      ok: false,
      missing: ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'name.constructor', 'email.__proto__'],
      unsupported: [],
    });
    expect(JSON.stringify(result)).not.toMatch(/function|\[object/);
  });

  it('fills a column that happens to be called constructor, or like a Handlebars helper', () => {
    const result = rendered(renderMessage(plain('', '{{constructor}} {{log}} {{lookup}} {{if}} {{each}}'), member({ constructor: 'C', log: 'L', lookup: 'K', if: 'I', each: 'E' })));
    expect(result.text).toBe('C L K I E');
  });

  it('keeps a brace that follows a placeholder', () => {
    expect(rendered(renderMessage(plain('', '{ "who": {{name}}}'), member())).text).toBe('{ "who": Kim}');
    expect(rendered(renderMessage(plain('', '{{name}}}}}'), member())).text).toBe('Kim}}}');
  });

  it('refuses Handlebars blocks, partials and triple-stash, for every member', () => {
    const template = html('{{#if name}}Hi{{/if}}', '{{> footer}} {{{name}}} {{place}}');
    expect(renderMessage(template, member())).toEqual({ ok: false, missing: ['place'], unsupported: ['{{#if name}}', '{{/if}}', '{{> footer}}', '{{{name}}}'] });
    expect(renderMessage(template, member({ place: 'Hall' }))).toEqual({ ok: false, missing: [], unsupported: ['{{#if name}}', '{{/if}}', '{{> footer}}', '{{{name}}}'] });
  });

  it('HTML-escapes values in a text/html body, not in text/plain', () => {
    const value = '<script>alert(1)</script> Tom & Jerry';
    const asHtml = rendered(renderMessage(html('{{note}}', '<p>{{note}}</p>'), member({ note: value })));
    expect(asHtml.html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; Tom &amp; Jerry</p>');
    expect(asHtml.text).toBe(value);
    const asText = rendered(renderMessage(plain('{{note}}', '{{note}}'), member({ note: value })));
    expect(asText.text).toBe(value);
    expect(asText.html).toBeUndefined();
  });

  it('never escapes the subject, and puts it on one line', () => {
    const value = 'Tom & <Jerry>\r\nBcc: victim@example.com\n\nX';
    for (const template of [html('Re: {{note}} ', '<p>x</p>'), plain('Re: {{note}} ', 'x')]) {
      expect(rendered(renderMessage(template, member({ note: value }))).subject).toBe('Re: Tom & <Jerry> Bcc: victim@example.com X');
    }
    expect(rendered(renderMessage(plain('Line one\nline {{name}}', ''), member())).subject).toBe('Line one line Kim');
  });

  it('generates the text alternative from the HTML, keeping link addresses', () => {
    const template = html(
      'Hi',
      `<h1>Open day</h1>
<p>Dear {{name}}, see <a href="{{link}}">the programme</a> or <a href="https://example.com">https://example.com</a>.</p>
<p><img src="data:image/png;base64,AAAA" alt="School logo"><img src="https://tracker.example/p.gif"></p>
<table><tr><td>When</td><td>{{eventDate}}</td></tr></table>`,
    );
    const result = rendered(renderMessage(template, member({ link: 'https://example.com/day?a=1&b=2', eventDate: 'Friday' })));
    expect(result.html).toContain('href="https://example.com/day?a&#x3D;1&amp;b&#x3D;2"');
    expect(result.text).toBe(
      ['Open day', '', 'Dear Kim, see the programme [https://example.com/day?a=1&b=2] or', 'https://example.com.', '', 'School logo', '', 'When', 'Friday'].join(
        '\n',
      ),
    );
  });

  it('wraps the text alternative at 78 characters without breaking links', () => {
    const link = `https://example.com/${'x'.repeat(100)}`;
    const result = rendered(renderMessage(html('', `<p>${'word '.repeat(40)}<a href="${link}">here</a></p>`), member()));
    const lines = result.text.split('\n');
    expect(lines.filter((line) => !line.includes(link)).every((line) => line.length <= 78)).toBe(true);
    expect(result.text).toContain(`[${link}]`);
  });

  it('reuses the compiled template while its text is unchanged', () => {
    const compile = vi.spyOn(Handlebars, 'compile');
    const text = `Cached ${Math.random()} {{name}}`;
    expect(rendered(renderMessage(plain(text, text), member())).subject).toMatch(/Kim$/);
    expect(rendered(renderMessage({ ...plain(text, text) }, member({}, { name: 'Lee' }))).subject).toMatch(/Lee$/);
    expect(compile).toHaveBeenCalledTimes(2);
    renderMessage(html(text, text), member());
    expect(compile).toHaveBeenCalledTimes(4);
  });
});

describe('createRenderer', () => {
  it('compiles once and renders 10,000 members', () => {
    const compile = vi.spyOn(Handlebars, 'compile');
    const render = createRenderer(html('{{name}}: {{place}}', '<p>{{name}} ({{학번}}) — {{place}}</p>'));
    const members = Array.from({ length: 10_000 }, (_, index) =>
      member(index % 1000 === 999 ? { 학번: String(index) } : { 학번: String(index), place: `Room ${index % 7}` }, { name: `Member <${index}>` }),
    );
    const results = members.map((one) => render(one));
    expect(compile).toHaveBeenCalledTimes(2);
    expect(results.filter((result) => !result.ok)).toHaveLength(10);
    expect(results.filter((result) => !result.ok).every((result) => !result.ok && result.missing.join() === 'place')).toBe(true);
    expect(results[1234]).toEqual({ ok: true, subject: 'Member <1234>: Room 2', html: '<p>Member &lt;1234&gt; (1234) — Room 2</p>', text: 'Member <1234> (1234) — Room 2' });
  });

  it('does not compile a template it refuses', () => {
    const compile = vi.spyOn(Handlebars, 'compile');
    const render = createRenderer(plain('{{#each items}}', ''));
    expect(render(member())).toEqual({ ok: false, missing: [], unsupported: ['{{#each items}}'] });
    expect(compile).not.toHaveBeenCalled();
  });
});

describe('{{unsubscribe}}', () => {
  const TARGET = 'mailto:office@school.example?subject=unsubscribe%20mr1.c-7.3';

  it('is the target in a text body, and a link reading as the address in HTML, whose text alternative keeps the whole mailto URI', () => {
    expect(rendered(renderMessage(plain('s', 'Unsubscribe: {{unsubscribe}}'), member({}, { unsubscribe: TARGET }))).text).toBe(`Unsubscribe: ${TARGET}`);
    const message = rendered(renderMessage(html('s', '<p>Unsubscribe: {{unsubscribe}}</p>'), member({}, { unsubscribe: TARGET })));
    expect(message.html).toBe(`<p>Unsubscribe: <a href="${TARGET}">office@school.example</a></p>`);
    // Long words are never split, so the URI may start a line of its own (wordwrap at 78).
    expect(message.text.replace(/\s+/g, ' ')).toBe(`Unsubscribe: office@school.example [${TARGET}]`);
  });

  it('an https target reads as its URL and is written once in text; other mailto links keep html-to-text\'s bare address', () => {
    const url = 'https://club.example.org/unsub?t=mr1.c-7.3&x=1';
    const message = rendered(renderMessage(html('s', '<p>{{unsubscribe}} or <a href="mailto:help@school.example">help@school.example</a></p>'), member({}, { unsubscribe: url })));
    expect(message.html).toBe('<p><a href="https://club.example.org/unsub?t=mr1.c-7.3&#38;x=1">https://club.example.org/unsub?t=mr1.c-7.3&#38;x=1</a> or <a href="mailto:help@school.example">help@school.example</a></p>');
    expect(message.text).toBe(`${url} or help@school.example`);
  });

  it('wins over a list column of the same name, like name and email; without it the placeholder is missing', () => {
    expect(rendered(renderMessage(plain('s', '{{unsubscribe}}'), member({ unsubscribe: 'column' }, { unsubscribe: TARGET }))).text).toBe(TARGET);
    expect(renderMessage(plain('s', '{{unsubscribe}}'), member())).toEqual({ ok: false, missing: ['unsubscribe'], unsupported: [] });
  });

  it('for any sender address and member token, the HTML link and the text both carry the exact target, and nothing breaks out of the attribute (property, seed 1313)', () => {
    const local = fc.stringMatching(/^[a-z0-9._%+'&"<>-]{1,12}$/);
    fc.assert(
      fc.property(local, fc.uuid(), fc.nat(100_000), (name, campaign, index) => {
        const target = `mailto:${name}@school.example?subject=${encodeURIComponent(`unsubscribe mr1.${campaign}.${index}`)}`;
        const message = rendered(renderMessage(html('s', '<p>{{unsubscribe}}</p>'), member({}, { unsubscribe: target })));
        const anchor = /^<p><a href="([^"]*)">([^<]*)<\/a><\/p>$/.exec(message.html!);
        expect(anchor).not.toBeNull();
        const unescape = (s: string) => s.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
        expect(unescape(anchor![1]!)).toBe(target);
        expect(unescape(anchor![2]!)).toBe(`${name}@school.example`);
        expect(message.text).toContain(target);
      }),
      { seed: 1313, numRuns: 150 },
    );
  });
});
