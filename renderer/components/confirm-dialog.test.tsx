// @vitest-environment jsdom
/** The app's confirmation dialog: named and described, modal, focus kept inside and returned, Escape cancels. */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/i18n';
import { en } from '../i18n/en';
import { ConfirmProvider, useConfirm } from './confirm-dialog';

afterEach(cleanup);

function Asker({ danger }: { readonly danger: boolean }) {
  const confirm = useConfirm();
  const [answer, setAnswer] = useState('none');
  return (
    <main>
      <button type="button" onClick={() => void confirm({ title: 'Delete “Weekly”?', body: 'This cannot be undone.', confirmLabel: 'Delete campaign', danger }).then((yes) => setAnswer(String(yes)))}>
        Ask
      </button>
      <output>{answer}</output>
    </main>
  );
}

function renderAsker(danger = true) {
  render(
    <I18nextProvider i18n={createI18n('en', en)}>
      <ConfirmProvider>
        <Asker danger={danger} />
      </ConfirmProvider>
    </I18nextProvider>,
  );
  const ask = screen.getByRole('button', { name: 'Ask' });
  ask.focus();
  fireEvent.click(ask);
  return ask;
}

const flush = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));

describe('ConfirmDialog', () => {
  it('is an alertdialog named by its question and described by its details, over an inert page; Cancel has the first focus when destructive', () => {
    renderAsker();
    const dialog = screen.getByRole('alertdialog', { name: 'Delete “Weekly”?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(dialog.getAttribute('aria-describedby')!)?.textContent).toBe('This cannot be undone.');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('button', { name: 'Ask', hidden: true }).closest('[inert]')).not.toBeNull();
  });

  it('keeps Tab and Shift+Tab inside the dialog', () => {
    renderAsker();
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    const confirm = screen.getByRole('button', { name: 'Delete campaign' });
    confirm.focus();
    fireEvent.keyDown(confirm, { key: 'Tab' });
    expect(document.activeElement).toBe(cancel);
    fireEvent.keyDown(cancel, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(confirm);
  });

  it('Escape cancels and focus returns to the button that asked; confirming resolves true', async () => {
    const ask = renderAsker();
    fireEvent.keyDown(screen.getByRole('alertdialog'), { key: 'Escape' });
    await flush();
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('false');
    expect(document.activeElement).toBe(ask);
    fireEvent.click(ask);
    fireEvent.click(screen.getByRole('button', { name: 'Delete campaign' }));
    await flush();
    expect(screen.getByRole('status').textContent).toBe('true');
    expect(document.activeElement).toBe(ask);
  });

  it('a confirmation that is not destructive gives its confirm button the first focus', () => {
    renderAsker(false);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete campaign' }));
  });
});
