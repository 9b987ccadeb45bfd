/** A send ledger over its own in-memory database, for tests of other rooms. */
import { createSendLedger, type SendLedger, type SendLedgerOptions } from '../accounts/node/send-ledger';
import { openDatabase } from '../storage/node/database';
import type { Clock } from '../storage/node/ports';

/** Creates a send ledger over a fresh in-memory database. */
export function createMemoryLedger(clock: Clock, options: SendLedgerOptions = {}): SendLedger {
  return createSendLedger(openDatabase(':memory:'), clock, options);
}
