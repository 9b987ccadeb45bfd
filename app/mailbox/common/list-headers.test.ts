import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listHeaders, listIdValue, previewUnsubscribeTarget, unsubscribeMailto, unsubscribeTarget } from './list-headers';
import { parseUnsubscribeToken } from './unsubscribe-request';

const SEED = Number(process.env.MAILROOM_SEED ?? Date.now() % 2 ** 31);
console.log(`list-headers property tests: seed ${SEED}`);
const base = { campaignId: 'b7f3c2d0-1a2b-4c5d-8e9f-001122334455', memberIndex: 12, senderAddress: 'club@naver.com', listName: '12월 정기 모임 Notices' } as const;
const header = (headers: ReturnType<typeof listHeaders>, name: string) => headers.find(([n]) => n === name)?.[1];

describe('listHeaders', () => {
  it('Notice without an endpoint: List-Id and a mailto List-Unsubscribe whose subject carries the member token, no One-Click', () => {
    const headers = listHeaders({ ...base, kind: 'notice', httpsEndpoint: null });
    expect(headers.map(([n]) => n)).toEqual(['List-Id', 'List-Unsubscribe']);
    const mailto = /^<mailto:club@naver\.com\?subject=([^>]+)>$/.exec(header(headers, 'List-Unsubscribe')!)!;
    expect(parseUnsubscribeToken(decodeURIComponent(mailto[1]!))).toEqual({ campaignId: base.campaignId, memberIndex: 12 });
    expect(header(headers, 'List-Id')).toBe('"12월 정기 모임 Notices" <12-notices.naver.com>');
  });

  it('Generic with an HTTPS endpoint: https first, mailto second, and List-Unsubscribe-Post One-Click (RFC 8058)', () => {
    const headers = listHeaders({ ...base, kind: 'generic', httpsEndpoint: 'https://club.example.org/unsub?t={token}' });
    expect(header(headers, 'List-Unsubscribe')).toMatch(/^<https:\/\/club\.example\.org\/unsub\?t=mr1\.b7f3c2d0-1a2b-4c5d-8e9f-001122334455\.12>, <mailto:club@naver\.com\?subject=/);
    expect(header(headers, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
  });

  it('an endpoint that is not https is refused', () => {
    expect(() => listHeaders({ ...base, kind: 'notice', httpsEndpoint: 'http://club.example.org/u' })).toThrow(/https/);
    expect(() => listHeaders({ ...base, kind: 'notice', httpsEndpoint: 'https://x.example/a>b' })).toThrow(/https/);
  });

  it.each(['register', 'sign-in', 'forgot-password'] as const)('%s gets only Auto-Submitted: auto-generated', (kind) => {
    expect(listHeaders({ ...base, kind, httpsEndpoint: 'https://club.example.org/u' })).toEqual([['Auto-Submitted', 'auto-generated']]);
  });

  it('header values never contain CR/LF or an unbalanced angle bracket, whatever the list name (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.integer({ min: 0, max: 1e6 }), (listName, memberIndex) => {
        for (const [, value] of listHeaders({ ...base, listName, memberIndex, kind: 'notice', httpsEndpoint: null })) {
          expect(value).not.toMatch(/[\r\n]/);
          expect((value.match(/</g) ?? []).length).toBe((value.match(/>/g) ?? []).length);
        }
        expect(listIdValue(listName, base.senderAddress)).toMatch(/<[a-z0-9-]+\.naver\.com>$/);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('unsubscribeTarget', () => {
  it('names the same address as List-Unsubscribe: its mailto URI, or its https URL when one is configured', () => {
    for (const httpsEndpoint of [null, 'https://club.example.org/unsub?t={token}']) {
      const headers = listHeaders({ ...base, kind: 'notice', httpsEndpoint });
      const first = /^<([^>]+)>/.exec(header(headers, 'List-Unsubscribe')!)![1];
      expect(unsubscribeTarget({ ...base, httpsEndpoint })).toBe(first);
    }
    expect(unsubscribeTarget({ ...base, httpsEndpoint: null })).toBe(unsubscribeMailto(base.senderAddress, base.campaignId, base.memberIndex));
    expect(() => unsubscribeTarget({ ...base, httpsEndpoint: 'http://club.example.org/u' })).toThrow(/https/);
  });

  it('outside a campaign (previews, tests to oneself) is the sender\'s mailbox without a member token', () => {
    expect(previewUnsubscribeTarget('club@naver.com')).toBe('mailto:club@naver.com?subject=unsubscribe');
  });
});
