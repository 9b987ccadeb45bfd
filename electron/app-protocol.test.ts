import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CONTENT_SECURITY_POLICY } from '../app/security/node/content-security-policy';
import { APP_PAGE_URL, createAppProtocolHandler, resolveAppPath } from './app-protocol';

const ROOT = '/opt/Mailroom/resources/app.asar/out/renderer';
const FILES = new Map<string, string>([
  [`${ROOT}/index.html`, '<!doctype html><title>Mailroom</title>'],
  [`${ROOT}/assets/index-abc.js`, 'console.log(1)'],
  [`${ROOT}/assets/index-abc.css`, 'body{}'],
  ['/opt/Mailroom/resources/app.asar/out/main/index.js', 'main process code'],
  ['/etc/passwd', 'root:x:0:0'],
]);
const readFile = async (path: string) => {
  const text = FILES.get(path);
  if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  return new TextEncoder().encode(text);
};
const handler = createAppProtocolHandler({ root: ROOT, policy: CONTENT_SECURITY_POLICY, readFile });
const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('the app:// protocol handler', () => {
  it('serves the page and its assets with their types, the CSP and nosniff', async () => {
    const page = await get(APP_PAGE_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Mailroom</title>');
    const script = await get('app://mailroom/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    expect((await get('app://mailroom/')).status).toBe(200);
  });

  it.each([
    'app://mailroom/../main/index.js',
    'app://mailroom/%2e%2e/main/index.js',
    'app://mailroom/assets/%2e%2e%2f%2e%2e%2fmain/index.js',
    'app://mailroom/..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd',
    'app://mailroom/assets%5c..%5c..%5cmain%5cindex.js',
    'app://mailroom/index.html%00.js',
    'app://mailroom/%E0%A4%A',
    'app://evil/index.html',
    'app://mailroom/nothing-here.js',
    'app://mailroom/assets/',
  ])('refuses %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('Not found');
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get(APP_PAGE_URL, 'POST')).status).toBe(405);
    expect((await get(APP_PAGE_URL, 'HEAD')).status).toBe(200);
  });

  it('never resolves a path outside the renderer folder, whatever the URL (property)', () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
    console.log(`app-protocol property seed: ${seed}`);
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E%2E', '%2f', '%5c', '%00', 'assets', 'index.html', '', '%E0%A4%A', '\u00e9'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const resolved = resolveAppPath(ROOT, `app://mailroom/${segments.join('/')}`);
        return resolved === undefined || resolved.startsWith(`${ROOT}/`);
      }),
      { seed, numRuns: 2000 },
    );
  });
});
