/** A campaign's mailbox: "Check for bounces now", the mailbox server of a relay, suppressing bounced addresses, and the unsubscribe review queue. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAILBOX_PROBLEM_WORDS } from '../../../app/mailbox/common/mailbox-diagnosis';
import type { CampaignDetail, MailboxOptions, MailboxStatus, UnsubscribeReviewRow } from '../../../app/ipc/common/contract';
import { useClient } from '../../state/client-context';

/** Renders the panel under a campaign's counts. */
export function MailboxPanel({ detail }: { readonly detail: CampaignDetail }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const id = detail.campaign.id;
  const [status, setStatus] = useState<MailboxStatus | null>(null);
  const [options, setOptions] = useState<MailboxOptions | null>(null);
  const [queue, setQueue] = useState<UnsubscribeReviewRow[]>([]);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [server, setServer] = useState({ host: '', port: '993', security: 'tls' as 'tls' | 'starttls' | 'none' });
  const ko = i18n.language.startsWith('ko');

  const loadQueue = useCallback(async () => {
    const result = await client.request('mailbox:unsubscribes');
    if (result.ok) setQueue(result.value.filter((r) => r.campaignId === id));
  }, [client, id]);
  // A reply marked `unsubscribed` while the screen is open joins the queue; a new bounce changes how many can be suppressed.
  const unsubscribed = detail.counts.unsubscribed;
  const bounced = detail.counts.bounced;
  /** Bumped when addresses were suppressed here, so the count of those left is asked again. */
  const [suppressions, setSuppressions] = useState(0);
  useEffect(() => {
    let live = true;
    void client.request('mailbox:status', { id }).then((r) => live && r.ok && setStatus(r.value));
    void client.request('mailbox:unsubscribes').then((r) => live && r.ok && setQueue(r.value.filter((row) => row.campaignId === id)));
    return () => {
      live = false;
    };
  }, [client, id, unsubscribed, bounced, suppressions]);
  // A row suppressed from its details (or automatically) comes back through the progress stream: ask again how many are left.
  useEffect(
    () =>
      client.subscribe('campaigns:progress', (progress) => {
        if (progress.id === id && progress.status !== 'running') setSuppressions((n) => n + 1);
      }),
    [client, id],
  );
  useEffect(() => {
    let live = true;
    void client.request('mailbox:options').then((r) => live && r.ok && setOptions(r.value));
    return () => {
      live = false;
    };
  }, [client]);

  const failed = (message: string) => setProblem(message);
  const checkNow = async () => {
    setBusy(true);
    setNote(null);
    setProblem(null);
    const result = await client.request('mailbox:check', { id });
    setBusy(false);
    if (!result.ok) return failed(result.error.message);
    const outcome = result.value;
    if (outcome.ok) return setNote(t('mailbox.found', { bounces: outcome.summary.bounces, unsubscribes: outcome.summary.unsubscribes, unmatched: outcome.summary.unmatched }));
    if (outcome.problem === 'no-mailbox') return failed(t(`mailbox.noMailbox.${outcome.reason ?? 'user-named'}`));
    return failed(MAILBOX_PROBLEM_WORDS[outcome.problem][ko ? 'ko' : 'en']);
  };
  const saveServer = async () => {
    setProblem(null);
    const result = await client.request('mailbox:set-server', { id, server: { host: server.host.trim(), port: Number(server.port), security: server.security } });
    if (result.ok) setStatus(result.value);
    else failed(`${result.error.message} ${result.error.hint ?? ''}`);
  };
  const suppressHardBounced = async () => {
    setProblem(null);
    const result = await client.request('mailbox:suppress-bounced', { id });
    if (!result.ok) return failed(result.error.message);
    setNote(t('mailbox.suppressedDone', { count: result.value.added }));
    setSuppressions((n) => n + 1);
  };
  const changeOptions = async (next: MailboxOptions) => {
    setProblem(null);
    // The box shows the click at once; what main stored replaces it, and a refusal puts the old value back.
    const before = options;
    setOptions(next);
    const result = await client.request('mailbox:set-options', next);
    if (result.ok) setOptions(result.value);
    else {
      setOptions(before);
      failed(result.error.message);
    }
  };
  const review = async (rows: readonly UnsubscribeReviewRow[], action: 'suppress' | 'dismiss') => {
    for (const row of rows) {
      const result = await client.request('mailbox:review', { reportId: row.reportId, action });
      if (!result.ok) return failed(result.error.message);
    }
    if (action === 'suppress') setNote(t('mailbox.suppressedDone', { count: rows.length }));
    await loadQueue();
    setSuppressions((n) => n + 1);
  };

  const watchActive = typeof status?.watchUntil === 'string';
  const watch = async (action: 'stop' | 'extend') => {
    setProblem(null);
    const result = await client.request('mailbox:watch', { id, action });
    if (result.ok) setStatus(result.value);
    else failed(result.error.message);
  };
  const hardBounced = status?.hardBounced ?? 0;
  const place = status?.place;
  return (
    <section className="card campaign__mailbox" aria-labelledby="mailbox-heading" data-mailbox-place={place?.kind ?? 'loading'}>
      <h2 id="mailbox-heading">{t('mailbox.heading')}</h2>
      <p className="muted">{t('mailbox.intro')}</p>
      {place?.kind === 'none' ? <p className="form-warning" data-no-mailbox={place.reason}>{t(`mailbox.noMailbox.${place.reason}`)}</p> : null}
      {place?.kind === 'imap' && place.named ? <p className="muted">{t('mailbox.server.named', { host: place.server.host, port: place.server.port })}</p> : null}
      {status?.watching ? <p className="muted">{t('mailbox.watching')}</p> : null}
      {place?.kind === 'imap' ? (
        <div className="campaign__watch" data-watch-until={watchActive ? status?.watchUntil ?? '' : 'off'}>
          <p className="muted">
            {watchActive
              ? t('mailbox.watch.until', { time: new Date(status?.watchUntil ?? 0).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }) })
              : t('mailbox.watch.off')}
          </p>
          {watchActive ? (
            <button type="button" className="button" onClick={() => void watch('stop')}>
              {t('mailbox.watch.stop')}
            </button>
          ) : null}{' '}
          <button type="button" className="button" onClick={() => void watch('extend')}>
            {t('mailbox.watch.extend')}
          </button>
        </div>
      ) : null}
      {place?.kind === 'none' ? (
        <fieldset className="campaign__mailbox-server">
          <legend>{t('mailbox.server.legend')}</legend>
          <label>
            {t('mailbox.server.host')} <input value={server.host} onChange={(e) => setServer({ ...server, host: e.target.value })} autoComplete="off" spellCheck={false} />
          </label>{' '}
          <label>
            {t('mailbox.server.port')} <input value={server.port} inputMode="numeric" size={6} onChange={(e) => setServer({ ...server, port: e.target.value })} />
          </label>{' '}
          <label>
            {t('mailbox.server.security')}{' '}
            <select value={server.security} onChange={(e) => setServer({ ...server, security: e.target.value as typeof server.security })}>
              <option value="tls">{t('mailbox.server.tls')}</option>
              <option value="starttls">{t('mailbox.server.starttls')}</option>
              <option value="none">{t('mailbox.server.none')}</option>
            </select>
          </label>{' '}
          <button type="button" className="button" onClick={() => void saveServer()} disabled={server.host.trim() === ''}>
            {t('mailbox.server.save')}
          </button>
        </fieldset>
      ) : null}
      <div className="screen__actions">
        <button type="button" className="button" onClick={() => void checkNow()} disabled={busy || place?.kind !== 'imap'} aria-busy={busy}>
          {busy ? t('mailbox.checking') : t('mailbox.checkNow')}
        </button>
        {hardBounced > 0 ? (
          <button type="button" className="button" onClick={() => void suppressHardBounced()}>
            {t('mailbox.suppressBounced', { count: hardBounced })}
          </button>
        ) : null}
      </div>
      {options ? (
        <fieldset className="campaign__mailbox-options">
          <legend>{t('mailbox.options.legend')}</legend>
          <label>
            <input type="checkbox" checked={options.autoSuppressHardBounces} onChange={(e) => void changeOptions({ ...options, autoSuppressHardBounces: e.target.checked })} />{' '}
            {t('mailbox.options.hardBounces')}
          </label>
          <label>
            <input type="checkbox" checked={options.autoSuppressUnsubscribes} onChange={(e) => void changeOptions({ ...options, autoSuppressUnsubscribes: e.target.checked })} />{' '}
            {t('mailbox.options.unsubscribes')}
          </label>
          <p className="muted">{t('mailbox.options.hint')}</p>
        </fieldset>
      ) : null}
      <div aria-live="polite">
        {note ? <p className="form-note" data-mailbox-note>{note}</p> : null}
        {problem ? (
          <p className="form-alert" role="alert">
            {problem}
          </p>
        ) : null}
      </div>
      <h3>{t('mailbox.review.heading')}</h3>
      {queue.length === 0 ? (
        <p className="muted">{t('mailbox.review.empty')}</p>
      ) : (
        <>
          <ul className="campaign__review" aria-label={t('mailbox.review.heading')}>
            {queue.map((row) => (
              <li key={row.reportId} data-review-email={row.email}>
                <strong>{row.email}</strong> <q>{row.excerpt}</q>
                {row.fromIsMember ? null : <span className="form-warning"> {t('mailbox.review.fromOther', { from: row.from })}</span>}{' '}
                <button type="button" className="button" onClick={() => void review([row], 'suppress')}>
                  {t('mailbox.review.confirm')}
                </button>{' '}
                <button type="button" className="button" onClick={() => void review([row], 'dismiss')}>
                  {t('mailbox.review.dismiss')}
                </button>
              </li>
            ))}
          </ul>
          {queue.length > 1 ? (
            <button type="button" className="button" onClick={() => void review(queue, 'suppress')}>
              {t('mailbox.review.confirmAll', { count: queue.length })}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
