/** Steps many specs take the same way, clicked through the real renderer. */
import { expect, type Page } from '@playwright/test';

/** A relay account as the Accounts form takes it; username and password only when the relay asks for a login. */
export interface RelayAccount {
  /** The account's name in the list. */
  readonly label: string;
  /** The relay's port on 127.0.0.1. */
  readonly port: number;
  /** The From address. */
  readonly fromAddress: string;
  /** The From name, if any. */
  readonly fromName?: string;
  /** The login, if the relay asks for one. */
  readonly username?: string;
  /** The login's password. */
  readonly password?: string;
}

/** Adds a relay on 127.0.0.1 without TLS from the Accounts screen, saves it, and waits until the list shows it. */
export async function addRelayAccount(page: Page, account: RelayAccount): Promise<void> {
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByLabel('Account name').fill(account.label);
  await page.getByLabel('SMTP server', { exact: true }).fill('127.0.0.1');
  await page.getByLabel('Port', { exact: true }).fill(String(account.port));
  await page.getByLabel(/None \(trusted network only\)/).check();
  if (account.username !== undefined) await page.getByLabel('Username').fill(account.username);
  if (account.password !== undefined) await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByLabel('From address').fill(account.fromAddress);
  if (account.fromName !== undefined) await page.getByLabel('From name').fill(account.fromName);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('listitem', { name: account.label })).toBeVisible();
}
