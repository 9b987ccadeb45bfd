// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../app/ipc/common/app-error';
import type { Client } from '../../bridge/client';
import { en } from '../../i18n/en';
import { createI18n } from '../../i18n/i18n';
import { ClientProvider } from '../../state/client-context';
import { OAuthPanel } from './oauth-panel';

/** A client answering `oauth:import-client` at once and `oauth:connect` when the test says. */
function fakeClient() {
  const calls: { channel: string; input: unknown }[] = [];
  const listeners = new Map<string, (payload: unknown) => void>();
  let finishConnect: (result: Result<unknown>) => void = () => undefined;
  const client = {
    request: vi.fn(async (channel: string, input?: unknown): Promise<Result<unknown>> => {
      calls.push({ channel, input });
      if (channel === 'oauth:import-client') {
        const text = (input as { text: string }).text;
        return text.includes('"web"') ? { ok: true, value: { ok: false, problem: 'web-client' } } : { ok: true, value: { ok: true, clientId: 'id.apps.googleusercontent.com', projectId: 'p', authHost: 'accounts.google.com' } };
      }
      if (channel === 'oauth:connect') return new Promise((resolve) => (finishConnect = resolve));
      if (channel === 'oauth:cancel') return { ok: true, value: { cancelled: true } };
      throw new Error(`unexpected ${channel}`);
    }),
    subscribe: (event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
  } as unknown as Client;
  return { client, calls, push: (event: string, payload: unknown) => listeners.get(event)?.(payload), finish: (r: Result<unknown>) => finishConnect(r) };
}

function renderPanel(client: Client) {
  render(
    <I18nextProvider i18n={createI18n('en', en)}>
      <ClientProvider client={client}>
        <OAuthPanel onClose={() => undefined} />
      </ClientProvider>
    </I18nextProvider>,
  );
}

afterEach(cleanup);

describe('OAuthPanel', () => {
  it('says what to create instead of a web client, and will not connect with it', async () => {
    const { client } = fakeClient();
    renderPanel(client);
    fireEvent.change(screen.getByLabelText('Or paste the client JSON'), { target: { value: '{"web": {}}' } });
    await screen.findByText(/Mailroom needs a client of type “Desktop app”/);
    expect((screen.getByRole('button', { name: 'Connect in browser' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('waits with the link and Cancel, and reports the cancel', async () => {
    const fake = fakeClient();
    renderPanel(fake.client);
    fireEvent.change(screen.getByLabelText('Or paste the client JSON'), { target: { value: '{"installed": {}}' } });
    await screen.findByText(/Desktop app client id\.apps\.googleusercontent\.com/);
    fireEvent.click(screen.getByRole('radio', { name: /SMTP with OAuth/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Connect in browser' }));
    await screen.findByText('Waiting for Google…');
    expect(fake.calls.find((c) => c.channel === 'oauth:connect')?.input).toMatchObject({ sendMethod: 'smtp-xoauth2', clientJson: '{"installed": {}}' });
    act(() => fake.push('oauth:consent', { url: 'https://accounts.google.com/o/oauth2/v2/auth?x=1', opened: false }));
    expect(screen.getByRole('link', { name: 'Open Google’s sign-in page' }).getAttribute('href')).toBe('https://accounts.google.com/o/oauth2/v2/auth?x=1');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(fake.calls.some((c) => c.channel === 'oauth:cancel')).toBe(true));
    await act(async () => fake.finish({ ok: true, value: { status: 'cancelled' } }));
    await screen.findByText('Connecting was cancelled.');
  });
});
