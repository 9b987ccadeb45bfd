// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../app/ipc/common/app-error';
import { HISTORY_PAGE_SIZE, type CampaignSummary } from '../../../app/ipc/common/contract';
import type { Client } from '../../bridge/client';
import { en } from '../../i18n/en';
import { createI18n } from '../../i18n/i18n';
import { ClientProvider } from '../../state/client-context';
import { ConfirmProvider } from '../../components/confirm-dialog';
import { CampaignsScreen } from './campaigns-screen';

/** A client that answers `campaigns:history` from a history of `count` campaigns, newest first, and records what was asked. */
function fakeClient(count: number) {
  const history: CampaignSummary[] = Array.from({ length: count }, (_, i) => ({
    id: `c${count - i}`,
    name: `Notice ${count - i} · Nov 30, 2026`,
    accountLabel: 'Office',
    listName: 'Members',
    subject: `Notice ${count - i}`,
    recipients: 10,
    status: 'completed',
    createdAt: '2026-11-30T00:00:00.000Z',
    counts: { queued: 0, sending: 0, sent: 10, failed: 0, unknown: 0, skipped: 0, deferred: 0, cancelled: 0, bounced: 0, unsubscribed: 0 } as NonNullable<CampaignSummary['counts']>,
  }));
  const asked: unknown[] = [];
  const client = {
    request: vi.fn(async (channel: string, input?: unknown): Promise<Result<unknown>> => {
      if (channel !== 'campaigns:history') throw new Error(`unexpected ${channel}`);
      asked.push(input);
      const { offset, limit } = input as { offset: number; limit: number };
      return { ok: true, value: { campaigns: history.slice(offset, offset + limit), total: history.length } };
    }),
    subscribe: () => () => undefined,
  } as unknown as Client;
  return { client, asked };
}

function renderScreen(client: Client) {
  render(
    <I18nextProvider i18n={createI18n('en', en)}>
      <ClientProvider client={client}>
        <ConfirmProvider>
          <CampaignsScreen onOpenAccounts={() => undefined} onOpenCompose={() => undefined} />
        </ConfirmProvider>
      </ClientProvider>
    </I18nextProvider>,
  );
}

const titles = () => within(screen.getByRole('list', { name: 'Campaigns' })).getAllByRole('heading').map((h) => h.textContent ?? '');

afterEach(cleanup);

describe('CampaignsScreen history', () => {
  it('asks for the page it shows and pages through a long history', async () => {
    const { client, asked } = fakeClient(45);
    renderScreen(client);
    await screen.findByText('Campaigns 1–20 of 45');
    expect(asked).toEqual([{ offset: 0, limit: HISTORY_PAGE_SIZE }]);
    expect(titles()).toHaveLength(20);
    expect(titles()[0]).toContain('Notice 45');
    expect((screen.getByRole('button', { name: 'Newer' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Older' }));
    await screen.findByText('Campaigns 21–40 of 45');
    expect(titles()[0]).toContain('Notice 25');
    fireEvent.click(screen.getByRole('button', { name: 'Older' }));
    await screen.findByText('Campaigns 41–45 of 45');
    expect(titles()).toHaveLength(5);
    expect((screen.getByRole('button', { name: 'Older' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Newer' }));
    await screen.findByText('Campaigns 21–40 of 45');
    expect(asked).toEqual([0, 20, 40, 20].map((offset) => ({ offset, limit: HISTORY_PAGE_SIZE })));
  });

  it('shows no pager for a history that fits one page', async () => {
    const { client } = fakeClient(3);
    renderScreen(client);
    await waitFor(() => expect(titles()).toHaveLength(3));
    expect(screen.queryByRole('navigation', { name: 'Pages of the history' })).toBeNull();
  });
});
