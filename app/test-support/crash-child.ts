/**
 * The child process of the crash suite (campaign-engine.crash.test.ts): opens a campaign's journal as
 * the app does at start-up (replaying it: rows left `sending` become `unknown`), runs the campaign
 * against the parent's SMTP server, and reports on stdout. The parent kills it with SIGKILL at random
 * points and starts it again until a run ends by itself.
 *
 * Usage: node --import tsx app/test-support/crash-child.ts <journal file> <smtp port> <members>
 */
import { runCampaign } from '../campaigns/node/campaign-engine';
import { openCampaignJournal } from '../campaigns/node/campaign-journal';
import { systemClock } from '../storage/node/ports';
import { createMemoryLedger } from './memory-ledger';
import { CRASH_ENGINE_OPTIONS, CRASH_PASSWORD, crashAccount, crashSnapshot, type CrashChildReport } from './crash-campaign';

function report(line: CrashChildReport): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function main(args: readonly string[]): Promise<void> {
  const [file, portText, membersText] = args;
  const port = Number(portText);
  const members = Number(membersText);
  if (!file || !Number.isInteger(port) || !Number.isInteger(members) || members <= 0) {
    throw new Error('Usage: crash-child.ts <journal file> <smtp port> <members>');
  }
  const snapshot = crashSnapshot(members);
  const { journal, recovered } = await openCampaignJournal(file, members, systemClock.now());
  report({ event: 'ready', interrupted: recovered.interrupted });
  try {
    const outcome = await runCampaign({
      snapshot,
      record: crashAccount(port),
      credentials: CRASH_PASSWORD,
      journal,
      states: recovered.states,
      ledger: createMemoryLedger(systemClock),
      clock: systemClock,
      dailyLimit: null,
      options: CRASH_ENGINE_OPTIONS,
    });
    report({ event: 'done', status: outcome.status, summary: outcome.summary });
  } finally {
    await journal.close();
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
