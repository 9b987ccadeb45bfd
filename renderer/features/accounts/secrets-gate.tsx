/** Asks for the passphrase where saved passwords are protected by one and still locked. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecretsStatus } from '../../../app/ipc/common/contract';
import { Field } from '../../components/field';

/** Props of SecretsGate. */
export interface SecretsGateProps {
  /** Current status (the gate shows only when locked). */
  readonly status: SecretsStatus;
  /** Unlocks; resolves to an error message or null. */
  readonly onUnlock: (passphrase: string) => Promise<string | null>;
}

/** Renders the passphrase form. */
export function SecretsGate({ status, onUnlock }: SecretsGateProps) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const choosing = !status.passphraseSet;
  if (status.state !== 'locked') return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (passphrase.length < 8) return setError(t('secrets.tooShort'));
    if (choosing && passphrase !== confirm) return setError(t('secrets.mismatch'));
    setError(await onUnlock(passphrase));
  };

  return (
    <form className="card secrets-gate" onSubmit={(event) => void submit(event)} aria-labelledby="secrets-gate-title">
      <h2 id="secrets-gate-title">{choosing ? t('secrets.chooseTitle') : t('secrets.lockedTitle')}</h2>
      <p className="muted">{choosing ? t('secrets.chooseBody') : t('secrets.lockedBody')}</p>
      {choosing ? (
        <ul className="secrets-gate__facts">
          <li>{t('firstRun.secrets.what')}</li>
          <li>{t('firstRun.secrets.recover')}</li>
        </ul>
      ) : null}
      <div className="secrets-gate__row">
        <Field label={t('secrets.passphrase')} error={error ?? undefined}>
          <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete={choosing ? 'new-password' : 'current-password'} />
        </Field>
        {choosing ? (
          <Field label={t('secrets.confirm')}>
            <input type="password" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="new-password" />
          </Field>
        ) : null}
        <button type="submit" className="button button--primary">
          {choosing ? t('secrets.choose') : t('secrets.unlock')}
        </button>
      </div>
    </form>
  );
}
