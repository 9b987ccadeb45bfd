/**
 * Auto-replies (out-of-office, vacation, autoresponders) are recognised and never counted as bounces
 * or unsubscribe requests. Signals: RFC 3834 `Auto-Submitted` other than `no`, `X-Autoreply`,
 * `X-Autorespond`, `Precedence: auto_reply`, Microsoft's `X-Auto-Response-Suppress`-carrying replies
 * with an out-of-office subject, and out-of-office subjects in Korean and English.
 */

/** Header lookup: lower-case name → value (first occurrence), as mailparser gives them flattened. */
export type HeaderLookup = (name: string) => string | undefined;

/** Subjects out-of-office replies carry (ko/en). */
export const OUT_OF_OFFICE_SUBJECTS: readonly RegExp[] = [
  /\bout of (?:the )?office\b/i,
  /\bautomatic reply\b/i,
  /\bauto(?:matic)?[- ]?(?:reply|response)\b/i,
  /\bvacation\b/i,
  /\baway (?:until|from)\b/i,
  /자동\s*(?:응답|회신|답장)/,
  /부재\s*중/,
  /휴가\s*중/,
];

/** Whether the message is an automatic reply by its headers or subject (RFC 3834 and common practice). */
export function isAutoReply(header: HeaderLookup, subject: string): boolean {
  const autoSubmitted = header('auto-submitted')?.trim().toLowerCase();
  if (autoSubmitted !== undefined && autoSubmitted !== '' && !autoSubmitted.startsWith('no')) return true;
  if (header('x-autoreply') !== undefined || header('x-autorespond') !== undefined) return true;
  if (/^\s*auto_reply\s*$/i.test(header('precedence') ?? '')) return true;
  return OUT_OF_OFFICE_SUBJECTS.some((pattern) => pattern.test(subject));
}
