/** Export all accounts to one passphrase-encrypted file, or import such a file. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/field';
import { useClient } from '../../state/client-context';
import { downloadText } from '../../state/download';

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
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [message, setMessage] = useState<{ readonly ok: boolean; readonly text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (passphrase.length < 8) return setMessage({ ok: false, text: t('transfer.tooShort') });
    setBusy(true);
    try {
      if (mode === 'export') {
        if (passphrase !== confirm) return setMessage({ ok: false, text: t('transfer.mismatch') });
        const result = await client.request('accounts:export', { ids: [], passphrase });
        if (!result.ok) return setMessage({ ok: false, text: `${t(`errors.${result.error.code}`)} ${result.error.hint ?? ''}` });
        downloadText(result.value.fileName, result.value.content, 'application/json');
        setMessage({ ok: true, text: t('transfer.exported', { count: result.value.count, file: result.value.fileName }) });
      } else {
        if (!file) return setMessage({ ok: false, text: t('transfer.noFile') });
        const result = await client.request('accounts:import', { content: await file.text(), passphrase });
        if (!result.ok) return setMessage({ ok: false, text: `${result.error.message.replace(/^\w+: /, '')} ${result.error.hint ?? ''}` });
        setMessage({ ok: true, text: t('transfer.imported', result.value) });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card transfer" onSubmit={(event) => void submit(event)} aria-labelledby="transfer-title">
      <h2 id="transfer-title">{mode === 'export' ? t('transfer.exportTitle') : t('transfer.importTitle')}</h2>
      <p className="muted">{mode === 'export' ? t('transfer.exportBody') : t('transfer.importBody')}</p>
      <div className="secrets-gate__row">
        {mode === 'import' ? (
          <Field label={t('transfer.file')}>
            <input type="file" accept=".mailroom,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </Field>
        ) : null}
        <Field label={t('transfer.passphrase')}>
          <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="off" />
        </Field>
        {mode === 'export' ? (
          <Field label={t('transfer.confirm')}>
            <input type="password" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="off" />
          </Field>
        ) : null}
      </div>
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
