/**
 * Scheduled send for `npm run screenshots`: a campaign scheduled for tomorrow morning, in Korean and
 * English (Asia/Seoul). Written to .artifacts/screenshots/schedule-*.png.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSmtpSink } from './fakes/smtp-sink';
import { createNodeHandlers } from '../app/handlers/node/node-composition';
import { startWebHost } from '../app/host-web/node/web-host';
import { launchChromium, screenshotsDir } from './chromium';

const out = await screenshotsDir();
const smtp = await startSmtpSink({ security: 'none' });
const browser = await launchChromium();
const either = (en: string, ko: string) => new RegExp(`^(${en.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|${ko})$`);
/** Tomorrow 09:00 in Seoul, as a datetime-local value. */
const tomorrowNine = new Date(Date.now() + 9 * 3_600_000 + 86_400_000).toISOString().slice(0, 10) + 'T09:00';

for (const locale of ['en-US', 'ko-KR'] as const) {
  const dataDir = await mkdtemp(join(tmpdir(), 'mailroom-shots-'));
  const host = await startWebHost({
    staticDir: process.env.MAILROOM_RENDERER_DIR ?? resolve(import.meta.dirname, '../out/renderer'),
    createHandlers: (emit) => createNodeHandlers({ dataDir, emit, passphrase: 'screenshots' }),
  });
  const context = await browser.newContext({ locale, timezoneId: 'Asia/Seoul', viewport: { width: 1180, height: 900 } });
  const page = await context.newPage();
  await page.goto(host.url);
  await page.getByRole('button', { name: /Add account|계정 추가/ }).click();
  await page.getByLabel(/^(Account name|계정 이름)$/).fill('행정실');
  await page.getByLabel(/^(SMTP server|SMTP 서버)$/).fill('127.0.0.1');
  await page.getByLabel(/^(Port|포트)$/).fill(String(smtp.port));
  await page.getByLabel(/None \(trusted|암호화 없음/).check();
  await page.getByLabel(/^(From address|보내는 주소)$/).fill('office@hanbit.test');
  await page.getByLabel(/^(From name|보내는 사람 이름)$/).fill('한빛학교 행정실');
  await page.getByRole('button', { name: either('Save', '저장') }).click();
  await page.getByRole('navigation').getByRole('button', { name: either('Lists', '명단') }).click();
  await page.getByRole('button', { name: either('Paste addresses', '주소 붙여 넣기') }).click();
  await page.getByLabel(either('Addresses', '주소')).fill(['김민수 <parent1@hanbit.test>', '이서연 <parent2@hanbit.test>', '박지훈 <parent3@hanbit.test>'].join('\n'));
  await page.getByLabel(either('List name', '명단 이름')).fill('3학년 학부모');
  await page.getByRole('button', { name: either('Save as a list', '명단으로 저장') }).click();
  await page.locator('[data-report-list]').waitFor();
  await page.getByRole('navigation').getByRole('button', { name: either('Compose', '작성') }).click();
  await page.getByLabel(either('Subject', '제목')).fill('{{name}} 보호자님께: 현장 체험 학습 안내');
  await page.getByLabel(either('Message', '본문')).fill('{{name}} 보호자님, 안녕하세요.');
  await page.locator('[data-will-send]').waitFor();
  await page.getByRole('button', { name: either('Create campaign', '캠페인 만들기') }).click();
  await page.getByRole('button', { name: either('Open', '열기') }).first().click();
  await page.locator('input[type="datetime-local"]').fill(tomorrowNine);
  await page.getByRole('button', { name: either('Schedule', '예약하기') }).click();
  await page.locator('.campaign[data-campaign-status="scheduled"]').waitFor();
  await page.screenshot({ path: join(out, `schedule-scheduled-${locale.slice(0, 2)}.png`), fullPage: true });
  await context.close();
  await host.close();
  await rm(dataDir, { recursive: true, force: true });
}
await browser.close();
await smtp.close();
console.log(`Schedule screenshots written to ${out}`);
