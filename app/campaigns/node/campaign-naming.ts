/** The default name of a campaign, rendered with the sender's own renderer (Node only: Handlebars). */
import type { Member } from '../../lists/common/member-list';
import { renderMessage, type RenderableTemplate } from '../../templates/node/template-render';
import { defaultNameOf } from '../common/campaign-name';

/** The locale of this process (the OS's), used when the admin has not picked a language. */
export function processLocale(): string {
  return new Intl.DateTimeFormat().resolvedOptions().locale;
}

/**
 * The subject as the first member receives it, then the date in `locale`. A subject that cannot be
 * rendered for that member (or a campaign without members) shows as written.
 */
export function defaultCampaignName(template: RenderableTemplate, first: Pick<Member, 'email' | 'name' | 'fields'> | undefined, createdAt: string, locale: string): string {
  let subject = template.subject;
  if (first) {
    try {
      const rendered = renderMessage(template, { email: first.email, name: first.name, fields: first.fields });
      if (rendered.ok) subject = rendered.subject;
    } catch {
      // Unrenderable: the subject as written.
    }
  }
  return defaultNameOf(subject, createdAt, locale);
}
