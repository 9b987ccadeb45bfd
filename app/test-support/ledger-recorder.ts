/**
 * A second process for the two-process ledger test: records `count` sends of account `<id>` on login
 * `<login>` into the data folder's database, one at a time as a campaign does (grouped writes, reads in
 * between), flushes, and prints what its ledger counts at the end.
 * Usage: tsx ledger-recorder.ts <dir> <accountId> <login> <count>
 */
import { join } from 'node:path';
import { createSendLedger } from '../accounts/node/send-ledger';
import { DATABASE_FILE_NAME, openDatabase } from '../storage/node/database';
import { systemClock } from '../storage/node/ports';

const [dir, accountId, login, count] = process.argv.slice(2) as [string, string, string, string];
const database = openDatabase(join(dir, DATABASE_FILE_NAME));
const ledger = createSendLedger(database, systemClock, { loginOf: () => login });
for (let i = 0; i < Number(count); i += 1) {
  ledger.record(accountId);
  ledger.sentInLastDay(accountId);
  if (i % 25 === 0) ledger.flush();
  if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
}
ledger.flush();
process.stdout.write(`done ${ledger.sentInLastDay(accountId)}\n`);
database.close();
