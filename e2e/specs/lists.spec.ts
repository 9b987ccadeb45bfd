/**
 * Member lists as a school office uses them: import a CP949 CSV exported from a Korean Excel, map its
 * columns, read the report of every row left out and export it, rename the list, fix it row by row,
 * paste addresses into a second list, suppress an address, and see bad files refused with words while
 * the saved lists stay as they were. Everything real: renderer, handlers, stores, the loopback host.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import iconv from 'iconv-lite';
import { expect, test } from '../fixtures';

/** Words in either language, as a regular expression that matches the whole text. */
const either = (en: string, ko: string) => new RegExp(`^(${escape(en)}|${escape(ko)})$`);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A class list as a Korean Excel saves it (CP949, CRLF), with headers Mailroom cannot map on its own
 * for the name. Line 4 has an address without a domain, line 5 none, line 7 repeats line 2's address.
 */
const CLASS_CSV = [
  '학생,보호자 연락처(메일),학년,반',
  '김민수,minsu.parent@hanbit.test,3,2',
  '이서연,seoyeon.mom@hanbit.test,3,1',
  '박지훈,jihoon.dad@hanbit,3,1',
  '최유진,,3,4',
  '정하늘,haneul@hanbit.test,3,4',
  '김민수,MINSU.PARENT@hanbit.test,3,2',
  '',
].join('\r\n');

/** The first bytes of a PNG image. */
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]);

async function openLists(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('navigation').getByRole('button', { name: either('Lists', '명단') }).click();
  await expect(page.getByRole('heading', { level: 1, name: either('Member lists', '회원 명단') })).toBeVisible();
}

async function importFile(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByRole('button', { name: either('Import file', '파일 가져오기') }).click();
  await page.getByLabel(either('Choose a file', '파일 선택')).setInputFiles(file);
}

/** The count shown for one summary entry of the report. */
const summary = (report: Locator, key: string) => report.locator(`[data-summary="${key}"]`);

test.describe('member lists in a Korean browser', () => {
  test.use({ locale: 'ko-KR' });

  test('imports a CP949 class list, reports every row left out, and keeps lists apart from bad files', async ({ page, host }, testInfo) => {
    const csvPath = testInfo.outputPath('3학년 학부모.csv');
    await writeFile(csvPath, iconv.encode(CLASS_CSV, 'cp949'));
    await openLists(page, host.url);
    await expect(page.getByRole('heading', { name: '아직 명단이 없습니다' })).toBeVisible();

    await test.step('inspect the file: CP949 detected, comma, six rows, a preview', async () => {
      await importFile(page, csvPath);
      const encoding = page.locator('[data-encoding-detected]');
      await expect(encoding).toHaveAttribute('data-encoding', 'cp949');
      await expect(encoding).toHaveAttribute('data-encoding-detected', 'true');
      await expect(encoding).toHaveText('CP949 (EUC-KR) (자동 감지)');
      await expect(page.locator('[data-delimiter]')).toHaveAttribute('data-delimiter', 'comma');
      await expect(page.locator('[data-row-count]')).toHaveAttribute('data-row-count', '6');
      const preview = page.getByRole('table', { name: /미리 보기/ });
      await expect(preview.getByRole('columnheader', { name: /학생/ })).toBeVisible();
      await expect(preview.getByRole('cell', { name: '이서연' })).toBeVisible();
    });

    await test.step('map the columns and import', async () => {
      // The address column is found by its header and content; the name column ("학생") is not.
      await expect(page.getByLabel('이메일 주소 열')).toHaveValue('1');
      await expect(page.getByLabel('이름 열')).toHaveValue('');
      await page.getByLabel('이메일 주소 열').selectOption({ label: '보호자 연락처(메일)' });
      await page.getByLabel('이름 열').selectOption({ label: '학생' });
      await expect(page.locator('[data-fields]')).toHaveAttribute('data-fields', '학년|반');
      await expect(page.getByLabel('명단 이름')).toHaveValue('3학년 학부모');
      await page.getByRole('button', { name: '가져오기', exact: true }).click();
    });

    const report = page.locator('[data-report-list]');
    await test.step('read the report: counts by reason and each row left out with its line', async () => {
      await expect(report.getByRole('heading', { name: '가져오기 결과' })).toBeVisible();
      await expect(summary(report, 'rows')).toHaveAttribute('data-count', '6');
      await expect(summary(report, 'accepted')).toHaveAttribute('data-count', '3');
      await expect(summary(report, 'invalid-address')).toHaveAttribute('data-count', '1');
      await expect(summary(report, 'empty-address')).toHaveAttribute('data-count', '1');
      await expect(summary(report, 'duplicate')).toHaveAttribute('data-count', '1');
      await expect(summary(report, 'suppressed')).toHaveAttribute('data-count', '0');
      const rows = report.getByRole('table', { name: '가져오지 못한 행' }).getByRole('row');
      await expect(rows).toHaveCount(4);
      const invalid = report.locator('tr[data-reason="invalid-address"]');
      await expect(invalid).toHaveAttribute('data-line', '4');
      await expect(invalid).toContainText('jihoon.dad@hanbit');
      await expect(invalid).toContainText('올바르지 않은 주소');
      await expect(report.locator('tr[data-reason="empty-address"]')).toHaveAttribute('data-line', '5');
      await expect(report.locator('tr[data-reason="empty-address"]')).toContainText('(비어 있음)');
      const duplicate = report.locator('tr[data-reason="duplicate"]');
      await expect(duplicate).toHaveAttribute('data-line', '7');
      await expect(duplicate).toContainText('Same address as line 2');
    });

    await test.step('export the report as CSV with a UTF-8 BOM', async () => {
      const downloading = page.waitForEvent('download');
      await report.getByRole('button', { name: '결과 내보내기(CSV)' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe('3학년 학부모-import-report.csv');
      const bytes = await readFile(await download.path());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').split('\r\n');
      expect(lines[0]).toBe('line,email,reason,detail');
      expect(lines.slice(1).map((line) => line.split(',').slice(0, 3).join(','))).toEqual(['4,jihoon.dad@hanbit,invalid-address', '5,,empty-address', '7,MINSU.PARENT@hanbit.test,duplicate']);
    });

    await test.step('open the list, rename it, and add a member row by row', async () => {
      await report.getByRole('button', { name: '명단 열기' }).click();
      const members = page.getByRole('table', { name: '3학년 학부모 회원' });
      await expect(members.locator('[data-member-row]')).toHaveCount(3);
      await expect(members.locator('[data-member-row="1"]')).toContainText('김민수');

      await page.getByRole('button', { name: '이름 바꾸기' }).click();
      await page.getByLabel('새 이름').fill('3학년 보호자');
      await page.getByRole('button', { name: '이름 저장' }).click();
      await expect(page.getByRole('heading', { level: 2, name: '3학년 보호자' })).toBeVisible();

      await page.getByRole('button', { name: '회원 추가' }).click();
      await page.getByLabel('4행 주소').fill('yujin.parent@hanbit.test');
      await page.getByLabel('4행 이름').fill('최유진');
      await page.getByLabel('4행 이름').press('Enter');
      await page.getByRole('button', { name: '변경 사항 저장' }).click();
      await expect(page.locator('[data-saved]')).toHaveAttribute('data-saved', '4');
      await expect(page.getByRole('table', { name: '3학년 보호자 회원' }).locator('[data-member-row="4"]')).toContainText('yujin.parent@hanbit.test');
    });

    await test.step('paste addresses into a second list', async () => {
      await page.getByRole('button', { name: '명단 목록으로' }).click();
      await page.getByRole('button', { name: '주소 붙여 넣기' }).click();
      await page.getByLabel('주소', { exact: true }).fill('"박지성" <park@hanbit.test>\nlee@hanbit.test, not-an-address');
      await page.getByLabel('명단 이름').fill('운영위원');
      await page.getByRole('button', { name: '명단으로 저장' }).click();
      const pasted = page.locator('[data-report-list]');
      await expect(summary(pasted, 'accepted')).toHaveAttribute('data-count', '2');
      await expect(pasted.locator('tr[data-reason="invalid-address"]')).toHaveAttribute('data-line', '2');
      await page.getByRole('button', { name: '명단 목록으로' }).click();
      const saved = page.getByRole('list', { name: '저장된 명단' });
      await expect(saved.getByRole('listitem')).toHaveCount(2);
      await expect(saved.getByRole('listitem', { name: '3학년 보호자' })).toContainText('회원 4명');
      await expect(saved.getByRole('listitem', { name: '운영위원' })).toContainText('회원 2명');
    });

    await test.step('suppress an address and see it on the suppression list', async () => {
      await page.getByRole('button', { name: '발송 제외 목록' }).click();
      await expect(page.getByText('발송 제외 목록에 주소가 없습니다.')).toBeVisible();
      await page.getByLabel('발송에서 제외할 주소').fill('Haneul@hanbit.test, nonsense');
      await page.getByLabel('이유(선택)').fill('수신 거부 요청');
      await page.getByRole('button', { name: '발송 제외 목록에 추가' }).click();
      await expect(page.locator('[data-added]')).toHaveAttribute('data-added', '1');
      await expect(page.locator('[data-invalid]')).toContainText('nonsense');
      const entry = page.getByRole('table', { name: '발송 제외 주소' }).locator('tr[data-email="haneul@hanbit.test"]');
      await expect(entry).toContainText('수신 거부 요청');
    });

    await test.step('a binary file is refused in words and the saved lists stay', async () => {
      await page.getByRole('button', { name: '명단 목록으로' }).click();
      await importFile(page, { name: 'logo.png', mimeType: 'image/png', buffer: PNG });
      const alert = page.getByRole('alert').filter({ hasText: '이 파일은 가져올 수 없습니다' });
      await expect(alert).toHaveAttribute('data-error', 'binary');
      await expect(alert).toContainText('텍스트 파일이 아닙니다');
      await expect(alert).toContainText('저장된 명단은 바뀌지 않았습니다.');
      await page.getByRole('button', { name: '명단 목록으로' }).click();
      const saved = page.getByRole('list', { name: '저장된 명단' });
      await expect(saved.getByRole('listitem')).toHaveCount(2);
      await expect(saved.getByRole('listitem', { name: '3학년 보호자' })).toContainText('회원 4명');
    });
  });
});

test.describe('member lists in an English browser', () => {
  test.use({ locale: 'en-US' });

  test('an empty, header-only or 21 MB file gets its own message and changes nothing; a broken quote costs only its line', async ({ page, host }) => {
    await openLists(page, host.url);
    await page.getByRole('button', { name: 'Paste addresses' }).click();
    await page.getByLabel('Addresses', { exact: true }).fill('office@hanbit.test');
    await page.getByLabel('List name').fill('Staff');
    await page.getByRole('button', { name: 'Save as a list' }).click();
    await expect(summary(page.locator('[data-report-list]'), 'accepted')).toHaveAttribute('data-count', '1');

    const cases = [
      { file: { name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) }, error: 'empty', words: 'The file is empty.' },
      { file: { name: 'header.csv', mimeType: 'text/csv', buffer: Buffer.from('name,email\r\n') }, error: 'no-rows', words: 'a header row but no members' },
      { file: { name: 'huge.csv', mimeType: 'text/csv', buffer: Buffer.alloc(21 * 1024 * 1024, 0x61) }, error: 'too-large', words: 'huge.csv is 21.0 MB.' },
    ];
    for (const { file, error, words } of cases) {
      await test.step(`${file.name}: ${error}`, async () => {
        await page.getByRole('button', { name: 'Back to lists' }).click();
        await importFile(page, file);
        const alert = page.getByRole('alert').filter({ hasText: 'This file cannot be imported' });
        await expect(alert).toHaveAttribute('data-error', error);
        await expect(alert).toContainText(words);
        await expect(alert).toContainText('Your saved lists have not been changed.');
      });
    }
    await page.getByRole('button', { name: 'Back to lists' }).click();
    await expect(page.getByRole('list', { name: 'Saved lists' }).getByRole('listitem')).toHaveCount(1);
    await expect(page.getByRole('listitem', { name: 'Staff' })).toContainText('1 member');

    await test.step('quote.csv: the unclosed quote is reported on its own line; the next member still imports', async () => {
      await importFile(page, { name: 'quote.csv', mimeType: 'text/csv', buffer: Buffer.from('name,email\n"Kim,kim@hanbit.test\nLee,lee@hanbit.test\n') });
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const report = page.locator('[data-report-list]');
      await expect(summary(report, 'accepted')).toHaveAttribute('data-count', '1');
      await expect(summary(report, 'broken-quote')).toHaveAttribute('data-count', '1');
    });
  });

  test('a dropped TSV is read, and a UTF-16 file without a BOM is recognised and imports', async ({ page, host }) => {
    await openLists(page, host.url);
    await page.getByRole('button', { name: 'Import file' }).click();
    await expect(page.getByText('Drop a CSV or TSV file here')).toBeVisible();
    const drop = page.getByRole('region', { name: 'Import a file' });
    const dataTransfer = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'choir.tsv', { type: 'text/tab-separated-values' }));
      return transfer;
    }, 'Name\tE-mail\tPart\nKim Minsu\tminsu@choir.test\tTenor\nLee Seoyeon\tseoyeon@choir.test\tAlto\n');
    await drop.dispatchEvent('dragover', { dataTransfer });
    await drop.dispatchEvent('drop', { dataTransfer });
    await expect(page.locator('[data-delimiter]')).toHaveAttribute('data-delimiter', 'tab');
    await expect(page.locator('[data-row-count]')).toHaveText('2 rows under the header');
    await expect(page.getByLabel('Address column')).toHaveValue('1');
    await expect(page.getByLabel('Name column')).toHaveValue('0');

    await page.getByRole('button', { name: 'Choose another file' }).click();
    const utf16 = Buffer.from('email,name\r\nkim@choir.test,김민수\r\nlee@choir.test,이서연\r\n', 'utf16le');
    await page.getByLabel('Choose a file').setInputFiles({ name: 'choir-utf16.csv', mimeType: 'text/csv', buffer: utf16 });
    // No BOM: the zero bytes of UTF-16 give it away, so it is read as such without asking.
    const encoding = page.locator('[data-encoding-detected]');
    await expect(encoding).toHaveText('UTF-16 LE (detected)');
    await expect(page.getByRole('table', { name: /Preview/ }).getByRole('cell', { name: '이서연' })).toBeVisible();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(summary(page.locator('[data-report-list]'), 'accepted')).toHaveAttribute('data-count', '2');
    await page.getByRole('button', { name: 'Back to lists' }).click();
    await expect(page.getByRole('listitem', { name: 'choir-utf16' })).toContainText('From choir-utf16.csv, read as UTF-16 LE');
  });

  test('importing again into a list starts from the columns chosen last time; deleting asks first', async ({ page, host }, testInfo) => {
    const csvPath = testInfo.outputPath('parents.csv');
    // Neither header says "name": Mailroom cannot guess the name column, the person picks "Parent".
    await writeFile(csvPath, 'Parent,Contact,Child\nKim Minsu,minsu@hanbit.test,Jiho\nLee Seoyeon,seoyeon@hanbit.test,Yuna\n');
    await openLists(page, host.url);
    await importFile(page, csvPath);
    await expect(page.getByLabel('Name column')).toHaveValue('');
    await page.getByLabel('Name column').selectOption({ label: 'Parent' });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(summary(page.locator('[data-report-list]'), 'accepted')).toHaveAttribute('data-count', '2');
    await page.getByRole('button', { name: 'Back to lists' }).click();

    await writeFile(csvPath, 'Parent,Contact,Child\nKim Minsu,minsu@hanbit.test,Jiho\nLee Seoyeon,seoyeon@hanbit.test,Yuna\nPark Jisung,park@hanbit.test,Minho\n');
    await page.getByRole('listitem', { name: 'parents' }).getByRole('button', { name: 'Import again' }).click();
    await page.getByLabel('Choose a file').setInputFiles(csvPath);
    await expect(page.getByText('The columns are set as you chose them for this list last time.')).toBeVisible();
    await expect(page.getByLabel('Import into').locator('option:checked')).toHaveText('parents');
    await expect(page.getByLabel('Name column')).toHaveValue('0');
    await expect(page.getByText('The members of “parents” will be replaced by the members of this file.')).toBeVisible();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(summary(page.locator('[data-report-list]'), 'accepted')).toHaveAttribute('data-count', '3');
    await page.getByRole('button', { name: 'Open the list' }).click();
    await expect(page.getByRole('table', { name: 'Members of parents' }).locator('[data-member-row="3"]')).toContainText('Park Jisung');

    await page.getByRole('button', { name: 'Delete list' }).click();
    // The app's own dialog asks first.
    await page.getByRole('alertdialog', { name: 'Delete the list “parents” and its 3 members? This cannot be undone.' }).getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'No member lists yet' })).toBeVisible();
  });

  test('a list of 10,000 members imports, scrolls in a virtualised table, and saves a fixed address', async ({ page, host }, testInfo) => {
    const rows = Array.from({ length: 10_000 }, (_, i) => `member${String(i + 1).padStart(5, '0')}@hanbit.test,Member ${i + 1},${(i % 6) + 1}`);
    rows[4999] = 'member05000@hanbit,Member 5000,2';
    const csvPath = testInfo.outputPath('all-members.csv');
    await writeFile(csvPath, ['email,name,grade', ...rows].join('\n'));
    await openLists(page, host.url);
    await importFile(page, csvPath);
    await expect(page.locator('[data-row-count]')).toHaveAttribute('data-row-count', '10000');
    await expect(page.locator('[data-encoding-detected]')).toHaveAttribute('data-encoding', 'utf-8');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.locator('[data-report-list]');
    await expect(summary(report, 'accepted')).toHaveAttribute('data-count', '9999');
    await expect(report.locator('tr[data-reason="invalid-address"]')).toHaveAttribute('data-line', '5001');

    await report.getByRole('button', { name: 'Open the list' }).click();
    const table = page.getByRole('table', { name: 'Members of all-members' });
    await expect(table.locator('[data-member-row="1"]')).toBeVisible();
    await expect(table).toHaveAttribute('aria-rowcount', '10000');
    // Only the rows in view (and a few around them) are in the page.
    expect(await table.locator('[data-member-row]').count()).toBeLessThan(60);
    await page.getByRole('region', { name: 'Members of all-members' }).evaluate((box) => box.scrollTo({ top: box.scrollHeight }));
    await expect(table.locator('[data-member-row="9999"]')).toBeVisible();
    await expect(table.locator('[data-member-row="9999"]')).toContainText('member10000@hanbit.test');

    await page.getByLabel('Find a member').fill('Member 4999');
    await expect(table.locator('[data-member-row]')).toHaveCount(1);
    await table.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Address of row 4999').fill('member04999@hanbit.ac.kr');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.locator('[data-saved]')).toHaveAttribute('data-saved', '9999');
    await page.getByLabel('Find a member').fill('hanbit.ac.kr');
    await expect(table.locator('[data-member-row="4999"]')).toContainText('member04999@hanbit.ac.kr');
  });
});

/**
 * Pictures of the screen for a person to look at (not committed): .artifacts/screenshots/lists-*-ko.png
 * in the light theme and lists-*-en.png in the dark one, so both themes are seen.
 */
for (const locale of ['ko-KR', 'en-US'] as const) {
  test.describe(`screenshots in ${locale}`, () => {
    test.use({ locale, colorScheme: locale === 'ko-KR' ? 'light' : 'dark', viewport: { width: 1180, height: 900 } });

    test(`import preview, report, detail and suppression (${locale})`, async ({ page, host }, testInfo) => {
      const out = resolve(import.meta.dirname, '../../.artifacts/screenshots');
      await mkdir(out, { recursive: true });
      const tag = locale.slice(0, 2);
      const shot = (name: string) => page.screenshot({ path: join(out, `lists-${name}-${tag}.png`), fullPage: true });
      const csvPath = testInfo.outputPath('3학년 학부모.csv');
      await writeFile(csvPath, iconv.encode(CLASS_CSV.replace('정하늘,haneul@hanbit.test,3,4', '정하늘,haneul@hanbit.test,3,4,비고 있음'), 'cp949'));

      await openLists(page, host.url);
      await shot('empty');
      await importFile(page, csvPath);
      await page.getByLabel(either('Name column', '이름 열')).selectOption({ label: '학생' });
      await page.locator('.lists-notes summary').click();
      await shot('import-preview');
      await page.getByRole('button', { name: either('Import', '가져오기') }).click();
      await expect(page.locator('[data-report-list]')).toBeVisible();
      await shot('import-report');
      await page.getByRole('button', { name: either('Open the list', '명단 열기') }).click();
      await page.getByRole('button', { name: either('Add a member', '회원 추가') }).click();
      await page.getByLabel(either('Address of row 4', '4행 주소')).fill('yujin@hanbit');
      await shot('detail');
      // Leaving with unsaved rows asks first.
      await page.getByRole('button', { name: either('Back to lists', '명단 목록으로') }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: either('Discard changes', '변경 내용 버리기') }).click();
      await page.getByRole('button', { name: either('Suppression list', '발송 제외 목록') }).click();
      await page.getByLabel(either('Addresses to suppress', '발송에서 제외할 주소')).fill('haneul@hanbit.test\nstop.please@hanbit.test, nonsense');
      await page.getByLabel(either('Reason (optional)', '이유(선택)')).fill(tag === 'ko' ? '수신 거부 요청' : 'Asked not to receive notices');
      await page.getByRole('button', { name: either('Add to the suppression list', '발송 제외 목록에 추가') }).click();
      await expect(page.locator('[data-added]')).toBeVisible();
      await shot('suppression');
      await page.getByRole('button', { name: either('Back to lists', '명단 목록으로') }).click();
      await expect(page.getByRole('list', { name: either('Saved lists', '저장된 명단') })).toBeVisible();
      await shot('overview');
      await importFile(page, { name: 'logo.png', mimeType: 'image/png', buffer: PNG });
      await expect(page.locator('[data-error="binary"]')).toBeVisible();
      await shot('binary');
    });
  });
}
