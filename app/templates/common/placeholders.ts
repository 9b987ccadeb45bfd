/**
 * Mailroom's placeholder syntax, read without a template engine so the renderer (whose CSP forbids
 * eval) can list a template's placeholders, and the pre-flight can check every member against them.
 *
 * A placeholder is `{{path}}` with optional white space inside the braces; a path is one or more names
 * joined by dots (`{{ name }}`, `{{user.profile.name}}`, `{{items.1}}`), and a name is letters (any
 * script, so `{{학년}}` works), digits, `_` and `-`. That is the syntax Logto documents; nothing else
 * is supported. Every other use of `{{` — Handlebars blocks, partials, triple-stash, comments, helpers
 * with arguments, `this`, `@data`, whitespace control, the `\{{` escape — is reported by
 * `unsupportedSyntaxOf` instead of being passed on.
 *
 * This module must agree with the engine: `app/templates/node/template-render.ts` builds the Handlebars
 * source from `scanTemplate`, so Handlebars looks up exactly the paths `placeholdersOf` lists, and
 * `template-render.test.ts` parses that source with Handlebars to check it for a set of templates.
 */

/** Placeholders every member can fill: `name`, `email` and `unsubscribe` always, `code` when the campaign supplies one. */
export const BUILT_IN_PLACEHOLDERS = ['name', 'email', 'code', 'unsubscribe'] as const;

/** One member's values, as the renderer and the pre-flight receive them. */
export interface MemberData {
  /** The member's address. */
  readonly email: string;
  /** The member's display name. */
  readonly name: string;
  /** A per-member code (`{{code}}`, e.g. a password-reset code); absent when the campaign has none. */
  readonly code?: string;
  /**
   * Where this member unsubscribes (`{{unsubscribe}}`): the admin's https URL, else the mailto URI that
   * List-Unsubscribe carries (app/mailbox/common/list-headers.ts `unsubscribeTarget`). Every message
   * Mailroom builds supplies it; the renderer makes it a link in HTML.
   */
  readonly unsubscribe?: string;
  /** The list's other columns, by header; flat strings. */
  readonly fields: Readonly<Record<string, string>>;
}

/** A piece of a template: literal text, a placeholder, or syntax Mailroom does not support. */
export type TemplatePart =
  | {
      readonly kind: 'text';
      /** The text as written. */
      readonly text: string;
    }
  | {
      readonly kind: 'placeholder';
      /** The dotted path, white space removed, in Unicode NFC. */
      readonly path: string;
      /** The placeholder as written, braces included. */
      readonly source: string;
    }
  | {
      readonly kind: 'unsupported';
      /** The construct as written, from `{{` (or `\{{`) to its closing braces. */
      readonly source: string;
    };

const NAME = String.raw`[\p{L}\p{M}\p{N}_-]+`;
/** A whole placeholder, matched at a given `{{` (sticky). */
const PLACEHOLDER = new RegExp(String.raw`\{\{\s*(${NAME}(?:\.${NAME})*)\s*\}\}`, 'uy');
/**
 * Names Handlebars reads as keywords or literals (`{{this}}`, `{{else}}`, `{{true}}`): refused, so a
 * template written for Handlebars is told it is not understood rather than looking up a field "this".
 */
const RESERVED_NAMES: ReadonlySet<string> = new Set(['this', 'true', 'false', 'null', 'undefined', 'else']);
const WHOLE_NAME = new RegExp(String.raw`^${NAME}$`, 'u');

/** Whether a list column's header can be written as a placeholder of its own (`{{기수}}` yes, `{{회비 (원)}}` no). */
export function isPlaceholderName(header: string): boolean {
  const name = header.normalize('NFC');
  return WHOLE_NAME.test(name) && !RESERVED_NAMES.has(name);
}

/** Longest unsupported construct quoted back to the user. */
const QUOTE_LIMIT = 60;

/** Splits a template into text, placeholders and unsupported constructs, in order. */
export function scanTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let textStart = 0;
  for (let open = text.indexOf('{{'); open !== -1; open = text.indexOf('{{', textStart)) {
    // Handlebars reads `\{{` as an escaped, literal `{{`.
    const escaped = open > textStart && text[open - 1] === '\\';
    const start = escaped ? open - 1 : open;
    PLACEHOLDER.lastIndex = open;
    const match = escaped ? null : PLACEHOLDER.exec(text);
    const path = match?.[1]?.normalize('NFC');
    let end: number;
    let part: TemplatePart;
    if (match !== null && path !== undefined && !path.split('.').some((name) => RESERVED_NAMES.has(name))) {
      end = open + match[0].length;
      part = { kind: 'placeholder', path, source: match[0] };
    } else {
      end = endOfConstruct(text, open);
      part = { kind: 'unsupported', source: text.slice(start, end) };
    }
    if (start > textStart) parts.push({ kind: 'text', text: text.slice(textStart, start) });
    parts.push(part);
    textStart = end;
  }
  if (textStart < text.length) parts.push({ kind: 'text', text: text.slice(textStart) });
  return parts;
}

/** The distinct placeholder paths the texts use, in order of first use (e.g. subject, then body). */
export function placeholdersOf(...texts: readonly string[]): string[] {
  const paths = new Set<string>();
  for (const text of texts) for (const part of scanTemplate(text)) if (part.kind === 'placeholder') paths.add(part.path);
  return [...paths];
}

/** The distinct constructs Mailroom does not support (`{{#if x}}`, `{{> partial}}`, `{{{raw}}}`), as written, shortened. */
export function unsupportedSyntaxOf(...texts: readonly string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) for (const part of scanTemplate(text)) if (part.kind === 'unsupported') found.add(quote(part.source));
  return [...found];
}

/**
 * The paths that cannot be filled from `data`: the root or any step is absent, is not an own property
 * (so `constructor`, `__proto__`, `toString` are missing), steps into something that is not an object
 * or array (`name.length`), or ends at `undefined` or `null`. An empty string is present here — the
 * member has the column, it is just blank — and is reported by `emptyPlaceholders` instead.
 */
export function missingPlaceholders(paths: readonly string[], data: Readonly<Record<string, unknown>>): string[] {
  return paths.filter((path) => {
    const value = valueAt(data, path);
    return value === undefined || value === null;
  });
}

/** The paths whose value is a blank string (empty or only white space): sendable, but worth a warning. */
export function emptyPlaceholders(paths: readonly string[], data: Readonly<Record<string, unknown>>): string[] {
  return paths.filter((path) => {
    const value = valueAt(data, path);
    return typeof value === 'string' && value.trim() === '';
  });
}

/**
 * The object a template sees for a member: the list's fields, then `name`, `email` and (when given)
 * `code` and `unsubscribe` over any field of the same name. A list column called `code` therefore fills `{{code}}` when
 * the campaign supplies no code. Field names are put in Unicode NFC, as placeholder paths are, so a
 * header saved decomposed (macOS) still matches. The object has no prototype, so nothing inherited
 * can be reached through it.
 */
export function memberDataRoot(member: MemberData): Record<string, unknown> {
  const root: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key in member.fields) if (Object.hasOwn(member.fields, key)) root[nfc(key)] = member.fields[key];
  root.name = member.name;
  root.email = member.email;
  if (member.code !== undefined) root.code = member.code;
  if (member.unsubscribe !== undefined) root.unsubscribe = member.unsubscribe;
  return root;
}

/** Column headers repeat on every member of a list: each is put in NFC once (the memory is bounded). */
const nfcKeys = new Map<string, string>();
function nfc(key: string): string {
  let normal = nfcKeys.get(key);
  if (normal === undefined) {
    if (nfcKeys.size >= 4096) nfcKeys.clear();
    normal = key.normalize('NFC');
    nfcKeys.set(key, normal);
  }
  return normal;
}

function valueAt(data: unknown, path: string): unknown {
  let current = data;
  for (const name of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, name)) return undefined;
    current = (current as Record<string, unknown>)[name];
  }
  return current;
}

/**
 * Where an unsupported construct starting at `open` ends: after its closing braces; or, when another
 * `{{` or the end of the line comes first, there (so one stray `{{` does not swallow the next placeholder).
 */
function endOfConstruct(text: string, open: number): number {
  let inside = open;
  while (text[inside] === '{') inside += 1;
  if (text.startsWith('{{!--', open)) {
    const close = text.indexOf('--}}', inside);
    if (close !== -1) return close + 4;
  }
  const closer = text.startsWith('{{{', open) && text.includes('}}}', inside) ? '}}}' : '}}';
  const close = text.indexOf(closer, inside);
  const nextOpen = text.indexOf('{{', inside);
  if (close !== -1 && (nextOpen === -1 || close < nextOpen)) return close + closer.length;
  const lineEnd = text.indexOf('\n', inside);
  return Math.min(...[nextOpen, lineEnd, text.length].filter((at) => at !== -1));
}

function quote(source: string): string {
  const oneLine = source.replace(/\s+/g, ' ');
  return oneLine.length <= QUOTE_LIMIT ? oneLine : `${oneLine.slice(0, QUOTE_LIMIT - 1)}…`;
}
