/**
 * Campaign names for `npm run screenshots`: the history with names (not raw subjects), the rename field
 * and the app's confirmation dialog, in Korean and English. Written to .artifacts/screenshots/names-*.png.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSmtpSink } from './fakes/smtp-sink';
import { createNodeHandlers } from '../app/handlers/node/node-composition';
import { startWebHost } from '../app/host-web/node/web-host';
import { dispatch, type Handlers } from '../app/ipc/common/dispatch';
import type { RequestChannel } from '../app/ipc/common/channels';
import { launchChromium, screenshotsDir } from './chromium';

const out = await screenshotsDir();
const smtp = await startSmtpSink({ security: 'none' });
const browser = await launchChromium();

for (const language of ['ko', 'en'] as const) {
  const dataDir = await mkdtemp(join(tmpdir(), 'mailroom-shots-names-'));
  let handlers: Handlers | undefined;
  const host = await startWebHost({
    staticDir: resolve(import.meta.dirname, '../out/renderer'),
    createHandlers: async (emit) => (handlers = await createNodeHandlers({ dataDir, passphrase: 'screenshots-passphrase', emit })),
  });
  const call = async <T>(channel: RequestChannel, input?: unknown): Promise<T> => {
    const result = await dispatch(handlers!, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };
  const page = await browser.newPage({ locale: language === 'ko' ? 'ko-KR' : 'en-US', viewport: { width: 1280, height: 800 } });
  await page.goto(host.url);
  while (!handlers) await new Promise((r) => setTimeout(r, 50));
  await call('settings:save', { language, theme: 'light' });
  const account = await call<{ id: string }>('accounts:save', { label: '행정실', host: '127.0.0.1', port: smtp.port, security: 'none', username: '', fromAddress: 'office@hanbit.test', fromName: '한빛학교 행정실' });
  const list = await call<{ list: { id: string } }>('lists:paste', { name: '전교 학부모', text: '김민수 <kim@hanbit.test>\n이서연 <lee@hanbit.test>\n박지훈 <park@hanbit.test>' });
  const make = async (subject: string, send: boolean) => {
    const { id } = await call<{ id: string }>('campaigns:create', { accountId: account.id, listId: list.list.id, template: { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject, content: '{{name}}님, 안녕하세요.' } }, perMinute: 6000 });
    if (send) {
      await call('campaigns:start', { id });
      for (let i = 0; i < 600; i++) {
        if ((await call<{ campaign: { status: string } }>('campaigns:get', { id, offset: 0, limit: 1 })).campaign.status === 'completed') break;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return id;
  };
  const old = await make('{{name}}님께 11월 학부모 총회 안내', true);
  await make('{{name}}님, 12월 급식비 납부 안내', true);
  await make('겨울방학 방과후학교 신청 안내', false);
  await call('campaigns:archive', { id: old, archived: true });
  await page.reload();
  await page.getByRole('navigation').getByRole('button', { name: language === 'ko' ? '발송 내역' : 'Campaigns', exact: true }).click();
  await page.locator('.campaign-card').first().waitFor();
  await page.getByLabel(language === 'ko' ? '보관된 캠페인 보기' : 'Show archived').check();
  await page.locator('[data-archived-section] .campaign-card').waitFor();
  await page.screenshot({ path: join(out, `names-history-${language}.png`), fullPage: true });
  await page.locator('.account-list').first().getByRole('button', { name: language === 'ko' ? '열기' : 'Open', exact: true }).nth(1).click();
  await page.locator('.campaign-name__line').getByRole('button').click();
  await page.getByLabel(language === 'ko' ? '캠페인 이름' : 'Campaign name', { exact: true }).fill(language === 'ko' ? '11월 학부모 총회 안내 (재발송)' : 'November parents’ meeting (again)');
  await page.screenshot({ path: join(out, `names-rename-${language}.png`) });
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: language === 'ko' ? /삭제$/ : /^Delete/ }).last().click();
  await page.getByRole('alertdialog').waitFor();
  await page.screenshot({ path: join(out, `names-confirm-${language}.png`) });
  await page.close();
  await host.close();
  await rm(dataDir, { recursive: true, force: true });
}
await browser.close();
await smtp.close();
console.log('names screenshots written');
