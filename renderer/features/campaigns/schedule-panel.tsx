/** "Send at…": schedules a campaign that has not started, shows when a scheduled one starts, changes or takes back its time. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignSummary } from '../../../app/ipc/common/contract';
import { useClient } from '../../state/client-context';

/** The admin's time zone, as the system names it. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A `datetime-local` value (wall time in the admin's zone) as an ISO instant, or null when incomplete. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** An ISO instant as a `datetime-local` value in the admin's zone. */
export function isoToLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The panel; `onChanged` receives the campaign as it now is. */
export function SchedulePanel({ campaign, onChanged }: { readonly campaign: CampaignSummary; readonly onChanged: (summary: CampaignSummary) => void }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const inputId = useId();
  const zone = localTimeZone();
  const [value, setValue] = useState(campaign.scheduledAt ? isoToLocalInput(campaign.scheduledAt) : '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const scheduled = campaign.status === 'scheduled' && campaign.scheduledAt !== undefined;

  const submit = async (at: string | null) => {
    setError(null);
    setBusy(true);
    const result = await client.request('campaigns:schedule', { id: campaign.id, at });
    setBusy(false);
    if (!result.ok) return setError(`${result.error.message} ${result.error.hint ?? ''}`.trim());
    onChanged(result.value);
  };
  const schedule = () => {
    const iso = localInputToIso(value);
    if (!iso) return setError(t('schedule.needTime'));
    void submit(iso);
  };
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'full', timeStyle: 'short' });

  return (
    <section className="card campaign__schedule" aria-labelledby={`${inputId}-heading`} data-schedule={scheduled ? 'scheduled' : 'none'}>
      <h2 id={`${inputId}-heading`}>{t('schedule.heading')}</h2>
      {scheduled ? (
        <p className="campaign__scheduled" data-scheduled-at={campaign.scheduledAt}>
          <strong>{t('schedule.scheduledFor', { when: when(campaign.scheduledAt!), zone })}</strong> <span className="muted">{t('schedule.keepOpen')}</span>
        </p>
      ) : null}
      <form
        className="campaign__schedule-form"
        onSubmit={(e) => {
          e.preventDefault();
          schedule();
        }}
      >
        <div className="field">
          <label htmlFor={inputId}>{t('schedule.label')}</label>
          <input id={inputId} type="datetime-local" value={value} onChange={(e) => setValue(e.target.value)} aria-describedby={`${inputId}-zone`} />
          <span id={`${inputId}-zone`} className="muted">
            {t('schedule.zone', { zone })}
          </span>
        </div>
        <div className="campaign__schedule-actions">
          <button type="submit" className="button" disabled={busy}>
            {scheduled ? t('schedule.change') : t('schedule.set')}
          </button>
          {scheduled ? (
            <button type="button" className="button" disabled={busy} onClick={() => void submit(null)}>
              {t('schedule.unschedule')}
            </button>
          ) : null}
        </div>
      </form>
      {error ? (
        <p className="form-alert" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
