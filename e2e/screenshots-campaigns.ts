/**
 * The campaign screens for `npm run screenshots` (after e2e/screenshots.ts): a campaign sending to
 * 200 parents with a few refused addresses, a selected failed row with its explanation, a campaign
 * paused because the password stopped working, and the history — in Korean and English, light and
 * dark. Written to .artifacts/screenshots/campaign-*.png.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { startSmtpSink } from './fakes/smtp-sink';
import { createNodeHandlers } from '../app/handlers/node/node-composition';
import { startWebHost } from '../app/host-web/node/web-host';
import { launchChromium, screenshotsDir } from './chromium';

const out = await screenshotsDir();
const USER = 'office@hanbit.test';
const users: Record<string, string> = {};
const smtp = await startSmtpSink({
  security: 'none',
  users,
  script: {
    rcptTo: (address) => (address.startsWith('old') ? { code: 550, text: '5.1.1 The email account that you tried to reach does not exist.' } : undefined),
    auth: (user, password) => (users[user] === password ? undefined : { code: 535, text: '5.7.8 Username and Password not accepted.' }),
  },
});
const browser = await launchChromium();
const SURNAMES = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임'];
const GIVEN = ['민수', '서연', '지훈', '하늘', '유진', '도윤', '서준', '하은', '지우', '예린'];
const members = Array.from({ length: 200 }, (_, i) => {
  const local = i % 37 === 5 ? `old${i}` : `parent${i}`;
  return `${SURNAMES[i % 10]}${GIVEN[Math.floor(i / 10) % 10]} <${local}@hanbit.test>`;
});
const either = (en: string, ko: string) => new RegExp(`^(${en.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|${ko})$`);

async function campaignScreens(page: Page, shot: (name: string) => Promise<unknown>) {
  users[USER] = 'right-password';
  await page.getByRole('button', { name: /Add account|계정 추가/ }).click();
  await page.getByLabel(/^(Account name|계정 이름)$/).fill('행정실');
  await page.getByLabel(/^(SMTP server|SMTP 서버)$/).fill('127.0.0.1');
  await page.getByLabel(/^(Port|포트)$/).fill(String(smtp.port));
  await page.getByLabel(/None \(trusted|암호화 없음/).check();
  await page.getByLabel(/^(Username|사용자 이름)$/).fill(USER);
  await page.getByLabel(/^(Password|비밀번호)$/).fill('right-password');
  await page.getByLabel(/^(From address|보내는 주소)$/).fill(USER);
  await page.getByLabel(/^(From name|보내는 사람 이름)$/).fill('한빛학교 행정실');
  await page.getByRole('button', { name: either('Save', '저장') }).click();
  await page.getByRole('navigation').getByRole('button', { name: either('Lists', '명단') }).click();
  await page.getByRole('button', { name: either('Paste addresses', '주소 붙여 넣기') }).click();
  await page.getByLabel(either('Addresses', '주소')).fill(members.join('\n'));
  await page.getByLabel(either('List name', '명단 이름')).fill('전교 학부모');
  await page.getByRole('button', { name: either('Save as a list', '명단으로 저장') }).click();
  await page.locator('[data-report-list]').waitFor();

  const compose = async (subject: string, pace: string) => {
    await page.getByRole('navigation').getByRole('button', { name: either('Compose', '작성') }).click();
    await page.getByLabel(either('Subject', '제목')).fill(subject);
    await page.getByLabel(either('Message', '본문')).fill('{{name}} 보호자님, 안녕하세요.\n학부모 총회 안내드립니다.');
    await page.getByLabel(/Pace|발송 속도/).fill(pace);
    await page.locator('[data-will-send]').waitFor();
    await page.getByRole('button', { name: either('Create campaign', '캠페인 만들기') }).click();
    await page.getByRole('button', { name: either('Open', '열기') }).first().click();
    await page.getByRole('button', { name: either('Start sending', '발송 시작') }).click();
  };

  // Running: paced so that the shot catches it mid-way, with a refused address selected.
  await compose('{{name}} 보호자님께: 학부모 총회 안내', '600');
  await page.locator('[data-count-status="failed"][data-count="1"]').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: /old5@hanbit\.test/ }).click();
  await page.locator('[data-row-details]').waitFor();
  await shot('campaign-running');
  await page.locator('.campaign[data-campaign-status="completed"]').waitFor({ timeout: 60_000 });
  await shot('campaign-finished');

  // The password was changed elsewhere: the next campaign pauses at the first login, with the diagnosis.
  users[USER] = 'changed-on-the-web';
  await compose('{{name}} 보호자님께: 총회 일정 변경', '3000');
  await page.locator('[data-paused-diagnosis]').waitFor({ timeout: 30_000 });
  await shot('campaign-paused-auth');

  await page.getByRole('button', { name: either('Back to campaigns', '발송 내역으로') }).click();
  await page.locator('[data-history-count]').first().waitFor();
  await shot('campaign-history');
}

for (const locale of ['en-US', 'ko-KR'] as const) {
  for (const colorScheme of ['light', 'dark'] as const) {
    const dataDir = await mkdtemp(join(tmpdir(), 'mailroom-shots-'));
    const host = await startWebHost({
      staticDir: process.env.MAILROOM_RENDERER_DIR ?? resolve(import.meta.dirname, '../out/renderer'),
      createHandlers: (emit) => createNodeHandlers({ dataDir, emit, passphrase: 'screenshots' }),
    });
    const context = await browser.newContext({ locale, colorScheme, viewport: { width: 1180, height: 900 } });
    const page = await context.newPage();
    const tag = `${locale.slice(0, 2)}-${colorScheme}`;
    await page.goto(host.url);
    await campaignScreens(page, (name) => page.screenshot({ path: join(out, `${name}-${tag}.png`), fullPage: true }));
    await context.close();
    await host.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
await browser.close();
await smtp.close();
console.log(`Campaign screenshots written to ${out}`);
