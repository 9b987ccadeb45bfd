import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryState } from '../common/delivery-state';
import { journalFileFor, openCampaignJournal, replay } from './campaign-journal';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mailroom-journal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sent = (n: number): DeliveryState => ({ status: 'sent', response: '250 OK', messageId: `<${n}@x>`, at: n, attempt: 1 });
const sending = (n: number): DeliveryState => ({ status: 'sending', attempt: 1, messageId: `<${n}@x>`, at: n });

describe('campaign journal', () => {
  it('appends one JSON line per change and replays the last state of each member', async () => {
    const file = journalFileFor(dir, 'c1');
    const { journal, recovered } = await openCampaignJournal(file, 3, 0);
    expect(recovered.states).toEqual([{ status: 'queued' }, { status: 'queued' }, { status: 'queued' }]);
    await journal.append([{ i: 0, s: sending(1) }]);
    await journal.append([{ i: 0, s: sent(2) }, { i: 2, s: { status: 'cancelled' } }]);
    await journal.close();
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(3);
    expect(replay(file, 3, 9).states).toEqual([sent(2), { status: 'queued' }, { status: 'cancelled' }]);
  });

  it('discards a half-written last line and turns `sending` into `unknown`', () => {
    const file = journalFileFor(dir, 'c2');
    writeFileSync(file, `${JSON.stringify({ i: 0, s: sent(1) })}\n${JSON.stringify({ i: 1, s: sending(2) })}\n{"i":2,"s":{"sta`);
    const r = replay(file, 3, 99);
    expect(r.states).toEqual([sent(1), { status: 'unknown', reason: 'interrupted', messageId: '<2@x>', at: 99 }, { status: 'queued' }]);
    expect(r.interrupted).toEqual([1]);
    expect(r.discardedBytes).toBe('{"i":2,"s":{"sta'.length);
  });

  it('on reopening, cuts the torn tail and journals the recovery, so the file alone tells the truth', async () => {
    const file = journalFileFor(dir, 'c3');
    writeFileSync(file, `${JSON.stringify({ i: 1, s: sending(2) })}\n{"i":0,`);
    const { journal } = await openCampaignJournal(file, 2, 50);
    await journal.append([{ i: 0, s: sent(3) }]);
    await journal.close();
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown);
    expect(lines).toEqual([
      { i: 1, s: sending(2) },
      { i: 1, s: { status: 'unknown', reason: 'interrupted', messageId: '<2@x>', at: 50 } },
      { i: 0, s: sent(3) },
    ]);
    // Replaying again later does not change the recovered time.
    expect(replay(file, 2, 1000).states[1]).toMatchObject({ status: 'unknown', at: 50 });
  });

  it('ignores damaged lines and members beyond the campaign', () => {
    const file = journalFileFor(dir, 'c4');
    writeFileSync(file, `not json\n${JSON.stringify({ i: 5, s: sent(1) })}\n${JSON.stringify({ i: 0, s: sent(2) })}\n`);
    expect(replay(file, 1, 0).states).toEqual([sent(2)]);
  });

  it('groups the fdatasync of concurrent appends', async () => {
    const file = journalFileFor(dir, 'c5');
    const { journal } = await openCampaignJournal(file, 200, 0);
    await Promise.all(Array.from({ length: 200 }, (_, i) => journal.append([{ i, s: sent(i) }])));
    expect(journal.syncCount).toBeLessThan(200);
    await journal.close();
    expect(replay(file, 200, 0).states.every((s) => s.status === 'sent')).toBe(true);
    await expect(journal.append([{ i: 0, s: sent(0) }])).rejects.toThrow(/closed/);
  });

  it('refuses a campaign id that is not a plain name', () => {
    expect(() => journalFileFor(dir, '../x')).toThrow();
    appendFileSync(journalFileFor(dir, 'ok-1'), '');
  });
});
