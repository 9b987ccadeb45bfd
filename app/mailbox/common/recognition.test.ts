import { describe, expect, it } from 'vitest';
import { isAutoReply } from './auto-reply';
import { classifyBounce, saysAddressGone } from './delivery-report';
import { asksToUnsubscribe } from './unsubscribe-request';

const headers = (map: Record<string, string>) => (name: string) => map[name];

describe('isAutoReply', () => {
  it.each([
    [{ 'auto-submitted': 'auto-replied' }, 'Re: notice'],
    [{ 'auto-submitted': 'auto-generated' }, 'anything'],
    [{ 'x-autoreply': 'yes' }, 'Re: notice'],
    [{ precedence: 'auto_reply' }, 'Re: notice'],
    [{}, 'Automatic reply: notice'],
    [{}, 'Out of Office: notice'],
    [{}, '[자동응답] 부재중입니다'],
    [{}, '자동 회신: 공지'],
  ])('%j %s is an auto-reply', (map, subject) => expect(isAutoReply(headers(map), subject)).toBe(true));
  it('Auto-Submitted: no and an ordinary subject are not', () => expect(isAutoReply(headers({ 'auto-submitted': 'no' }), 'Re: 12월 모임')).toBe(false));
});

describe('asksToUnsubscribe', () => {
  it.each(['수신거부', '수신 거부합니다', '구독 취소해 주세요', 'Please UNSUBSCRIBE me', 'remove me from this list', 'take me off the list'])('%s asks', (text) => expect(asksToUnsubscribe('Re: notice', text)).toBe(true));
  it('words only in the quoted original do not ask', () => expect(asksToUnsubscribe('Re: notice', 'Thanks, see you!\n> unsubscribe: reply 수신거부')).toBe(false));
  it('words after an Original Message marker do not ask', () => expect(asksToUnsubscribe('Re: notice', 'Thanks!\n-----Original Message-----\nunsubscribe here')).toBe(false));
});

describe('classifyBounce', () => {
  it.each([
    ['failed', '5.1.1', 'User unknown', 'hard'],
    ['failed', '5.2.2', 'Mailbox full', 'soft'],
    ['failed', '4.4.1', 'No answer from host', 'soft'],
    ['failed', '5.7.1', 'Message rejected', 'policy'],
    ['failed', '5.0.0', 'Your mail is blocked by anti-spam system', 'policy'],
    ['failed', null, '받는 사람의 주소가 존재하지 않습니다', 'hard'],
    ['failed', null, 'something odd', 'soft'],
    ['delayed', '4.4.7', 'Delayed', null],
    ['delivered', '2.0.0', null, null],
  ] as const)('%s %s %s → %s', (action, status, diagnostic, expected) => expect(classifyBounce(action, status, diagnostic)).toBe(expected));
  it('saysAddressGone for 5.1.1 and for "no such user" words, not for a full mailbox', () => {
    expect(saysAddressGone('5.1.1', null)).toBe(true);
    expect(saysAddressGone(null, 'No such user')).toBe(true);
    expect(saysAddressGone('5.2.2', 'Mailbox full')).toBe(false);
  });
});
