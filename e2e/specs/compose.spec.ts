/**
 * The compose path as a school office walks it: an account, a CP949 class list with two bad rows and a
 * duplicate, then Compose — preview one member's exact message, read the pre-flight counts and reasons,
 * see a placeholder typo block sending, fix it, create the campaign, and send it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { expect, test } from '../fixtures';
import { startSmtpSink } from '../fakes/smtp-sink';

const CLASS_CSV = [
  '학생,보호자 메일,학년,반',
  '김민수,minsu.parent@hanbit.test,3,2',
  '이서연,seoyeon.mom@hanbit.test,3,1',
  '박지훈,jihoon.dad@hanbit,3,1',
  '최유진,,3,4',
  '정하늘,haneul@hanbit.test,3,4',
  '김민수,MINSU.PARENT@hanbit.test,3,2',
  '',
].join('\r\n');

test.use({ locale: 'ko-KR' });

test('preview one member, read the pre-flight, and create the campaign', async ({ page, host }, testInfo) => {
  // A relay on the school network: no TLS, no login.
  const relay = await startSmtpSink({ security: 'none' });
  try {
    await page.goto(host.url);
    await test.step('add the sending account', async () => {
      await page.getByRole('button', { name: '계정 추가' }).click();
      await page.getByLabel('계정 이름').fill('행정실 릴레이');
      await page.getByLabel('SMTP 서버', { exact: true }).fill('127.0.0.1');
      await page.getByLabel('포트', { exact: true }).fill(String(relay.port));
      await page.getByLabel(/암호화 없음/).check();
      await page.getByLabel('보내는 주소').fill('office@hanbit.test');
      await page.getByLabel('보내는 사람 이름').fill('한빛학교 행정실');
      await page.getByRole('button', { name: '저장', exact: true }).click();
      await expect(page.getByRole('listitem', { name: '행정실 릴레이' })).toBeVisible();
    });

    await test.step('import the class list (CP949)', async () => {
      const csv = testInfo.outputPath('3학년.csv');
      await writeFile(csv, iconv.encode(CLASS_CSV, 'cp949'));
      await page.getByRole('navigation').getByRole('button', { name: '명단' }).click();
      await page.getByRole('button', { name: '파일 가져오기' }).click();
      await page.getByLabel('파일 선택').setInputFiles(csv);
      await expect(page.locator('[data-encoding-detected]')).toHaveAttribute('data-encoding', 'cp949');
      await page.getByLabel('이름 열').selectOption({ label: '학생' });
      await page.getByRole('button', { name: '가져오기', exact: true }).click();
      await expect(page.locator('[data-report-list] [data-summary="accepted"]')).toHaveAttribute('data-count', '3');
    });

    await page.getByRole('navigation').getByRole('button', { name: '작성' }).click();
    await page.getByLabel('제목', { exact: true }).fill('{{학년}}학년 {{반}}반 현장학습 안내');
    await page.getByLabel('본문', { exact: true }).fill('{{name}} 학생 보호자님, 안녕하세요.\n{{반}}반 현장학습 안내입니다.');

    await test.step('preview the second member exactly as it will be sent', async () => {
      const preview = page.getByRole('region', { name: '미리 보기' });
      await expect(preview.locator('[data-header="to"]')).toHaveText('"김민수" <minsu.parent@hanbit.test>');
      await preview.getByRole('button', { name: '다음 회원' }).click();
      await expect(preview.locator('[data-header="to"]')).toHaveText('"이서연" <seoyeon.mom@hanbit.test>');
      await expect(preview.locator('[data-header="from"]')).toHaveText('"한빛학교 행정실" <office@hanbit.test>');
      await expect(preview.locator('[data-header="subject"]')).toHaveText('3학년 1반 현장학습 안내');
      await expect(preview.locator('[data-part="text"]')).toHaveText('이서연 학생 보호자님, 안녕하세요.\n1반 현장학습 안내입니다.');
    });

    const preflight = page.getByRole('region', { name: '발송 전 점검' });
    await test.step('read the pre-flight: 3 to send, 3 skipped with their reasons', async () => {
      await expect(preflight).toHaveAttribute('data-will-send', '3');
      await expect(preflight).toHaveAttribute('data-blocked', 'false');
      const skipped = preflight.locator('[data-group="skipped"]');
      await skipped.locator('summary').click();
      await expect(skipped.locator('[data-reason="invalid-address"]')).toContainText('4행');
      await expect(skipped.locator('[data-reason="empty-address"]')).toContainText('5행');
      await expect(skipped.locator('[data-reason="duplicate"]')).toContainText('7행');
      await expect(preflight.locator('[data-fits-today]')).toHaveAttribute('data-fits-today', 'true');
    });

    await test.step('a placeholder no member can fill blocks sending', async () => {
      await page.getByLabel('본문', { exact: true }).fill('{{name}} 보호자님, {{좌석}}번 좌석입니다.');
      await expect(preflight).toHaveAttribute('data-blocked', 'true');
      await expect(preflight.locator('[data-group="unfillable"]')).toContainText('좌석');
      await expect(page.getByRole('button', { name: '캠페인 만들기' })).toBeDisabled();
      await page.getByLabel('본문', { exact: true }).fill('{{name}} 학생 보호자님, 안녕하세요.');
      await expect(preflight).toHaveAttribute('data-blocked', 'false');
    });

    await test.step('create the campaign', async () => {
      await expect(preflight).toHaveAttribute('data-will-send', '3');
      await page.getByRole('button', { name: '캠페인 만들기' }).click();
      await expect(page.getByRole('heading', { level: 1, name: '발송 내역' })).toBeVisible();
      await expect(page.locator('[data-campaign-status="ready"]')).toContainText('받는 사람 3명');
    });
    // Nothing was sent yet: creating a campaign only freezes it.
    expect(relay.messages).toHaveLength(0);

    await test.step('open the campaign, start it, and watch every row arrive', async () => {
      await page.getByRole('button', { name: '열기' }).click();
      await page.getByRole('button', { name: '발송 시작' }).click();
      await expect(page.locator('.campaign[data-campaign-status="completed"]')).toBeVisible({ timeout: 90_000 });
      await expect(page.locator('[data-count-status="sent"]')).toHaveAttribute('data-count', '3');
      const rows = page.getByRole('table', { name: '회원별 발송 결과' });
      await expect(rows.locator('[data-row-status="sent"]')).toHaveCount(3);
      await expect(rows.locator('[data-email="seoyeon.mom@hanbit.test"]')).toContainText('250');
      expect(relay.messages.map((m) => m.rcptTo[0]).sort()).toEqual(['haneul@hanbit.test', 'minsu.parent@hanbit.test', 'seoyeon.mom@hanbit.test']);
      expect(relay.messages.find((m) => m.rcptTo[0] === 'seoyeon.mom@hanbit.test')?.parsed.subject).toBe('3학년 1반 현장학습 안내');
    });

    await test.step('export the results as CSV for Excel', async () => {
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: '결과 내보내기 (CSV)' }).click();
      const csv = await readFile(await (await downloading).path(), 'utf8');
      expect(csv.startsWith('\ufeffemail,name,학년,반,status')).toBe(true);
      expect(csv).toContain('seoyeon.mom@hanbit.test,이서연,3,1,sent');
      expect(csv.trim().split('\n')).toHaveLength(4);
    });
  } finally {
    await relay.close();
  }
});
