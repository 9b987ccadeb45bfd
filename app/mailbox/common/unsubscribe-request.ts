/**
 * Unsubscribe requests in replies: the words members write (Korean and English), and the token the
 * List-Unsubscribe mailto subject carries so the watcher can match a request to its member.
 */

/** Phrases that ask to be taken off the list (matched case-insensitively, spaces flexible). */
export const UNSUBSCRIBE_PHRASES: readonly string[] = [
  '수신거부',
  '수신 거부',
  '수신 차단',
  '구독 취소',
  '구독취소',
  '구독 해지',
  '메일 그만',
  '발송 중단',
  '보내지 마',
  '명단에서 빼',
  '명단에서 삭제',
  'unsubscribe',
  'remove me',
  'take me off',
  'opt out',
  'opt-out',
  'stop sending',
  'stop emailing',
  'do not email',
  "don't email",
];

const PHRASE_PATTERNS = UNSUBSCRIBE_PHRASES.map((phrase) => new RegExp(phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s*'), 'i'));

/** Quoted lines of the original (`> …`) and everything after an "-----Original Message-----" marker are not the member's words. */
function ownWords(body: string): string {
  const cut = body.search(/^-{2,}\s*(?:original message|원본 메일|원본 메시지)\s*-{2,}|^On .+ wrote:$|^20\d\d.+작성:$/im);
  const head = cut >= 0 ? body.slice(0, cut) : body;
  return head
    .split(/\r?\n/)
    .filter((line) => !line.trimStart().startsWith('>'))
    .join('\n');
}

/** Whether a reply's subject or own words (not the quoted original) ask to unsubscribe. */
export function asksToUnsubscribe(subject: string, body: string): boolean {
  const text = `${subject}\n${ownWords(body)}`;
  return PHRASE_PATTERNS.some((pattern) => pattern.test(text));
}

/** The member token in a List-Unsubscribe mailto subject: `mr1.<campaignId>.<memberIndex>`. */
export function unsubscribeToken(campaignId: string, memberIndex: number): string {
  return `mr1.${campaignId}.${memberIndex}`;
}

/** Reads a member token back from a subject, or null. Campaign ids are [A-Za-z0-9_-]. */
export function parseUnsubscribeToken(subject: string): { campaignId: string; memberIndex: number } | null {
  const match = /\bmr1\.([A-Za-z0-9_-]+)\.(\d{1,9})\b/.exec(subject);
  return match ? { campaignId: match[1]!, memberIndex: Number(match[2]) } : null;
}
