// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../app/ipc/common/app-error';
import type { TemplateView } from '../../../app/ipc/common/contract';
import type { Client } from '../../bridge/client';
import { en } from '../../i18n/en';
import { createI18n } from '../../i18n/i18n';
import { ClientProvider } from '../../state/client-context';
import { ConfirmProvider } from '../../components/confirm-dialog';
import { TemplateEditor } from './template-editor';

const saved: TemplateView = { id: 't1', name: 'Trip', usageType: 'MagicLink', contentType: 'text/plain', subject: 'Trip for {{name}}', content: 'Bring {{item}}.', updatedAt: '2025-03-01T09:00:00.000Z' };

/** A client whose `templates:save` answers from the queue, recording every draft. */
function fakeClient(answers: Result<unknown>[]) {
  const drafts: unknown[] = [];
  const client = {
    request: vi.fn(async (channel: string, input?: unknown) => {
      if (channel !== 'templates:save') throw new Error(`unexpected ${channel}`);
      drafts.push(input);
      return answers.shift()!;
    }),
    subscribe: () => () => undefined,
  } as unknown as Client;
  return { client, drafts };
}

function renderEditor(client: Client, template: TemplateView = saved) {
  const onSaved = vi.fn();
  render(
    <I18nextProvider i18n={createI18n('en', en)}>
      <ClientProvider client={client}>
        <ConfirmProvider>
          <TemplateEditor origin={{ kind: 'edit', template }} onSaved={onSaved} onCancel={() => undefined} />
        </ConfirmProvider>
      </ClientProvider>
    </I18nextProvider>,
  );
  return onSaved;
}

const save = () => fireEvent.click(screen.getByRole('button', { name: /^(Save template|Save as a new template)$/ }));

afterEach(cleanup);

describe('TemplateEditor', () => {
  it('keeps an imported usage type selectable and saves it unchanged', async () => {
    const { client, drafts } = fakeClient([{ ok: true, value: saved }]);
    const onSaved = renderEditor(client);
    expect((screen.getByLabelText('Used for') as HTMLSelectElement).value).toBe('MagicLink');
    expect(screen.getByRole('option', { name: 'MagicLink (imported)' })).toBeTruthy();
    save();
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(saved));
    expect(drafts).toEqual([{ id: 't1', name: 'Trip', usageType: 'MagicLink', contentType: 'text/plain', subject: 'Trip for {{name}}', content: 'Bring {{item}}.' }]);
  });

  it('keeps what was typed when the server refuses, and says why', async () => {
    const { client } = fakeClient([{ ok: false, error: { code: 'storage', message: 'disk full', hint: 'Free some space.' } }]);
    const onSaved = renderEditor(client);
    fireEvent.change(screen.getByLabelText('Subject'), { target: { value: 'Changed {{name}}' } });
    save();
    expect(await screen.findByText(/could not read or write its data.*Free some space\./)).toBeTruthy();
    expect((screen.getByLabelText('Subject') as HTMLInputElement).value).toBe('Changed {{name}}');
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('offers to save as a new template when the one being edited was deleted meanwhile', async () => {
    const copy = { ...saved, id: 't2' };
    const { client, drafts } = fakeClient([{ ok: false, error: { code: 'not-found', message: 'That template no longer exists.' } }, { ok: true, value: copy }]);
    const onSaved = renderEditor(client);
    save();
    expect(await screen.findByText(/deleted while you were editing/)).toBeTruthy();
    save();
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(copy));
    expect(drafts[1]).not.toHaveProperty('id');
  });

  it('marks the field a server invalid-input names', async () => {
    const { client } = fakeClient([{ ok: false, error: { code: 'invalid-input', message: 'subject: Too big: expected string to have <=998 characters' } }]);
    renderEditor(client);
    save();
    await waitFor(() => expect(screen.getByLabelText('Subject').getAttribute('aria-invalid')).toBe('true'));
  });

  it('does not call the server while syntax is unsupported or a name is missing', () => {
    const { client } = fakeClient([]);
    renderEditor(client, { ...saved, content: '{{#each items}}{{this}}{{/each}}' });
    expect(screen.getByRole('alert').textContent).toContain('{{#each items}}');
    expect((screen.getByRole('button', { name: 'Save template' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'Bring {{item}}.' } });
    fireEvent.change(screen.getByLabelText('Template name'), { target: { value: ' ' } });
    save();
    expect(screen.getByText('Give the template a name (up to 120 characters).')).toBeTruthy();
    expect(client.request).not.toHaveBeenCalled();
  });
});
