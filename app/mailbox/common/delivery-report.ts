/**
 * Delivery status notifications (DSNs) as Mailroom reads them: one report per failed or delayed
 * recipient, whatever shape the provider sent (RFC 3464 multipart/report, or the plain-text notices
 * of Gmail, Microsoft, Postfix, qmail, Exim, sendmail, Naver and Daum), and their classification.
 */

/** The DSN `Action` field (RFC 3464 §2.3.3), lower-cased. */
export type DsnAction = 'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded';

/** What a failure means for the member: address gone, try later, or refused by policy/spam filter. */
export type BounceClass = 'hard' | 'soft' | 'policy';

/** Which shape the report was read from (for the diagnosis and the closing note). */
export type DsnShape = 'rfc3464' | 'gmail' | 'microsoft' | 'postfix' | 'qmail' | 'exim' | 'sendmail' | 'naver' | 'daum' | 'plain';

/** One recipient's report inside a DSN. */
export interface DeliveryReport {
  /** The address that failed (Final-Recipient, or the address the text names), lower-cased. */
  readonly recipient: string;
  /** Original-Recipient when the server gave one (e.g. before an alias expanded), lower-cased. */
  readonly originalRecipient: string | null;
  /** RFC 3464 action; plain-text notices map to `failed` or `delayed`. */
  readonly action: DsnAction;
  /** Enhanced status code `c.s.d` (RFC 3463), when the report carries one. */
  readonly status: string | null;
  /** The remote server's own words (Diagnostic-Code or the quoted reply), single-spaced. */
  readonly diagnostic: string | null;
  /** Hard, soft or policy when this report is a bounce; `null` when it is not (delayed, delivered …). */
  readonly bounce: BounceClass | null;
  /** Message-ID of the returned message, angle brackets kept, when the DSN quotes it. */
  readonly originalMessageId: string | null;
  /** When the report was written (the DSN's Date), ISO 8601. */
  readonly reportedAt: string;
  /** The shape it was read from. */
  readonly shape: DsnShape;
}

const ADDRESS_GONE = /\b(user unknown|unknown user|no such user|does ?n[o']t exist|not exist|recipient ?not ?found|address rejected|mailbox unavailable|invalid recipient|account (?:has been )?disabled|no mailbox)|존재하지 않|없는 (?:사용자|주소|계정)/i;
const MAILBOX_FULL = /\b(mailbox (?:is )?full|over ?quota|quota exceeded|exceeded storage|insufficient (?:disk )?space|not enough disk space)|용량(?:이)? ?(?:초과|가득)/i;
const POLICY = /\b(spam|blocked|block ?list|blacklist|policy|reputation|dmarc|spf|dkim|not rfc ?5322 compliant|rejected for policy)|스팸|차단/i;

/** The class digit of an enhanced status code (`5.1.1` → 5), or null. */
export function statusClass(status: string | null): 2 | 4 | 5 | null {
  const digit = status?.trim().charAt(0);
  return digit === '2' || digit === '4' || digit === '5' ? (Number(digit) as 2 | 4 | 5) : null;
}

/**
 * Classify one report: nothing unless the action is `failed`; policy when the status is 5.7.x/4.7.x
 * or the diagnostic speaks of spam/blocking; soft for 4.x.x and for a full mailbox (x.2.2, even 5.2.2);
 * hard for the rest of 5.x.x (address gone, domain gone …). A failure without any code counts as hard
 * only when its words say the address is gone; otherwise soft (never a guess towards suppression).
 */
export function classifyBounce(action: DsnAction, status: string | null, diagnostic: string | null): BounceClass | null {
  if (action !== 'failed') return null;
  const text = diagnostic ?? '';
  const cls = statusClass(status);
  const subject = status?.split('.')[1];
  if (subject === '7' || POLICY.test(text)) return 'policy';
  if (status?.endsWith('.2.2') || MAILBOX_FULL.test(text)) return 'soft';
  if (cls === 4) return 'soft';
  if (cls === 5) return 'hard';
  return ADDRESS_GONE.test(text) ? 'hard' : 'soft';
}

/** Whether the diagnostic says the address no longer exists (the row offers suppression). */
export function saysAddressGone(status: string | null, diagnostic: string | null): boolean {
  return /^5\.1\.(1|10|6)$/.test(status ?? '') || /^5\.2\.1$/.test(status ?? '') || ADDRESS_GONE.test(diagnostic ?? '');
}
