/**
 * The admin's working day in Compose (issue 14): a CP949 list `이름,이메일,기수,회비` whose headers are
 * placeholders as written, a typo that names the closest column, the template editor's panel agreeing
 * with Compose, and a draft that survives switching screens and a restart of the host, reopened and deleted.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { startSmtpSink } from '../fakes/smtp-sink';
import { createNodeHandlers } from '../../app/handlers/node/node-composition';
import { startWebHost, type WebHost } from '../../app/host-web/node/web-host';

const ALUMNI_CSV = ['이름,이메일,기수,회비', '김민수,minsu@alumni.test,3,20000', '이서연,seoyeon@alumni.test,4,15000', ''].join('\r\n');

test.use({ locale: 'ko-KR' });

const startHost = (dataDir: string) =>
  startWebHost({
    staticDir: process.env.MAILROOM_RENDERER_DIR ?? resolve(import.meta.dirname, '../../out/renderer'),
    createHandlers: (emit) => createNodeHandlers({ dataDir, passphrase: 'e2e-passphrase-not-secret', emit }),
  });

async function addAccountAndList(page: Page, port: number, csvPath: string) {
  await page.getByRole('button', { name: '계정 추가' }).click();
  await page.getByLabel('계정 이름').fill('동문회 릴레이');
  await page.getByLabel('SMTP 서버', { exact: true }).fill('127.0.0.1');
  await page.getByLabel('포트', { exact: true }).fill(String(port));
  await page.getByLabel(/암호화 없음/).check();
  await page.getByLabel('보내는 주소').fill('office@alumni.test');
  await page.getByLabel('보내는 사람 이름').fill('동문회 사무국');
  await page.getByRole('button', { name: '저장', exact: true }).click();
  await expect(page.getByRole('listitem', { name: '동문회 릴레이' })).toBeVisible();
  await writeFile(csvPath, iconv.encode(ALUMNI_CSV, 'cp949'));
  await page.getByRole('navigation').getByRole('button', { name: '명단' }).click();
  await page.getByRole('button', { name: '파일 가져오기' }).click();
  await page.getByLabel('파일 선택').setInputFiles(csvPath);
  await expect(page.locator('[data-encoding-detected]')).toHaveAttribute('data-encoding', 'cp949');
  await page.getByRole('button', { name: '가져오기', exact: true }).click();
  await expect(page.locator('[data-report-list] [data-summary="accepted"]')).toHaveAttribute('data-count', '2');
}

test('headers are placeholders as written, and a draft survives screens and a restart', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const relay = await startSmtpSink({ security: 'none' });
  const dataDir = await mkdtemp(join(tmpdir(), 'mailroom-e2e-workday-'));
  let host: WebHost | null = await startHost(dataDir);
  try {
    await page.goto(host.url);
    await addAccountAndList(page, relay.port, testInfo.outputPath('동문.csv'));

    await test.step('the template editor lists what the list offers, the name column under its own name', async () => {
      await page.getByRole('navigation').getByRole('button', { name: '템플릿' }).click();
      await page.getByRole('button', { name: '새 템플릿' }).click();
      await page.getByLabel('제목', { exact: true }).fill('{{이름}}님 {{기수}}기 회비 안내');
      const offered = page.locator('[data-offered-by] [data-offered]');
      await expect(offered).toHaveText(['{{이름}}', '{{이메일}}', '{{기수}}', '{{회비}}', /\{\{name\}\}/, /\{\{email\}\}/, /\{\{unsubscribe\}\}/]);
      await expect(page.locator('[data-not-offered]')).toHaveCount(0);
      await page.getByLabel('제목', { exact: true }).fill('{{이룸}}님');
      await expect(page.locator('[data-not-offered="이룸"]')).toBeVisible();
    });

    await page.getByRole('navigation').getByRole('button', { name: '작성' }).click();
    const preview = page.getByRole('region', { name: '미리 보기' });
    await test.step('a typo names the list’s placeholders and the closest column', async () => {
      await page.getByLabel('제목', { exact: true }).fill('{{이룸}}님, {{기수}}기 회비 안내');
      await page.getByLabel('본문', { exact: true }).fill('{{name}}님의 {{기수}}기 회비는 {{회비}}원입니다.');
      await expect(preview.locator('[data-hint="이룸"]')).toHaveAttribute('data-suggestion', '이름');
      await expect(preview.locator('[data-hint="이룸"]')).toContainText('{{이름}}을(를) 쓰려던 것인가요?');
      await expect(preview.locator('[data-offered]')).toContainText('{{이름}}, {{이메일}}, {{기수}}, {{회비}}, {{name}}, {{email}}');
    });

    await test.step('{{이름}} fills from the column mapped as the name', async () => {
      await page.getByLabel('제목', { exact: true }).fill('{{이름}}님, {{기수}}기 회비 안내');
      await expect(preview.locator('[data-header="subject"]')).toHaveText('김민수님, 3기 회비 안내');
      await expect(preview.locator('[data-part="text"]')).toHaveText('김민수님의 3기 회비는 20000원입니다.');
      await expect(page.getByRole('region', { name: '발송 전 점검' })).toHaveAttribute('data-blocked', 'false');
    });

    const drafts = page.getByRole('region', { name: '임시 저장' });
    await test.step('the draft is saved as you type and is there after switching screens', async () => {
      await expect(drafts.locator('[data-draft-status="saved"]')).toBeVisible({ timeout: 15_000 });
      await expect(drafts.locator('[data-draft]')).toHaveCount(1);
      await expect(drafts.locator('[data-draft]')).toContainText('{{이름}}님, {{기수}}기 회비 안내');
      await page.getByRole('navigation').getByRole('button', { name: '명단' }).click();
      await page.getByRole('navigation').getByRole('button', { name: '작성' }).click();
      await expect(page.getByLabel('제목', { exact: true })).toHaveValue('{{이름}}님, {{기수}}기 회비 안내');
      await expect(page.getByLabel('본문', { exact: true })).toHaveValue('{{name}}님의 {{기수}}기 회비는 {{회비}}원입니다.');
    });

    await test.step('the draft survives a restart of the host', async () => {
      await host!.close();
      host = await startHost(dataDir);
      await page.goto(host.url);
      await page.getByRole('navigation').getByRole('button', { name: '작성' }).click();
      await expect(page.getByLabel('제목', { exact: true })).toHaveValue('{{이름}}님, {{기수}}기 회비 안내');
      await expect(page.getByLabel('본문', { exact: true })).toHaveValue('{{name}}님의 {{기수}}기 회비는 {{회비}}원입니다.');
    });

    await test.step('a second draft; both listed; the first reopened; one deleted', async () => {
      await drafts.getByRole('button', { name: '새 메일' }).click();
      await expect(page.getByLabel('제목', { exact: true })).toHaveValue('');
      await page.getByLabel('제목', { exact: true }).fill('총회 안내');
      await page.getByLabel('본문', { exact: true }).fill('{{이름}}님, 총회에 오세요.');
      await expect(drafts.locator('[data-draft]')).toHaveCount(2, { timeout: 15_000 });
      await expect(drafts.locator('[data-draft]').first()).toContainText('총회 안내');
      await drafts.getByRole('button', { name: '임시 저장 “{{이름}}님, {{기수}}기 회비 안내” 열기' }).click();
      await expect(page.getByLabel('제목', { exact: true })).toHaveValue('{{이름}}님, {{기수}}기 회비 안내');
      await drafts.getByRole('button', { name: '임시 저장 “총회 안내” 삭제' }).click();
      await expect(drafts.locator('[data-draft]')).toHaveCount(1);
      await expect(drafts.locator('[data-draft]')).not.toContainText('총회 안내');
    });
    await page.screenshot({ path: '.artifacts/screenshots/compose-drafts-ko.png', fullPage: true });

    await test.step('send this notice to me: the second member’s message arrives at the admin’s address, marked as a test', async () => {
      await preview.getByRole('button', { name: '다음 회원' }).click();
      await expect(preview.locator('[data-header="subject"]')).toHaveText('이서연님, 4기 회비 안내');
      await preview.getByRole('button', { name: '이 공지를 나에게 보내기' }).click();
      await expect(preview.locator('[data-sent-to="office@alumni.test"]')).toContainText('[테스트] 이서연님, 4기 회비 안내');
      expect(relay.messages).toHaveLength(1);
      const [arrived] = relay.messages;
      expect(arrived!.rcptTo).toEqual(['office@alumni.test']);
      expect(arrived!.parsed.subject).toBe('[테스트] 이서연님, 4기 회비 안내');
      expect(arrived!.parsed.text?.trim()).toBe('이서연님의 4기 회비는 15000원입니다.');
      await page.screenshot({ path: '.artifacts/screenshots/compose-send-to-me-ko.png', fullPage: true });
      await page.getByRole('navigation').getByRole('button', { name: '계정' }).click();
      await expect(page.getByRole('listitem', { name: '동문회 릴레이' })).toContainText('1');
    });
  } finally {
    await host?.close();
    await relay.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
