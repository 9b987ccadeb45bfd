/**
 * Moving accounts to a new computer: export from one Mailroom, import into another, send from there.
 * The export never passes through the page: the browser host saves it in its data folder and prints
 * its passphrase on its own terminal (captured here through `announce`); the page shows only the path.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '../fixtures';
import { startSmtpSink } from '../fakes/smtp-sink';
import { createNodeHandlers } from '../../app/handlers/node/node-composition';
import { startWebHost } from '../../app/host-web/node/web-host';

const USER = 'office@hanbit.test';
const PASSWORD = 'transfer-Secret-31b7';

test.use({ locale: 'en-US' });

test('accounts exported with a passphrase import on another computer and can send', async ({ page, certificate, browser }) => {
  const smtp = await startSmtpSink({ security: 'starttls', certificate, users: { [USER]: PASSWORD } });
  const firstDir = await mkdtemp(join(tmpdir(), 'mailroom-first-'));
  const terminal: string[] = [];
  const host = await startWebHost({
    staticDir: resolve(import.meta.dirname, '../../out/renderer'),
    createHandlers: (emit) => createNodeHandlers({ dataDir: firstDir, passphrase: 'e2e-passphrase-not-secret', emit, announce: (text) => void terminal.push(text) }),
  });
  const otherDir = await mkdtemp(join(tmpdir(), 'mailroom-other-'));
  const other = await startWebHost({
    staticDir: resolve(import.meta.dirname, '../../out/renderer'),
    createHandlers: (emit) => createNodeHandlers({ dataDir: otherDir, emit }),
  });
  try {
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByLabel('Account name').fill('Office');
    await page.getByLabel('SMTP server', { exact: true }).fill('127.0.0.1');
    await page.getByLabel('Port', { exact: true }).fill(String(smtp.port));
    await page.getByLabel('Username').fill(USER);
    await page.getByLabel(/^Password$/).fill(PASSWORD);
    await page.getByLabel('From address').fill(USER);
    await page.getByText('Advanced').click();
    await page.getByLabel(/CA certificate/).fill(certificate.cert);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('listitem', { name: 'Office' })).toBeVisible();

    await page.getByRole('button', { name: 'Export accounts' }).click();
    await expect(page.getByText('prints the passphrase in the terminal window')).toBeVisible();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const status = page.getByRole('status').filter({ hasText: '1 accounts exported to' });
    await expect(status).toContainText('printed in the terminal window');
    const file = /exported to (.+\.mailroom)\./.exec((await status.textContent()) ?? '')?.[1] ?? '';
    expect(file.startsWith(join(firstDir, 'exports'))).toBe(true);
    const exportPassphrase = /^ {4}(\S+)$/m.exec(terminal.join('\n'))?.[1] ?? '';
    expect(exportPassphrase).toMatch(/^([A-Z2-9]{5}-){5}[A-Z2-9]{5}$/);
    // The page never held the passphrase, and the file holds the password only encrypted.
    expect(await page.content()).not.toContain(exportPassphrase);
    expect(await readFile(file, 'utf8')).not.toContain(PASSWORD);

    // The other computer: a fresh Mailroom whose passwords are locked behind its own passphrase.
    const second = await browser.newPage({ locale: 'en-US' });
    await second.goto(other.url);
    await second.getByLabel('Passphrase', { exact: true }).fill('second computer pass');
    await second.getByLabel('Passphrase again').fill('second computer pass');
    await second.getByRole('button', { name: 'Set passphrase' }).click();
    await expect(second.getByRole('button', { name: 'Set passphrase' })).toBeHidden();

    await second.getByRole('button', { name: 'Import accounts' }).click();
    await second.getByLabel('File', { exact: true }).setInputFiles(file);
    await second.getByLabel('File passphrase').fill('not the passphrase');
    await second.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(second.getByRole('alert')).toContainText('This passphrase does not open the file');
    await second.getByLabel('File passphrase').fill(exportPassphrase.toLowerCase());
    await second.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(second.getByText('1 imported, 0 already here')).toBeVisible();

    const card = second.getByRole('listitem', { name: 'Office' });
    await expect(card).toContainText('Password saved');
    await card.getByRole('button', { name: 'Send test' }).click();
    await expect(card.locator('[data-status="sent"]')).toBeVisible();
    expect(smtp.messages).toHaveLength(1);
    await second.close();
  } finally {
    await host.close();
    await other.close();
    await smtp.close();
    await rm(firstDir, { recursive: true, force: true });
    await rm(otherDir, { recursive: true, force: true });
  }
});
