/**
 * `tsx e2e/screenshots-exports.ts` (after `npm run build`): the Lists screen's export buttons for a
 * list and for the suppression list, in Korean and English, into .artifacts/screenshots/.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createNodeHandlers } from '../app/handlers/node/node-composition';
import { startWebHost } from '../app/host-web/node/web-host';
import { launchChromium, screenshotsDir } from './chromium';

const out = await screenshotsDir();
const browser = await launchChromium();
for (const locale of ['en-US', 'ko-KR'] as const) {
  const dataDir = await mkdtemp(join(tmpdir(), 'mailroom-shots-'));
  const host = await startWebHost({
    staticDir: process.env.MAILROOM_RENDERER_DIR ?? resolve(import.meta.dirname, '../out/renderer'),
    createHandlers: (emit) => createNodeHandlers({ dataDir, emit }),
  });
  const page = await (await browser.newContext({ locale, viewport: { width: 1180, height: 860 } })).newPage();
  const tag = locale.slice(0, 2);
  await page.goto(host.url);
  await page.getByLabel(/^(Passphrase|암호 문구)$/).fill('screenshot passphrase');
  await page.getByLabel(/^(Passphrase again|암호 문구 확인)$/).fill('screenshot passphrase');
  await page.getByRole('button', { name: /Set passphrase|암호 문구 정하기/ }).click();
  await page.getByRole('navigation').getByRole('button', { name: /^(Lists|명단)$/ }).click();
  await page.getByRole('button', { name: /^(Paste addresses|주소 붙여 넣기)$/ }).click();
  await page.getByLabel(/^(Addresses|주소)$/).fill('김민수 <minsu@hanbit.test>\n이서연 <seoyeon@hanbit.test>\n정하늘 <haneul@hanbit.test>');
  await page.getByLabel(/^(List name|명단 이름)$/).fill('3학년 학부모');
  await page.getByRole('button', { name: /^(Save as a list|명단으로 저장)$/ }).click();
  await page.locator('[data-report-list]').waitFor();
  if ((await page.locator('[data-export="list"]').count()) === 0) await page.getByRole('button', { name: /(Open|열기)/ }).first().click();
  await page.locator('[data-export="list"]').waitFor();
  await page.locator('[data-export="list"]').getByRole('button').first().click();
  await page.locator('[data-export="list"] [role="status"]').waitFor();
  await page.screenshot({ path: join(out, `lists-export-${tag}.png`), fullPage: true });
  await host.close();
}
await browser.close();
