/** Names the campaigns created before campaigns had names (migration 4), the way new ones are named. */
import type Database from 'better-sqlite3';
import type { Member } from '../../lists/common/member-list';
import { defaultCampaignName, processLocale } from './campaign-naming';

/** Gives every campaign with an empty name its default name, in `locale` (default: this process's). */
export function nameCampaignsWithoutName(db: Database.Database, locale: string = processLocale()): number {
  const unnamed = db.prepare<[], { id: string; template: string; created_at: string }>("SELECT id, template, created_at FROM campaigns WHERE name = ''").all();
  const first = db.prepare<[string], { email: string; name: string; fields: string }>('SELECT email, name, fields FROM recipients WHERE campaign_id = ? ORDER BY idx LIMIT 1');
  const setName = db.prepare('UPDATE campaigns SET name = ? WHERE id = ?');
  for (const row of unnamed) {
    const template = JSON.parse(row.template) as { contentType: 'text/plain' | 'text/html'; subject: string; content: string };
    const member = first.get(row.id);
    const firstMember: Pick<Member, 'email' | 'name' | 'fields'> | undefined = member ? { email: member.email, name: member.name, fields: JSON.parse(member.fields) as Record<string, string> } : undefined;
    setName.run(defaultCampaignName(template, firstMember, row.created_at, locale), row.id);
  }
  return unnamed.length;
}
