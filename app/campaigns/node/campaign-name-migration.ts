/** Names the campaigns created before campaigns had names (migration 4), the way new ones are named. */
import type Database from 'better-sqlite3';
import type { Member } from '../../lists/common/member-list';
import { withMappedColumns, type MappedColumn } from '../../templates/common/list-placeholders';
import { defaultCampaignName, processLocale } from './campaign-naming';

/** Gives every campaign with an empty name its default name, in `locale` (default: this process's). */
export function nameCampaignsWithoutName(db: Database.Database, locale: string = processLocale()): number {
  const unnamed = db
    .prepare<[], { id: string; template: string; subject: string; created_at: string; mapped_columns: string | null }>("SELECT id, template, subject, created_at, mapped_columns FROM campaigns WHERE name = ''")
    .all();
  const first = db.prepare<[string], { email: string; name: string; fields: string }>('SELECT email, name, fields FROM recipients WHERE campaign_id = ? ORDER BY idx LIMIT 1');
  const setName = db.prepare('UPDATE campaigns SET name = ? WHERE id = ?');
  for (const row of unnamed) {
    const stored = JSON.parse(row.template) as { contentType?: 'text/plain' | 'text/html'; subject?: string; content?: string };
    const template = { contentType: stored.contentType ?? 'text/plain', subject: stored.subject ?? row.subject, content: stored.content ?? '' };
    // The list's mapped columns (`{{이름}}`) were taken out of the fields by migration 4: put back for the name.
    const mapped = row.mapped_columns === null ? [] : (JSON.parse(row.mapped_columns) as MappedColumn[]);
    const member = first.get(row.id);
    const firstMember: Pick<Member, 'email' | 'name' | 'fields'> | undefined = member
      ? withMappedColumns({ email: member.email, name: member.name, fields: JSON.parse(member.fields) as Record<string, string> }, mapped)
      : undefined;
    setName.run(defaultCampaignName(template, firstMember, row.created_at, locale), row.id);
  }
  return unnamed.length;
}
