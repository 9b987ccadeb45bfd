import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchReport, normalizeMessageId, MATCH_WINDOW_MS, type SentRow } from './match-report';

const SEED = Number(process.env.MAILROOM_SEED ?? Date.now() % 2 ** 31);
console.log(`match-report property tests: seed ${SEED} (MAILROOM_SEED=${SEED} repeats them)`);

const row = (over: Partial<SentRow>): SentRow => ({ campaignId: 'c1', memberIndex: 0, email: 'a@example.com', messageId: '<m0@example.kr>', sentAt: '2026-11-30T00:00:00Z', ...over });

describe('matchReport', () => {
  it('prefers the Message-ID even when the recipient differs (an alias expanded at the far end)', () => {
    const rows = [row({ memberIndex: 0, email: 'a@example.com', messageId: '<m0@EXAMPLE.kr>' }), row({ memberIndex: 1, email: 'r@host.example', messageId: '<m1@example.kr>' })];
    expect(matchReport({ recipient: 'r@host.example', messageIds: ['m0@example.kr'], reportedAt: '2026-11-30T00:05:00Z' }, rows)).toEqual({ row: rows[0], by: 'message-id' });
  });

  it('falls back to recipient and time only when exactly one row fits', () => {
    const rows = [row({ memberIndex: 0, messageId: null }), row({ campaignId: 'c2', memberIndex: 3, messageId: null, sentAt: '2026-11-29T23:00:00Z' })];
    expect(matchReport({ recipient: 'A@example.com', messageIds: [], reportedAt: '2026-11-30T00:05:00Z' }, rows)).toEqual({ row: null, reason: 'ambiguous' });
    expect(matchReport({ recipient: 'a@example.com', messageIds: [], reportedAt: '2026-11-30T00:05:00Z' }, rows.slice(0, 1))).toEqual({ row: rows[0], by: 'recipient-time' });
  });

  it('a report older than the send (beyond clock skew) or beyond the window matches nothing', () => {
    const rows = [row({ messageId: null })];
    expect(matchReport({ recipient: 'a@example.com', messageIds: [], reportedAt: '2026-11-29T23:00:00Z' }, rows).row).toBeNull();
    expect(matchReport({ recipient: 'a@example.com', messageIds: [], reportedAt: new Date(Date.parse('2026-11-30T00:00:00Z') + MATCH_WINDOW_MS + 1).toISOString() }, rows).row).toBeNull();
  });

  it('never matches a row whose address and Message-ID both differ from the report (property)', () => {
    const address = fc.emailAddress().map((a) => a.toLowerCase());
    fc.assert(
      fc.property(
        fc.uniqueArray(address, { minLength: 2, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: -20, max: 80 * 60 }),
        (emails, hasId, pick, minutes) => {
          const rows = emails.map((email, memberIndex) => row({ memberIndex, email, messageId: hasId[memberIndex] ? `<m${memberIndex}@example.kr>` : null }));
          const target = rows[pick % rows.length]!;
          const reportedAt = new Date(Date.parse(target.sentAt) + minutes * 60_000).toISOString();
          const stranger = matchReport({ recipient: 'stranger@nowhere.example', messageIds: ['<other@nowhere.example>'], reportedAt }, rows);
          expect(stranger.row).toBeNull();
          const byId = matchReport({ recipient: 'stranger@nowhere.example', messageIds: target.messageId ? [target.messageId] : [], reportedAt }, rows);
          if (target.messageId) expect(byId).toEqual({ row: target, by: 'message-id' });
          const byAddress = matchReport({ recipient: target.email.toUpperCase(), messageIds: [], reportedAt }, rows);
          const inWindow = minutes >= -10 && minutes * 60_000 <= MATCH_WINDOW_MS;
          expect(byAddress.row).toBe(inWindow ? target : null);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('normalizeMessageId drops brackets and lower-cases only the domain', () => {
    expect(normalizeMessageId(' <AbC@Example.KR> ')).toBe('AbC@example.kr');
  });
});
