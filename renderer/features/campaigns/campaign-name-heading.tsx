/** A campaign's name as the view's heading, renamed in place: Rename opens a labelled field; Enter saves, Escape keeps the old name; focus comes back to Rename. */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { cleanCampaignName } from '../../../app/campaigns/common/campaign-name';
import type { CampaignSummary } from '../../../app/ipc/common/contract';
import { useClient } from '../../state/client-context';

/** Renders the heading and its rename field. */
export function CampaignNameHeading({ campaign, onRenamed }: { readonly campaign: CampaignSummary; readonly onRenamed: (summary: CampaignSummary) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(campaign.name);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const returnFocus = useRef(false);
  const hintId = useId();
  const errorId = useId();

  useEffect(() => {
    if (editing) {
      field.current?.focus();
      field.current?.select();
    } else if (returnFocus.current) {
      returnFocus.current = false;
      renameButton.current?.focus();
    }
  }, [editing]);

  const open = () => {
    setValue(campaign.name);
    setError(null);
    setEditing(true);
  };
  const close = () => {
    returnFocus.current = true;
    setEditing(false);
    setError(null);
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const name = cleanCampaignName(value);
    if (name === '') return setError(t('names.nameEmpty'));
    if (name === campaign.name) return close();
    setSaving(true);
    const result = await client.request('campaigns:rename', { id: campaign.id, name });
    setSaving(false);
    if (!result.ok) return setError(t(`errors.${result.error.code}`, { defaultValue: result.error.message }));
    onRenamed(result.value);
    close();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    close();
  };

  return (
    <div className="campaign-name">
      <div className="campaign-name__line">
        <h1 className="campaign-name__heading" data-campaign-name>
          {campaign.name}
        </h1>
        {editing ? null : (
          <button ref={renameButton} type="button" className="button" aria-label={t('names.renameLabel', { name: campaign.name })} onClick={open}>
            {t('names.rename')}
          </button>
        )}
      </div>
      {editing ? (
        <form className="campaign-name__form" onSubmit={(event) => void save(event)} onKeyDown={onKeyDown}>
          <label className="campaign-name__label">
            {t('names.nameLabel')}
            <input
              ref={field}
              className="campaign-name__input"
              value={value}
              maxLength={400}
              onChange={(event) => setValue(event.target.value)}
              aria-describedby={error ? `${hintId} ${errorId}` : hintId}
              aria-invalid={error ? true : undefined}
              disabled={saving}
            />
          </label>
          <button type="submit" className="button button--primary" disabled={saving}>
            {t('names.saveName')}
          </button>
          <button type="button" className="button" onClick={close}>
            {t('names.cancelRename')}
          </button>
          <p id={hintId} className="muted campaign-name__hint">
            {t('names.renameHint')}
          </p>
          {error ? (
            <p id={errorId} className="form-alert" role="alert">
              {error}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
