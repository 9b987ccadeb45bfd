/**
 * The page the loopback host shows to a browser that arrives without this run's token (a bookmark, a
 * typed address, or a tab left open from before a restart): what happened and what to do, in Korean or
 * English by the browser's Accept-Language. Static HTML, no script.
 */

/** Why the page is shown: no token at all, or a token from an earlier run of the host. */
export type LandingReason = 'missing' | 'stale';

/** The words of one landing page. */
interface LandingWords {
  readonly title: string;
  readonly what: string;
  readonly steps: readonly string[];
  readonly why: string;
}

const WORDS: Record<'ko' | 'en', Record<LandingReason, LandingWords>> = {
  en: {
    missing: {
      title: 'Open Mailroom from the address it printed',
      what: 'This address has no key, so Mailroom does not open here. Mailroom answers only the address it printed when it started, because that address carries a one-time key.',
      steps: [
        'Go to the terminal window where you started Mailroom (npm start) and open the address printed there. It looks like http://127.0.0.1:{port}/?token=…',
        'If Mailroom is not running, run npm start again in the Mailroom folder. It opens the right address in your browser.',
      ],
      why: 'The key keeps other web pages open in your browser from reaching your mail accounts.',
    },
    stale: {
      title: 'Mailroom was restarted: this tab has an old key',
      what: 'This tab was opened from an earlier run of Mailroom. Each start makes a new key, so the old one no longer works, and reloading this page will not help.',
      steps: [
        'Go to the terminal window where Mailroom is running and open the new address printed there. It looks like http://127.0.0.1:{port}/?token=…',
        'If Mailroom is not running, run npm start again in the Mailroom folder. It opens the new address in your browser, and you can close this tab.',
      ],
      why: 'Nothing was lost: your accounts, lists and campaigns are kept in Mailroom’s data folder.',
    },
  },
  ko: {
    missing: {
      title: 'Mailroom이 알려 준 주소로 여세요',
      what: '이 주소에는 열쇠가 없어서 Mailroom이 열리지 않습니다. Mailroom은 시작할 때 출력한 주소에만 응답합니다. 그 주소에 한 번 쓰는 열쇠가 들어 있기 때문입니다.',
      steps: [
        'Mailroom을 시작한 터미널 창(npm start)으로 가서 거기에 출력된 주소를 여세요. http://127.0.0.1:{port}/?token=… 모양입니다.',
        'Mailroom이 실행 중이 아니면 Mailroom 폴더에서 npm start를 다시 실행하세요. 맞는 주소가 브라우저에서 열립니다.',
      ],
      why: '이 열쇠는 브라우저에 열린 다른 웹 페이지가 메일 계정에 접근하지 못하게 막습니다.',
    },
    stale: {
      title: 'Mailroom이 다시 시작되어 이 탭의 열쇠가 지난 것입니다',
      what: '이 탭은 Mailroom이 이전에 실행되었을 때 연 것입니다. 시작할 때마다 새 열쇠를 만들기 때문에 예전 열쇠는 더 이상 통하지 않고, 이 페이지를 새로 고쳐도 열리지 않습니다.',
      steps: [
        'Mailroom이 실행 중인 터미널 창으로 가서 거기에 새로 출력된 주소를 여세요. http://127.0.0.1:{port}/?token=… 모양입니다.',
        'Mailroom이 실행 중이 아니면 Mailroom 폴더에서 npm start를 다시 실행하세요. 새 주소가 브라우저에서 열리니 이 탭은 닫아도 됩니다.',
      ],
      why: '잃어버린 것은 없습니다. 계정, 명단, 발송 기록은 Mailroom 데이터 폴더에 그대로 있습니다.',
    },
  },
};

/** The Content-Security-Policy of the landing page: no script, no network, its own inline style only. */
export const LANDING_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Picks Korean or English from an Accept-Language header (highest q first; English when neither). */
export function pickLanguage(acceptLanguage: string | undefined): 'ko' | 'en' {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      const weight = q === undefined ? 1 : Number(q);
      return { tag: tag.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.tag !== '' && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'ko' || tag.startsWith('ko-')) return 'ko';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The landing page's HTML for a reason, language and port. */
export function landingPage(reason: LandingReason, language: 'ko' | 'en', port: number): string {
  const words = WORDS[language][reason];
  const fill = (text: string) => escapeHtml(text.replaceAll('{port}', String(port)));
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mailroom — ${fill(words.title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.6; color: #1d1d1f; background: #fff; }
@media (prefers-color-scheme: dark) { body { color: #eee; background: #1b1b1d; } }
h1 { font-size: 1.4rem; }
</style>
</head>
<body>
<main>
<h1>${fill(words.title)}</h1>
<p>${fill(words.what)}</p>
<ol>
${words.steps.map((step) => `<li>${fill(step)}</li>`).join('\n')}
</ol>
<p>${fill(words.why)}</p>
</main>
</body>
</html>
`;
}
