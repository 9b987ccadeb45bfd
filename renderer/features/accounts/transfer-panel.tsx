/**
 * Export all accounts to one encrypted file, or import such a file. An export never passes through
 * the page: the host saves the file and shows its passphrase itself (a native window, or the terminal
 * of the browser host); the page is told only where the file went.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/field';
import { useClient } from '../../state/client-context';

/** Props of TransferPanel. */
export interface TransferPanelProps {
  /** Which way. */
  readonly mode: 'export' | 'import';
  /** Closes the panel. */
  readonly onClose: () => void;
}

/** Renders the export or import form. */
export function TransferPanel({ mode, onClose }: TransferPanelProps) {
  const { t } = useTranslation();
  const client = useClient();
  // Where the export's passphrase is shown depends on the host: a native window, or its terminal.
  const [host, setHost] = useState<'electron' | 'web' | null>(null);
  useEffect(() => {
    void client.request('app:info').then((result) => result.ok && setHost(result.value.host));
  }, [client]);
  const [passphrase, setPassphrase] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [message, setMessage] = useState<{ readonly ok: boolean; readonly text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      if (mode === 'export') {
        const result = await client.request('accounts:export', { ids: [] });
        if (!result.ok) return setMessage({ ok: false, text: `${t(`errors.${result.error.code}`)} ${result.error.hint ?? ''}` });
        if (result.value.status === 'cancelled') return setMessage({ ok: true, text: t('secretSafety.export.cancelled') });
        const where = result.value.passphraseShownIn === 'dialog' ? t('secretSafety.export.shownInDialog') : t('secretSafety.export.shownInTerminal');
        setMessage({ ok: true, text: `${t('secretSafety.export.saved', { count: result.value.count, location: result.value.location })} ${where}` });
      } else {
        if (passphrase.length < 8) return setMessage({ ok: false, text: t('transfer.tooShort') });
        if (!file) return setMessage({ ok: false, text: t('transfer.noFile') });
        const result = await client.request('accounts:import', { content: await file.text(), passphrase });
        if (!result.ok) return setMessage({ ok: false, text: `${result.error.message.replace(/^\w+: /, '')} ${result.error.hint ?? ''}` });
        setMessage({ ok: true, text: t('transfer.imported', result.value) });
      }
    } finally {
      setBusy(false);
    }
  };

  const exportWhere = host === 'electron' ? t('secretSafety.export.bodyDialog') : host === 'web' ? t('secretSafety.export.bodyTerminal') : '';
  return (
    <form className="card transfer" onSubmit={(event) => void submit(event)} aria-labelledby="transfer-title">
      <h2 id="transfer-title">{mode === 'export' ? t('transfer.exportTitle') : t('transfer.importTitle')}</h2>
      <p className="muted">{mode === 'export' ? `${t('secretSafety.export.body')} ${exportWhere}`.trim() : t('transfer.importBody')}</p>
      {mode === 'import' ? (
        <div className="secrets-gate__row">
          <Field label={t('transfer.file')}>
            <input type="file" accept=".mailroom,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </Field>
          <Field label={t('transfer.passphrase')} help={t('secretSafety.export.importPassphrase')}>
            <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="off" />
          </Field>
        </div>
      ) : null}
      {message ? (
        <p className={message.ok ? 'result result--ok' : 'form-alert'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.close')}
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {mode === 'export' ? t('transfer.doExport') : t('transfer.doImport')}
        </button>
      </div>
    </form>
  );
}
