/**
 * Per-member attachments through the browser host (issue 14): a list column names each member's files
 * in a temporary folder whose path is typed in the page (no native dialog there); pre-flight lists the
 * member whose file is missing by row, the preview shows the previewed member's own files, the draft
 * keeps the choice (reopened in English), and after "send without it" every member receives exactly
 * their own files with their Korean names.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '../fixtures';
import { startSmtpSink } from '../fakes/smtp-sink';
import { axeViolations, describeViolations } from '../axe';

const CSV = ['이메일,이름,첨부', 'kim@club.test,김민준,성적표-김민준.txt', 'lee@club.test,이서연,없는파일.pdf', 'park@club.test,박지호,안내문.txt; 영수증/박지호.txt', ''].join('\r\n');
const shots = '.artifacts/screenshots/';

test.use({ locale: 'ko-KR' });

test('each member gets their own files from a folder typed in the browser host', async ({ page, host, browser }, testInfo) => {
  test.setTimeout(120_000);
  const relay = await startSmtpSink({ security: 'none' });
  const folder = await mkdtemp(join(tmpdir(), 'mailroom-e2e-own-files-'));
  try {
    await writeFile(join(folder, '성적표-김민준.txt'.normalize('NFD')), '김민준 성적');
    await writeFile(join(folder, '안내문.txt'), '박지호 안내');
    await mkdir(join(folder, '영수증'));
    await writeFile(join(folder, '영수증', '박지호.txt'), '영수증');
    const csvPath = testInfo.outputPath('members.csv');
    await writeFile(csvPath, CSV, 'utf8');

    await page.goto(host.url);
    await page.getByRole('button', { name: '계정 추가' }).click();
    await page.getByLabel('계정 이름').fill('동아리 릴레이');
    await page.getByLabel('SMTP 서버', { exact: true }).fill('127.0.0.1');
    await page.getByLabel('포트', { exact: true }).fill(String(relay.port));
    await page.getByLabel(/암호화 없음/).check();
    await page.getByLabel('보내는 주소').fill('office@club.test');
    await page.getByLabel('보내는 사람 이름').fill('동아리 사무국');
    await page.getByRole('button', { name: '저장', exact: true }).click();
    await expect(page.getByRole('listitem', { name: '동아리 릴레이' })).toBeVisible();
    await page.getByRole('navigation').getByRole('button', { name: '명단' }).click();
    await page.getByRole('button', { name: '파일 가져오기' }).click();
    await page.getByLabel('파일 선택').setInputFiles(csvPath);
    await page.getByRole('button', { name: '가져오기', exact: true }).click();
    await expect(page.locator('[data-report-list] [data-summary="accepted"]')).toHaveAttribute('data-count', '3');

    await page.getByRole('navigation').getByRole('button', { name: '작성' }).click();
    await page.getByLabel('제목', { exact: true }).fill('{{이름}}님 자료 안내');
    await page.getByLabel('본문', { exact: true }).fill('{{이름}}님, 첨부한 자료를 확인해 주세요.');
    const preflight = page.getByRole('region', { name: '발송 전 점검' });
    const preview = page.getByRole('region', { name: '미리 보기' });

    await test.step('the folder is typed and checked by main; a missing file blocks, listed by row', async () => {
      await page.getByLabel('첨부 파일 열').selectOption('첨부');
      await page.getByLabel('이 컴퓨터의 폴더 경로').fill(join(folder, 'nope'));
      await page.getByRole('button', { name: '폴더 확인' }).click();
      await expect(page.getByText('그 경로에 폴더가 없습니다.').first()).toBeVisible();
      await page.getByLabel('이 컴퓨터의 폴더 경로').fill(folder);
      await page.getByRole('button', { name: '폴더 확인' }).click();
      await expect(page.getByText('폴더를 찾았습니다: 항목 3개.')).toBeVisible();
      const missing = preflight.locator('[data-problem="missing"]');
      await expect(missing).toContainText('파일 없음 (1)');
      await expect(missing).toContainText('3행 · lee@club.test — 없는파일.pdf');
      await expect(preflight).toHaveAttribute('data-blocked', 'true');
      await expect(preflight.locator('[data-group="member-files"]')).toContainText('2명이 각자의 파일을 받습니다(파일 3개)');
      await page.screenshot({ path: `${shots}member-files-preflight-ko.png`, fullPage: true });
      const violations = await axeViolations(page);
      expect(violations, describeViolations('compose with per-member attachments', violations)).toEqual([]);
    });

    await test.step('the preview shows the previewed member’s own files', async () => {
      await expect(preview.locator('[data-member-files] [data-file="성적표-김민준.txt"]')).toContainText('성적표-김민준.txt (16 B)');
      await page.getByRole('button', { name: '다음 회원' }).click();
      await expect(preview.locator('[data-missing-file="없는파일.pdf"]')).toContainText('첨부할 수 없음(없음)');
      await page.getByRole('button', { name: '다음 회원' }).click();
      await expect(preview.locator('[data-member-files] [data-file]')).toHaveText(['안내문.txt (16 B)', '박지호.txt (9 B)']);
      await preview.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}member-files-preview-ko.png`, fullPage: true });
    });

    await test.step('the draft keeps the choice: reopened in English, the same report', async () => {
      await expect(page.locator('[data-draft-status="saved"]')).toBeVisible();
      const english = await browser.newContext({ locale: 'en-US' });
      const en = await english.newPage();
      try {
        await en.goto(host.url);
        await en.getByRole('navigation').getByRole('button', { name: 'Compose' }).click();
        await expect(en.getByLabel('Attachment column')).toHaveValue('첨부');
        await expect(en.getByLabel('Folder path on this computer')).toHaveValue(folder);
        const enPreflight = en.getByRole('region', { name: 'Before sending' });
        await expect(enPreflight.locator('[data-problem="missing"]')).toContainText('File missing (1)');
        await expect(enPreflight.locator('[data-problem="missing"]')).toContainText('line 3 · lee@club.test — 없는파일.pdf');
        await en.screenshot({ path: `${shots}member-files-preflight-en.png`, fullPage: true });
        await en.getByRole('button', { name: 'Next member' }).click();
        await en.getByRole('button', { name: 'Next member' }).click();
        await expect(en.getByRole('region', { name: 'Preview' }).locator('[data-member-files] [data-file]')).toHaveCount(2);
        await en.screenshot({ path: `${shots}member-files-preview-en.png`, fullPage: true });
      } finally {
        await english.close();
      }
    });

    await test.step('sent without the missing file: each member receives exactly their own files', async () => {
      await page.getByLabel('파일이 없거나 읽을 수 없는 회원은 그 파일 없이 보내기').check();
      await expect(preflight.locator('[data-problem="missing"]')).toContainText('파일 없이 보냅니다');
      await expect(preflight).toHaveAttribute('data-blocked', 'false');
      await page.getByRole('button', { name: '캠페인 만들기' }).click();
      await page.getByRole('button', { name: '열기' }).click();
      await page.getByRole('button', { name: '발송 시작' }).click();
      await expect(page.locator('.campaign[data-campaign-status="completed"]')).toBeVisible({ timeout: 60_000 });
      const files = new Map(relay.messages.map((m) => [m.rcptTo[0], m.parsed.attachments.map((a) => a.filename)]));
      expect(files.get('kim@club.test')).toEqual(['성적표-김민준.txt']);
      expect(files.get('lee@club.test')).toEqual([]);
      expect(files.get('park@club.test')).toEqual(['안내문.txt', '박지호.txt']);
    });
  } finally {
    await relay.close();
    await rm(folder, { recursive: true, force: true });
  }
});
