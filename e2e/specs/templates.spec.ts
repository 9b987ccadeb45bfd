/**
 * Templates, as a new user writes them: start from a Korean starter and save a copy, write an HTML
 * template whose preview must not run its script, meet the unsupported-syntax error, delete a template.
 * Real renderer, real handlers and template store over the loopback host.
 */
import { expect, test } from '../fixtures';
import type { Page } from '@playwright/test';

const field = (page: Page, en: string, ko: string) => page.getByLabel(new RegExp(`^(${en}|${ko})$`));
const saveButton = (page: Page) => page.getByRole('button', { name: /^(Save template|템플릿 저장)$/ });
const templateRow = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });

async function openTemplates(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('navigation').getByRole('button', { name: /^(Templates|템플릿)$/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^(Templates|템플릿)$/ })).toBeVisible();
}

async function writeTemplate(page: Page, name: string, subject: string, content: string, format: 'plain' | 'html') {
  await page.getByRole('button', { name: /^(New template|새 템플릿)$/ }).click();
  await field(page, 'Template name', '템플릿 이름').fill(name);
  if (format === 'html') await page.getByRole('radio', { name: 'HTML' }).check();
  await field(page, 'Subject', '제목').fill(subject);
  await field(page, 'Message', '본문').fill(content);
}

test('a new user starts from the Korean event reminder, changes the subject and saves a copy', async ({ page, host }) => {
  await openTemplates(page, host.url);
  await expect(page.getByText(/No templates yet|아직 템플릿이 없습니다/)).toBeVisible();

  await page.getByRole('button', { name: /^(Start from a starter|기본 서식으로 시작)$/ }).click();
  const starter = page.getByRole('listitem', { name: '행사 일정 알림' });
  await expect(starter.locator('[data-field]')).toHaveText(['event', 'eventDate', 'place']);
  await starter.getByRole('button', { name: /Use this starter|이 서식으로 시작/ }).click();

  const editor = page.locator('form.template-editor');
  await expect(editor.getByRole('heading', { name: /행사 일정 알림/ })).toBeVisible();
  await expect(field(page, 'Template name', '템플릿 이름')).toHaveValue('행사 일정 알림');
  await expect(editor).toHaveAttribute('data-content-type', 'text/html');
  const panel = editor.locator('aside');
  await expect(panel.locator('[data-placeholder]')).toHaveText([/\{\{event\}\}/, /\{\{eventDate\}\}/, /\{\{name\}\}/, /\{\{place\}\}/, /\{\{unsubscribe\}\}/]);
  await expect(panel.locator('[data-placeholder="name"]')).toHaveAttribute('data-source', 'built-in');
  await expect(panel.locator('[data-placeholder="unsubscribe"]')).toHaveAttribute('data-source', 'built-in');
  for (const path of ['event', 'eventDate', 'place']) await expect(panel.locator(`[data-placeholder="${path}"]`)).toHaveAttribute('data-source', 'list');

  const subject = '[안내] {{ event }} 참석 안내 — {{eventDate}}, {{place}}';
  await field(page, 'Subject', '제목').fill(subject);
  await saveButton(page).click();

  await expect(page.locator('[data-notice="saved"]')).toContainText('행사 일정 알림');
  const row = templateRow(page, '행사 일정 알림');
  await expect(row).toContainText(/Notice|공지/);
  await expect(row).toContainText('HTML');

  // Saved as written: the copy opens with the new subject; the starter is unchanged.
  await row.getByRole('button', { name: /^(Edit|수정)$/ }).click();
  await expect(field(page, 'Subject', '제목')).toHaveValue(subject);
  await page.getByRole('button', { name: /^(Cancel|취소)$/ }).click();
  await page.getByRole('button', { name: /^(Start from a starter|기본 서식으로 시작)$/ }).click();
  await expect(page.getByRole('listitem', { name: '행사 일정 알림' })).toContainText('[안내] {{event}} 일정을 알려 드립니다 ({{eventDate}})');
});

test('an HTML template’s preview has no script and no event handler, in a frame with an empty sandbox', async ({ page, host }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await openTemplates(page, host.url);
  await writeTemplate(
    page,
    'Hostile HTML',
    'Hello {{name}}',
    '<p id="greeting" onclick="alert(2)">Hello {{name}}, your seat is {{seat}}.</p><script>alert(1)</script><a href="javascript:alert(3)">link</a>',
    'html',
  );

  const frameElement = page.getByTitle(/Preview of the HTML message|HTML 본문 미리 보기/);
  await expect(frameElement).toHaveAttribute('sandbox', '');
  const frame = page.frameLocator('iframe.html-preview');
  await expect(frame.locator('#greeting')).toHaveText('Hello {{name}}, your seat is {{seat}}.');
  await expect(frame.locator('script')).toHaveCount(0);
  await expect(frame.locator('[onclick]')).toHaveCount(0);
  await expect(frame.locator('a')).not.toHaveAttribute('href', /javascript:/);
  await expect(page.locator('[data-removed]')).toContainText('<script>');
  await expect(page.locator('[data-removed]')).toContainText('onclick');

  await frame.locator('#greeting').click();
  await frame.locator('a').click();
  await expect(page.locator('form.template-editor aside [data-placeholder="seat"]')).toHaveAttribute('data-source', 'list');
  expect(dialogs).toEqual([]);

  // A placeholder some members may lack is not an error here: the template saves.
  await saveButton(page).click();
  await expect(templateRow(page, 'Hostile HTML')).toContainText('HTML');
});

test('unsupported syntax is named and blocks saving until it is removed', async ({ page, host }) => {
  await openTemplates(page, host.url);
  await writeTemplate(page, 'Conditional', 'Hello {{name}}', 'Dear {{name}},\n{{#if x}}You have a seat.', 'plain');

  const editor = page.locator('form.template-editor');
  const alert = editor.locator('[data-unsupported]');
  await expect(alert).toHaveAttribute('role', 'alert');
  await expect(alert).toContainText('{{#if x}}');
  await expect(editor).toHaveAttribute('data-blocked', 'unsupported');
  await expect(saveButton(page)).toBeDisabled();

  await field(page, 'Message', '본문').fill('Dear {{name}},\nYou have a seat: {{ seat.row }}.');
  await expect(alert).toHaveCount(0);
  await expect(editor.locator('[data-placeholder="seat.row"]')).toHaveAttribute('data-source', 'list');
  await saveButton(page).click();
  await expect(templateRow(page, 'Conditional')).toContainText(/Plain text|일반 텍스트/);
});

test('deleting a template asks first, then removes it from the list', async ({ page, host }) => {
  await openTemplates(page, host.url);
  await writeTemplate(page, 'Old notice', 'Notice for {{name}}', 'Hello {{name}}.', 'plain');
  await saveButton(page).click();
  const row = templateRow(page, 'Old notice');
  await expect(row).toBeVisible();

  // The app's own dialog asks first: Cancel keeps the template.
  await row.getByRole('button', { name: /^(Delete|삭제)$/ }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: /^(Cancel|취소)$/ }).click();
  await expect(row).toBeVisible();

  await row.getByRole('button', { name: /^(Delete|삭제)$/ }).click();
  const question = page.getByRole('alertdialog', { name: /Old notice/ });
  await question.getByRole('button', { name: /^(Delete|삭제)$/ }).click();
  await expect(page.locator('[data-notice="removed"]')).toContainText('Old notice');
  await expect(row).toHaveCount(0);
  await expect(page.getByText(/No templates yet|아직 템플릿이 없습니다/)).toBeVisible();
});
