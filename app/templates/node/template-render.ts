/**
 * Renders one member's message from a template: the function the sender uses for every message and
 * the preview uses for any member, so the preview is the message. Node only: Handlebars compiles
 * templates to `new Function`, which the renderer's CSP forbids.
 *
 * Handlebars runs in strict mode on a source rebuilt from `scanTemplate` (app/templates/common/placeholders.ts):
 * each placeholder becomes `{{this.[name].[name]}}`, which Handlebars always reads as a data lookup —
 * never a helper such as `log` or `lookup`, never a keyword — and which also accepts the numeric
 * segments Logto allows (`{{items.1}}` is a parse error in plain Handlebars).
 */
import Handlebars from 'handlebars';
import { compile as compileHtmlToText, type FormatCallback } from 'html-to-text';
import { assertNever } from '../../ipc/common/app-error';
import type { TemplateDraft } from '../../ipc/common/contract';
import { memberDataRoot, type MemberData, missingPlaceholders, placeholdersOf, scanTemplate, unsupportedSyntaxOf } from '../common/placeholders';

export type { MemberData } from '../common/placeholders';

/** The parts of a template rendering needs (a draft, a saved template, a starter, a campaign snapshot). */
export type RenderableTemplate = Pick<TemplateDraft, 'contentType' | 'subject' | 'content'>;

/** One member's message, or why it cannot be made. */
export type RenderResult =
  | {
      readonly ok: true;
      /** The Subject header: never HTML-escaped, line breaks replaced by spaces. */
      readonly subject: string;
      /** The text/plain body: the rendered body, or for an HTML template its plain-text alternative. */
      readonly text: string;
      /** The text/html body, for HTML templates only. */
      readonly html?: string;
    }
  | {
      readonly ok: false;
      /** Placeholder paths this member cannot fill (see `missingPlaceholders`). */
      readonly missing: string[];
      /** Constructs Mailroom does not support; the same for every member. */
      readonly unsupported: string[];
    };

/** Renders one member with a template compiled once. */
export type Renderer = (member: MemberData) => RenderResult;

/** html-to-text formatter: an image becomes its alt text, or nothing. */
const altTextOnly: FormatCallback = (element, _walk, builder) => {
  const alt = (element.attribs as Record<string, string> | undefined)?.alt?.trim();
  if (alt) builder.addInline(alt);
};

/** html-to-text's `pathRewrite` for links: the whole href of a `mailto:` URI with a query, else the path as given. */
function keepMailtoWithQuery(path: string, _metadata: unknown, element?: { attribs?: Record<string, string> }): string {
  const href = element?.attribs?.href ?? '';
  return /^mailto:[^?]*\?/i.test(href) ? href : path;
}

/** The plain-text alternative of HTML bodies. */
const htmlToText = compileHtmlToText({
  // RFC 5322 §2.1.1: lines SHOULD be at most 78 characters. Long words (URLs) are never split.
  wordwrap: 78,
  formatters: { imageAlt: altTextOnly },
  selectors: [
    // Links read `text [url]`; a link whose text is its URL is written once. html-to-text drops `mailto:`,
    // which leaves a bare address; a mailto URI with a query (`?subject=`, the unsubscribe line's member
    // token) is no address without it, so it is kept whole.
    { selector: 'a', options: { linkBrackets: ['[', ']'], hideLinkHrefIfSameAsText: true, pathRewrite: keepMailtoWithQuery } },
    // An image's address (often a tracking pixel or a long data: URL) is no use in plain text.
    { selector: 'img', format: 'imageAlt' },
    // Keep headings as written: upper-casing is the library's default, and shouts in English.
    ...(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const).map((selector) => ({ selector, options: { uppercase: false } })),
    // html-to-text reads every table as layout (a block) but leaves its cells inline, so `<td>a</td><td>b</td>`
    // would read `ab`: give each row and cell a line of its own.
    ...(['tr', 'td', 'th'] as const).map((selector) => ({ selector, format: 'block', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } })),
  ],
});

/** Compiles a template once (subject and body) and returns the function that renders each member. */
export function createRenderer(template: RenderableTemplate): Renderer {
  const paths = placeholdersOf(template.subject, template.content);
  const unsupported = unsupportedSyntaxOf(template.subject, template.content);
  if (unsupported.length > 0) {
    return (member) => ({ ok: false, missing: missingPlaceholders(paths, memberDataRoot(member)), unsupported: [...unsupported] });
  }
  const isHtml = template.contentType === 'text/html';
  // The subject is a header, not HTML: never escaped, whatever the body's type.
  const subject = Handlebars.compile(toHandlebarsSource(template.subject), { strict: true, noEscape: true });
  const body = Handlebars.compile(toHandlebarsSource(template.content), { strict: true, noEscape: !isHtml });
  const runtime: Handlebars.RuntimeOptions = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };

  return (member) => {
    const root = memberDataRoot(member);
    // Checked first and by our own rule: strict mode misses a key that is present but undefined.
    const missing = missingPlaceholders(paths, root);
    if (missing.length > 0) return { ok: false, missing, unsupported: [] };
    let renderedSubject: string;
    let renderedBody: string;
    try {
      renderedSubject = subject(root, runtime);
      renderedBody = body(isHtml && member.unsubscribe !== undefined ? Object.assign(Object.create(null) as Record<string, unknown>, root, { unsubscribe: unsubscribeLink(member.unsubscribe) }) : root, runtime);
    } catch (error) {
      // Strict mode throws on a missing value; anything `missingPlaceholders` cannot explain is a bug.
      const unexplained = missingPlaceholders(paths, root);
      if (unexplained.length === 0) throw error;
      return { ok: false, missing: unexplained, unsupported: [] };
    }
    const headerSafeSubject = oneLine(renderedSubject);
    return isHtml
      ? { ok: true, subject: headerSafeSubject, text: htmlToText(renderedBody), html: renderedBody }
      : { ok: true, subject: headerSafeSubject, text: renderedBody };
  };
}

/**
 * `{{unsubscribe}}` in an HTML body: a link to the target, reading as the address of a mailto URI (its
 * subject with the member token stays in the href, and in the plain-text alternative) or as the URL.
 */
export function unsubscribeLink(target: string): Handlebars.SafeString {
  const address = target.slice('mailto:'.length).split('?')[0] ?? '';
  const shown = target.startsWith('mailto:') ? address.replace(/%40/gi, '@') : target;
  return new Handlebars.SafeString(`<a href="${escapeHtml(target)}">${escapeHtml(shown)}</a>`);
}

/** Text safe in HTML content and in a double-quoted attribute (`=` and `` ` `` need no escape there, unlike Handlebars' own escaper). */
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const CACHE_LIMIT = 32;
const renderers = new Map<string, Renderer>();

/** Renders one member's message, reusing the compiled template while its text is unchanged. */
export function renderMessage(template: RenderableTemplate, member: MemberData): RenderResult {
  // The subject's length keeps the key unambiguous whatever characters the texts hold.
  const key = `${template.contentType}\u0000${template.subject.length}\u0000${template.subject}${template.content}`;
  const renderer = renderers.get(key) ?? createRenderer(template);
  // Least recently used goes first: the editor's preview makes a new key on every keystroke.
  renderers.delete(key);
  renderers.set(key, renderer);
  if (renderers.size > CACHE_LIMIT) renderers.delete(renderers.keys().next().value as string);
  return renderer(member);
}

/**
 * The Handlebars source for a Mailroom template with no unsupported syntax: text as written, each
 * placeholder as `{{this.[a].[b]}}`. Exported for the test that checks Handlebars reads the same paths.
 */
export function toHandlebarsSource(text: string): string {
  const parts = scanTemplate(text);
  let source = '';
  for (const [index, part] of parts.entries()) {
    switch (part.kind) {
      case 'text':
        source += part.text;
        break;
      case 'placeholder': {
        source += `{{this.${part.path
          .split('.')
          .map((name) => `[${name}]`)
          .join('.')}}}`;
        // `}}}` closes a triple-stash in Handlebars: an empty comment keeps a following `}` literal.
        const next = parts[index + 1];
        if (next?.kind === 'text' && next.text.startsWith('}')) source += '{{!}}';
        break;
      }
      case 'unsupported':
        throw new Error(`Unsupported template syntax reached the renderer: ${part.source}`);
      default:
        assertNever(part);
    }
  }
  return source;
}

/**
 * A header value on one line. A member's value (or the template) with CR or LF in the subject could
 * otherwise start a new header (header injection): every run of line breaks becomes one space.
 */
function oneLine(subject: string): string {
  return subject.replace(/[^\S\r\n]*[\r\n]+[^\S\r\n]*/g, ' ').trim();
}
