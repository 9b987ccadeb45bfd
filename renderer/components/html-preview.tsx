/**
 * An HTML message shown safely: sanitised with DOMPurify, then put in an `<iframe sandbox="">` through
 * `srcdoc`. The empty sandbox turns scripts, forms, pop-ups and top navigation off and gives the frame
 * an opaque origin, so nothing in it can reach the app even if the sanitiser missed something; the
 * sanitiser is the first wall, the sandbox the second.
 *
 * The frame's document inherits the app's Content-Security-Policy (srcdoc documents do): `style-src
 * 'self'` blocks `style` attributes and `<style>` elements in it, and `img-src 'self' data:` blocks
 * remote images, so an e-mail's own styling and pictures are not shown here. Mail programs will show
 * them; the preview is for the words and structure.
 */
import DOMPurify from 'dompurify';
import { useMemo } from 'react';

/** Props of HtmlPreview. */
export interface HtmlPreviewProps {
  /** The HTML, a whole document or a fragment. */
  readonly html: string;
  /** The frame's accessible name. */
  readonly title: string;
}

/** Sanitised HTML and what the sanitiser took out of it. */
export interface SanitisedHtml {
  /** A whole `<html>` document, safe to put in `srcdoc`. */
  readonly html: string;
  /**
   * What was removed that the writer may care about, distinct, in order: elements as `<script>`,
   * attributes as `onclick` or `href="javascript:…"`. Head-only elements (`<meta>`, `<title>`) are
   * dropped silently: they do not change what a member sees.
   */
  readonly removed: readonly string[];
}

/** Elements DOMPurify drops from a whole document that never show in a message. */
const SILENT_ELEMENTS: ReadonlySet<string> = new Set(['meta', 'title']);
/** Longest attribute value quoted back. */
const VALUE_LIMIT = 24;

/** The last input and its result: the editor and the frame ask for the same HTML in one render. */
let last: { readonly html: string; readonly result: SanitisedHtml } | null = null;

/**
 * Sanitises HTML for the preview with DOMPurify's default HTML profile, keeping the document's `lang`.
 * DOMPurify parses with `DOMParser`; that inert document inherits the app's policy, so Chromium logs a
 * CSP violation for each `style` or `on…` attribute it meets (nothing runs): one parse per change keeps
 * that noise down.
 */
export function sanitiseForPreview(html: string): SanitisedHtml {
  if (last?.html === html) return last.result;
  const result = sanitise(html);
  last = { html, result };
  return result;
}

function sanitise(html: string): SanitisedHtml {
  const clean = DOMPurify.sanitize(html, { WHOLE_DOCUMENT: true, USE_PROFILES: { html: true } });
  const removed = new Set<string>();
  for (const item of DOMPurify.removed) {
    if ('attribute' in item && item.attribute) {
      const { name, value } = item.attribute;
      removed.add(name.toLowerCase().startsWith('on') ? name : `${name}="${value.length > VALUE_LIMIT ? `${value.slice(0, VALUE_LIMIT - 1)}…` : value}"`);
    } else if ('element' in item && item.element instanceof Element) {
      const tag = item.element.nodeName.toLowerCase();
      if (!SILENT_ELEMENTS.has(tag)) removed.add(`<${tag}>`);
    }
  }
  return { html: clean, removed: [...removed] };
}

/** Renders the sanitised HTML in a sandboxed frame with scripts off. */
export function HtmlPreview({ html, title }: HtmlPreviewProps) {
  const srcDoc = useMemo(() => sanitiseForPreview(html).html, [html]);
  // `sandbox=""` (no allow-scripts, no allow-same-origin) is the point of this component: keep it empty.
  return <iframe className="html-preview" title={title} sandbox="" srcDoc={srcDoc} referrerPolicy="no-referrer" data-preview-frame="" />;
}
