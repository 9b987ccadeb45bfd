/** The provider's own word on its daily limit: "Gmail said: … · can go on at 14:05 (Asia/Seoul)", and why that time. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PresetId } from '../../app/accounts/common/presets';
import { providerNameOf } from '../../app/accounts/common/provider-name';
import type { ProviderLimit } from '../../app/ipc/common/contract';

/** Props of ProviderLimitNote. */
export interface ProviderLimitNoteProps {
  /** The provider's word. */
  readonly limit: ProviderLimit;
  /** The account's preset (names the provider). */
  readonly presetId: PresetId;
  /** A last sentence for where it is shown (the campaign waits, pre-flight), if any. */
  readonly after?: string;
}

/** The admin's time zone, as the system names it. */
function timeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Renders the note. */
export function ProviderLimitNote({ limit, presetId, after }: ProviderLimitNoteProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language.startsWith('ko') ? 'ko' : 'en';
  // Rounded up to the minute: the time shown is never earlier than the real one.
  const resumeAt = Math.ceil(Date.parse(limit.resumeAt) / 60_000) * 60_000;
  const when = new Date(resumeAt).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  // When the note was drawn: a note shown past its time says so (the next send tells whether the provider takes mail again).
  const [shownAt] = useState(() => Date.now());
  const passed = resumeAt <= shownAt;
  return (
    <div className="form-warning provider-limit" role="status" data-provider-limit={limit.basis} data-resume-at={limit.resumeAt}>
      <p>
        <span className="provider-limit__reply">{t('limits.said', { provider: providerNameOf(presetId, language), reply: limit.reply.replace(/\s*\n\s*/g, ' ').trim() })}</span>
        {' · '}
        <strong>{t(passed ? 'limits.couldGoOn' : 'limits.canGoOn', { when, zone: timeZone() })}</strong>
      </p>
      <p className="muted">
        {t(limit.basis === 'ledger' ? 'limits.basisLedger' : 'limits.basisReplyPlusDay')}
        {after && !passed ? ` ${after}` : ''}
      </p>
    </div>
  );
}
