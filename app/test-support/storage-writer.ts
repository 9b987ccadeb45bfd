/**
 * A second process on the same database, for the two-process test: `write <dir> <tag> <n> <campaignId>`
 * saves n templates, n suppression entries and n recipient states (every other index, by parity of the
 * tag) through the real stores; `hold <dir>` takes the write lock, says `holding`, and keeps it until
 * its stdin closes.
 */
import { join } from 'node:path';
import { createCampaignStore } from '../campaigns/node/campaign-store';
import { createSuppressionStore } from '../lists/node/suppression-store';
import { DATABASE_FILE_NAME, openDatabase } from '../storage/node/database';
import { systemClock } from '../storage/node/ports';
import { createTemplateStore } from '../templates/node/template-store';

const [mode, dir, tag = 'a', count = '0', campaignId = ''] = process.argv.slice(2);
const database = openDatabase(join(dir!, DATABASE_FILE_NAME));

if (mode === 'hold') {
  database.db.prepare('BEGIN IMMEDIATE').run();
  process.stdout.write('holding\n');
  process.stdin.resume();
  process.stdin.on('end', () => {
    database.db.prepare('COMMIT').run();
    database.close();
  });
} else {
  const templates = createTemplateStore(database, systemClock);
  const suppression = createSuppressionStore(database, systemClock);
  const campaigns = createCampaignStore(database, systemClock);
  const parity = tag === 'a' ? 0 : 1;
  for (let i = 0; i < Number(count); i += 1) {
    templates.save({ name: `${tag}-${i}`, usageType: 'Notice', contentType: 'text/plain', subject: `${tag} ${i}`, content: 'x' } as Parameters<typeof templates.save>[0]);
    suppression.add([`${tag}${i}@example.com`], `by ${tag}`);
    campaigns.saveStates(campaignId, [{ index: i * 2 + parity, state: { status: 'sent', messageId: `<${tag}${i}@x>`, response: '250 ok', at: Date.now(), attempt: 1 } }]);
  }
  database.close();
  process.stdout.write('done\n');
}
