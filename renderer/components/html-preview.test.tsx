// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { STARTER_TEMPLATES } from '../../app/templates/common/starter-templates';
import { HtmlPreview, sanitiseForPreview } from './html-preview';

const HOSTILE = `<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><script src="https://evil.test/x.js"></script></head>
<body onload="steal()">
<p onclick="alert(1)" onmouseover="alert(2)">{{name}}님, 안녕하세요.</p>
<script>alert(1)</script>
<svg><script>alert(3)</script></svg>
<img src="x" onerror="alert(4)" alt="logo">
<a href="javascript:alert(5)">link</a>
<a href=" JaVaScRiPt:alert(6)">spaced</a>
<a href="https://school.example/notice">notice</a>
<iframe src="https://evil.test" srcdoc="<script>alert(7)</script>"></iframe>
<object data="x.swf"></object><embed src="x.swf">
<form action="https://evil.test"><button formaction="javascript:alert(8)">go</button></form>
</body></html>`;

/** Parses the frame's srcdoc the way the frame would. */
function frameDocument(): Document {
  const frame = screen.getByTitle('Preview');
  return new DOMParser().parseFromString(frame.getAttribute('srcdoc') ?? '', 'text/html');
}

afterEach(cleanup);

describe('HtmlPreview', () => {
  it('puts the HTML in a frame with an empty sandbox: no scripts, no same origin', () => {
    render(<HtmlPreview html="<p>Hello</p>" title="Preview" />);
    const frame = screen.getByTitle('Preview');
    expect(frame.tagName).toBe('IFRAME');
    expect(frame.hasAttribute('sandbox')).toBe(true);
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.hasAttribute('src')).toBe(false);
    expect(frameDocument().body.textContent).toBe('Hello');
  });

  it('strips script elements, including ones inside SVG and the head', () => {
    render(<HtmlPreview html={HOSTILE} title="Preview" />);
    const doc = frameDocument();
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(doc.documentElement.outerHTML).not.toMatch(/alert\((1|3)\)|evil\.test\/x\.js/);
  });

  it('strips every event-handler attribute', () => {
    render(<HtmlPreview html={HOSTILE} title="Preview" />);
    const doc = frameDocument();
    const handlers = [...doc.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.toLowerCase().startsWith('on')).map((a) => a.name));
    expect(handlers).toEqual([]);
    expect(doc.querySelector('img')?.getAttribute('alt')).toBe('logo');
  });

  it('strips javascript: URLs and keeps ordinary links', () => {
    render(<HtmlPreview html={HOSTILE} title="Preview" />);
    const doc = frameDocument();
    const urls = [...doc.querySelectorAll('[href], [src], [action], [formaction]')].flatMap((el) =>
      ['href', 'src', 'action', 'formaction'].map((name) => el.getAttribute(name)).filter((v): v is string => v !== null),
    );
    expect(urls.filter((url) => /^\s*javascript:/i.test(url))).toEqual([]);
    expect(doc.querySelector('a[href="https://school.example/notice"]')?.textContent).toBe('notice');
  });

  it('strips nested frames, objects and embeds', () => {
    render(<HtmlPreview html={HOSTILE} title="Preview" />);
    const doc = frameDocument();
    expect(doc.querySelectorAll('iframe, object, embed')).toHaveLength(0);
  });

  it('keeps placeholders literally, the document language and the starters’ text', () => {
    const starter = STARTER_TEMPLATES.find((s) => s.id === 'event-reminder-ko')!;
    render(<HtmlPreview html={starter.content} title="Preview" />);
    const doc = frameDocument();
    expect(doc.documentElement.lang).toBe('ko');
    expect(doc.body.textContent).toContain('{{name}}님, 안녕하세요.');
    expect(doc.querySelector('strong')?.textContent).toBe('{{event}}');
  });
});

describe('sanitiseForPreview', () => {
  it('lists what it removed, once each, without head-only elements', () => {
    const { removed } = sanitiseForPreview(HOSTILE);
    expect(removed).toEqual(
      expect.arrayContaining(['<script>', 'onload', 'onclick', 'onmouseover', 'onerror', 'href="javascript:alert(5)"', '<iframe>', '<object>', '<embed>']),
    );
    expect(removed).not.toContain('<meta>');
    expect(new Set(removed).size).toBe(removed.length);
  });

  it('removes nothing from the starter templates', () => {
    for (const starter of STARTER_TEMPLATES) expect(sanitiseForPreview(starter.content).removed, starter.id).toEqual([]);
  });
});
