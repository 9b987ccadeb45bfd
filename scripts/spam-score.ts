/**
 * Scores every starter template offline with SpamAssassin (`spamassassin -L -t`, local tests only),
 * without and with the list headers of app/mailbox/common/list-headers.ts, and prints a table.
 * Run: npx tsx scripts/spam-score.ts (needs Debian's spamassassin).
 */
import { spawnSync } from 'node:child_process';
import MailComposer from 'nodemailer/lib/mail-composer';
import { listHeaders, unsubscribeTarget, type ListHeaderKind } from '../app/mailbox/common/list-headers';
import { STARTER_TEMPLATES } from '../app/templates/common/starter-templates';
import { renderMessage } from '../app/templates/node/template-render';

const CAMPAIGN_ID = 'b7f3c2d0-1a2b-4c5d-8e9f-001122334455';
const kindOf = (usage: string): ListHeaderKind => (usage === 'ForgotPassword' ? 'forgot-password' : usage === 'Notice' ? 'notice' : 'generic');

async function score(headers: ReadonlyArray<readonly [string, string]>, starter: (typeof STARTER_TEMPLATES)[number]): Promise<{ score: string; tests: string }> {
  const fields = Object.fromEntries(starter.fields.map((f) => [f, f === 'code' ? '483920' : `sample ${f}`]));
  // The unsubscribe line names the same address as List-Unsubscribe (the campaign and member below).
  const unsubscribe = unsubscribeTarget({ campaignId: CAMPAIGN_ID, memberIndex: 3, senderAddress: 'club@naver.com', httpsEndpoint: null });
  const rendered = renderMessage(starter, { email: 'member@example.com', name: '김회원', fields, unsubscribe });
  if (!rendered.ok) throw new Error(`${starter.id} did not render`);
  const raw = await new MailComposer({
    from: { name: '동호회', address: 'club@naver.com' },
    to: 'member@example.com',
    subject: rendered.subject,
    text: rendered.text,
    ...(rendered.html === undefined ? {} : { html: rendered.html }),
    headers: headers.map(([key, value]) => ({ key, value })),
    messageId: `<${starter.id}.spam-score@naver.com>`,
    date: new Date('2026-11-30T01:00:00Z'),
  })
    .compile()
    .build();
  const out = spawnSync('spamassassin', ['-L', '-t'], { input: raw, encoding: 'utf8', maxBuffer: 1 << 24 });
  const status = /^X-Spam-Status: (.*(?:\r?\n[ \t].*)*)/m.exec(out.stdout)?.[1]?.replace(/\s+/g, ' ') ?? out.stderr.slice(0, 200);
  return { score: /score=(-?[\d.]+)/.exec(status)?.[1] ?? '?', tests: (/tests=(.*?)(?: autolearn=| version=|$)/.exec(status)?.[1] ?? '').replace(/,\s*/g, ',') };
}

for (const starter of STARTER_TEMPLATES) {
  const headers = listHeaders({ kind: kindOf(starter.usageType), campaignId: CAMPAIGN_ID, memberIndex: 3, senderAddress: 'club@naver.com', listName: '동호회 공지', httpsEndpoint: null });
  const without = await score([], starter);
  const withHeaders = await score(headers, starter);
  const unsubscribeOnly = headers.filter(([name]) => name === 'List-Unsubscribe');
  const control = unsubscribeOnly.length > 0 ? await score(unsubscribeOnly, starter) : null;
  console.log(`${starter.id.padEnd(20)} without ${without.score.padStart(5)} [${without.tests}]`);
  console.log(`${''.padEnd(20)} with    ${withHeaders.score.padStart(5)} [${withHeaders.tests}] (${headers.map(([n]) => n).join(', ')})`);
  if (control) console.log(`${''.padEnd(20)} control ${control.score.padStart(5)} [${control.tests}] (List-Unsubscribe alone, no List-Id)`);
}
