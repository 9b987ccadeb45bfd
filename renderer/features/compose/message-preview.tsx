/** One member's message as it will be sent: headers, both parts, attachments. */
import { useTranslation } from 'react-i18next';
import type { MessagePreview as Preview } from '../../../app/ipc/common/contract';
import { HtmlPreview } from '../../components/html-preview';
import { formatBytes } from './compose-model';

/** Renders the message. */
export function MessagePreview({ message }: { readonly message: Preview }) {
  const { t } = useTranslation();
  return (
    <div className="message-preview" data-preview="ok">
      <dl className="message-preview__headers">
        <dt>{t('compose.from')}</dt>
        <dd data-header="from">{message.from}</dd>
        <dt>{t('compose.to')}</dt>
        <dd data-header="to">{message.to}</dd>
        {message.replyTo ? (
          <>
            <dt>{t('compose.replyToLabel')}</dt>
            <dd data-header="reply-to">{message.replyTo}</dd>
          </>
        ) : null}
        <dt>{t('compose.subjectLabel')}</dt>
        <dd data-header="subject">{message.subject}</dd>
        {message.attachments.length > 0 ? (
          <>
            <dt>{t('compose.attachmentsLabel')}</dt>
            <dd>{message.attachments.map((a) => `${a.fileName} (${formatBytes(a.size)})`).join(', ')}</dd>
          </>
        ) : null}
        {message.memberFiles !== undefined || message.memberFilesMissing !== undefined ? (
          <>
            <dt>{t('memberFiles.preview.title')}</dt>
            <dd data-member-files>
              {(message.memberFiles ?? []).length + (message.memberFilesMissing ?? []).length === 0 ? (
                <span className="muted">{t('memberFiles.preview.none')}</span>
              ) : (
                <ul className="message-preview__files">
                  {(message.memberFiles ?? []).map((f) => (
                    <li key={f.fileName} data-file={f.fileName}>
                      {f.fileName} ({formatBytes(f.size)})
                    </li>
                  ))}
                  {(message.memberFilesMissing ?? []).map((m) => (
                    <li key={`missing:${m.name}`} className="form-alert" data-missing-file={m.name}>
                      {t('memberFiles.preview.missing', { name: m.name, problem: t(`memberFiles.problemShort.${m.problem}`) })}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </>
        ) : null}
      </dl>
      {message.html !== undefined ? (
        <section aria-label={t('compose.htmlPart')}>
          <p className="result__subhead">{t('compose.htmlPart')}</p>
          <HtmlPreview html={message.html} title={t('compose.htmlPart')} />
        </section>
      ) : null}
      <section aria-label={t('compose.textPart')}>
        <p className="result__subhead">{t('compose.textPart')}</p>
        <pre className="message-preview__text" data-part="text">
          {message.text}
        </pre>
      </section>
    </div>
  );
}
