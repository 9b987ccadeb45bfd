/**
 * Campaign names and housekeeping as an admin does them, in the real renderer: the history shows each
 * campaign's name (the subject as its first member got it, and the date), not the raw `{{이름}}님께…`;
 * rename in place (Escape keeps the old name, Enter saves); duplicate into a draft Compose opens; archive
 * and delete in the app's own dialog (Escape cancels, focus comes back); "Show archived"; restore.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '../fixtures';
import { startSmtpSink } from '../fakes/smtp-sink';
import { createNodeHandlers } from '../../app/handlers/node/node-composition';
import { startWebHost } from '../../app/host-web/node/web-host';
import { dispatch, type Handlers } from '../../app/ipc/common/dispatch';
import type { RequestChannel } from '../../app/ipc/common/channels';

test.use({ locale: 'ko-KR' });

test('name, rename, duplicate, archive, restore and delete a campaign (ko)', async ({ page }) => {
  test.setTimeout(180_000);
  const relay = await startSmtpSink({ security: 'none' });
  const dataDir = await mkdtemp(join(tmpdir(), 'mailroom-e2e-names-'));
  let handlers: Handlers | undefined;
  const host = await startWebHost({
    staticDir: process.env.MAILROOM_RENDERER_DIR ?? resolve(import.meta.dirname, '../../out/renderer'),
    createHandlers: async (emit) => (handlers = await createNodeHandlers({ dataDir, passphrase: 'e2e-passphrase-not-secret', emit })),
  });
  const call = async <T>(channel: RequestChannel, input?: unknown): Promise<T> => {
    const result = await dispatch(handlers!, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };
  try {
    await page.goto(host.url);
    await expect.poll(() => handlers !== undefined).toBe(true);
    let id = '';
    await test.step('a finished campaign and one not yet sent (set up through the handlers)', async () => {
      await call('settings:save', { language: 'ko', theme: 'system' });
      const account = await call<{ id: string }>('accounts:save', { label: '동문회 사무국', host: '127.0.0.1', port: relay.port, security: 'none', username: '', fromAddress: 'office@club.test', fromName: '사무국' });
      const list = await call<{ list: { id: string } }>('lists:paste', { name: '12기 동문', text: '김철수 <kim@club.test>\n이영희 <lee@club.test>' });
      const template = { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject: '{{name}}님께 총회 안내', content: '{{name}}님, 총회는 토요일입니다.' } };
      ({ id } = await call<{ id: string }>('campaigns:create', { accountId: account.id, listId: list.list.id, template, perMinute: 6000 }));
      await call('campaigns:start', { id });
      await expect.poll(async () => (await call<{ campaign: { status: string } }>('campaigns:get', { id, offset: 0, limit: 1 })).campaign.status, { timeout: 60_000 }).toBe('completed');
      await call('campaigns:create', { accountId: account.id, listId: list.list.id, template: { inline: { ...template.inline, subject: '회비 안내' } }, perMinute: 6000 });
    });

    const history = page.locator('.campaign-card');
    await test.step('the history shows names, not the raw subject', async () => {
      await page.reload();
      await page.getByRole('navigation').getByRole('button', { name: '발송 내역', exact: true }).click();
      await expect(history).toHaveCount(2);
      await expect(page.locator(`[data-campaign-id="${id}"] [data-campaign-name]`)).toHaveText(/^김철수님께 총회 안내 · /);
      await expect(page.locator('.account-list')).not.toContainText('{{name}}');
    });

    await test.step('rename in place: Escape keeps the old name, Enter saves the new one', async () => {
      await page.locator(`[data-campaign-id="${id}"]`).getByRole('button', { name: '열기', exact: true }).click();
      const heading = page.getByRole('heading', { level: 1 });
      await expect(heading).toHaveText(/^김철수님께 총회 안내 · /);
      await expect(page.getByText('작성한 제목: {{name}}님께 총회 안내')).toBeVisible();
      const renameButton = page.locator('.campaign-name__line').getByRole('button');
      await renameButton.click();
      const field = page.getByLabel('캠페인 이름', { exact: true });
      await expect(field).toBeFocused();
      await field.fill('버려질 이름');
      await field.press('Escape');
      await expect(heading).toHaveText(/^김철수님께 총회 안내 · /);
      await expect(renameButton).toBeFocused();
      await renameButton.press('Enter');
      await field.fill('   ');
      await field.press('Enter');
      await expect(page.getByRole('alert')).toContainText('캠페인에는 이름이 있어야 합니다');
      await field.fill('11월 정기총회 안내');
      await field.press('Enter');
      await expect(heading).toHaveText('11월 정기총회 안내');
      await expect(page.locator('.campaign-name__line').getByRole('button')).toBeFocused();
    });

    await test.step('the CSV file is named after the campaign', async () => {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: '결과 내보내기 (CSV)' }).click();
      expect((await download).suggestedFilename()).toBe('11월-정기총회-안내-results.csv');
    });

    await test.step('archive: the app’s dialog, Escape cancels and focus comes back; confirmed, it leaves the history', async () => {
      const archive = page.getByRole('button', { name: '“11월 정기총회 안내” 보관', exact: true });
      await archive.click();
      const dialog = page.getByRole('alertdialog', { name: '“11월 정기총회 안내”을(를) 보관할까요?' });
      await expect(dialog).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      await expect(archive).toBeFocused();
      await archive.click();
      // Tab stays inside the dialog.
      for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('[role="alertdialog"]') !== null)).toBe(true);
      await dialog.getByRole('button', { name: '캠페인 보관' }).click();
      await expect(page.locator('[data-housekeeping-notice]')).toContainText('보관했습니다');
      await expect(page.locator('.campaign-badge')).toHaveText('보관됨');
      await page.getByRole('button', { name: '발송 내역으로' }).click();
      await expect(history).toHaveCount(1);
      await page.getByLabel('보관된 캠페인 보기').check();
      await expect(page.locator('[data-archived-section] .campaign-card')).toHaveCount(1);
      await expect(page.locator('[data-archived-section]')).toContainText('11월 정기총회 안내');
    });

    await test.step('restore, then delete with its journal (confirmed in the dialog)', async () => {
      await page.getByRole('button', { name: '“11월 정기총회 안내”을(를) 기록으로 되돌리기' }).click();
      await expect(page.locator('[data-housekeeping-notice]')).toContainText('되돌렸습니다');
      await expect(page.locator('.account-list').first().locator('.campaign-card')).toHaveCount(2);
      const remove = page.getByRole('button', { name: '“11월 정기총회 안내” 삭제', exact: true });
      await remove.click();
      const dialog = page.getByRole('alertdialog', { name: '“11월 정기총회 안내”을(를) 삭제할까요?' });
      await expect(dialog).toContainText('회원 2명의 발송 결과');
      // Destructive: Cancel has the first focus.
      await expect(dialog.getByRole('button', { name: '취소' })).toBeFocused();
      await dialog.getByRole('button', { name: '캠페인 삭제' }).click();
      await expect(page.locator('[data-housekeeping-notice]')).toContainText('삭제했습니다');
      await expect(page.locator(`[data-campaign-id="${id}"]`)).toHaveCount(0);
      expect(existsSync(join(dataDir, 'journals', `${id}.jsonl`))).toBe(false);
    });

    await test.step('a campaign not yet sent cannot be deleted: refused in words', async () => {
      await page.getByRole('button', { name: '열기', exact: true }).click();
      await page.getByRole('button', { name: /삭제$/ }).last().click();
      await expect(page.getByRole('alert')).toContainText('아직 보내지 않아 삭제할 수 없습니다');
      await expect(page.getByRole('alertdialog')).toHaveCount(0);
    });

    await test.step('duplicate into a new draft: Compose opens it', async () => {
      await page.getByRole('button', { name: /새 임시 저장으로 복제$/ }).click();
      await expect(page.getByRole('heading', { level: 1, name: '공지 작성' })).toBeVisible();
      await expect(page.getByLabel('제목', { exact: true })).toHaveValue('회비 안내');
    });
  } finally {
    await host.close();
    await relay.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
