/**
 * The pre-flight check: everything that decides what pressing Send does, computed before anything is
 * sent — who is skipped and why, whose placeholders cannot be filled, the size against the provider's
 * limit, and whether today's quota covers the send and when it would finish. Pure: the handler passes
 * in the stores' facts.
 */
import type { FromPolicy } from '../../accounts/common/presets';
import type { FromIssue, PreflightReport } from '../../ipc/common/contract';
import { addressKey, type Member, type RejectedRow } from '../../lists/common/member-list';
import { emptyPlaceholders, memberDataRoot, missingPlaceholders, placeholdersOf, unsupportedSyntaxOf } from '../../templates/common/placeholders';
import { previewUnsubscribeTarget } from '../../mailbox/common/list-headers';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The facts the check needs. */
export interface PreflightInput {
  /** The list's members. */
  readonly members: readonly Member[];
  /** Rows the import rejected (shown as skipped). */
  readonly rejectedAtImport: readonly RejectedRow[];
  /** Suppressed addresses now (as `addressKey` gives them). */
  readonly suppressed: ReadonlySet<string>;
  /** Members the user left out (address keys). */
  readonly excluded: ReadonlySet<string>;
  /** The template's subject and body. */
  readonly template: { readonly subject: string; readonly content: string };
  /** Raw sizes of the attachments, in bytes. */
  readonly attachmentBytes: readonly number[];
  /** The provider's largest encoded message, or null. */
  readonly maxMessageBytes: number | null;
  /** Whether Gmail would rewrite From. */
  readonly fromRewritten: boolean;
  /** The sending account's From address, login and preset facts, for the From alignment check; absent skips it. */
  readonly sender?: SenderFacts;
  /** The daily limit in force, or null. */
  readonly dailyLimit: number | null;
  /** Sent by the account in the last 24 hours. */
  readonly sentLast24h: number;
  /** When the oldest send of the window ages out, if any. */
  readonly nextFreeAt: number | undefined;
  /** Pace in messages per minute. */
  readonly perMinute: number;
  /** Now, in ms. */
  readonly now: number;
}

/** Bytes a body of `raw` bytes takes in base64 with 76-character lines (RFC 2045 §6.8). */
export function base64Size(raw: number): number {
  const chars = Math.ceil(raw / 3) * 4;
  return chars + Math.ceil(chars / 76) * 2;
}

/** Headroom for headers and the text parts, added to the attachments' encoded size. */
const MESSAGE_OVERHEAD_BYTES = 64 * 1024;

/** When a send of `count` messages would finish, under the pace and a rolling daily limit (an estimate). */
export function estimateFinish(count: number, q: Pick<PreflightInput, 'dailyLimit' | 'sentLast24h' | 'nextFreeAt' | 'perMinute' | 'now'>): number {
  const pace = (n: number) => (n / q.perMinute) * MINUTE;
  if (q.dailyLimit === null) return q.now + pace(count);
  const left = Math.max(0, q.dailyLimit - q.sentLast24h);
  if (count <= left) return q.now + pace(count);
  const rest = count - left;
  // Model: after today's share, a full day's limit frees up each 24 hours from when the window first frees.
  const firstFree = q.nextFreeAt ?? q.now + DAY;
  const days = Math.ceil(rest / q.dailyLimit);
  const lastBatch = rest - (days - 1) * q.dailyLimit;
  return Math.max(firstFree, q.now + pace(left)) + (days - 1) * DAY + pace(lastBatch);
}

/** What the From alignment check needs about the account. */
export interface SenderFacts {
  /** The preset id. */
  readonly presetId: string;
  /** The preset's From policy. */
  readonly fromPolicy: FromPolicy;
  /** The login (user name). */
  readonly username: string;
  /** The From address. */
  readonly fromAddress: string;
}

/** Free-mail domains: they publish DMARC policies, so only their own servers can sign mail From them. */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'naver.com', 'daum.net', 'hanmail.net', 'kakao.com', 'nate.com',
  'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'yahoo.co.kr', 'icloud.com', 'me.com', 'aol.com',
]);

/** The free-mail domains a preset's own servers sign for. */
const OWN_DOMAINS: Readonly<Record<string, readonly string[]>> = {
  gmail: ['gmail.com', 'googlemail.com'],
  naver: ['naver.com'],
  daum: ['daum.net', 'hanmail.net'],
};

/**
 * Presets whose server refuses a From that is not the login, so a mismatch blocks: Aliyun DirectMail
 * (shared/reference/providers.md §6: the user name "must equal the sender address exactly"). For the
 * other must-match presets the reference does not say whether the server refuses or rewrites, so a
 * mismatch is a warning.
 */
const REFUSES_OTHER_FROM: ReadonlySet<string> = new Set(['aliyun']);

/** The login as an address: Naver and Daum take a bare ID, which is the address at their own domain. */
function loginAddresses(presetId: string, username: string): string[] {
  const login = username.trim().toLowerCase();
  if (login.includes('@')) return [login];
  return (OWN_DOMAINS[presetId] ?? []).map((domain) => `${login}@${domain}`);
}

/** The From alignment findings for an account: From differs from the login on a must-match preset, or a relay sends as a free-mail domain. */
export function fromAlignment(sender: SenderFacts): FromIssue[] {
  const from = sender.fromAddress.trim().toLowerCase();
  const domain = from.slice(from.lastIndexOf('@') + 1);
  const issues: FromIssue[] = [];
  if (sender.fromPolicy === 'must-match' && sender.username.trim() !== '' && !loginAddresses(sender.presetId, sender.username).includes(from)) {
    issues.push({ kind: 'login-mismatch', severity: REFUSES_OTHER_FROM.has(sender.presetId) ? 'block' : 'warn', fromAddress: sender.fromAddress, login: sender.username, domain });
  }
  if (FREE_MAIL_DOMAINS.has(domain) && !(OWN_DOMAINS[sender.presetId] ?? []).includes(domain) && sender.fromPolicy !== 'must-match') {
    issues.push({ kind: 'free-mail-domain', severity: 'warn', fromAddress: sender.fromAddress, login: sender.username, domain });
  }
  return issues;
}

/** Days (counting today) a send of `count` takes under the daily limit; 1 when it fits today or there is no limit. */
export function daysNeeded(count: number, dailyLimit: number | null, sentLast24h: number): number {
  if (dailyLimit === null || dailyLimit <= 0) return 1;
  const left = Math.max(0, dailyLimit - sentLast24h);
  if (count <= left) return 1;
  return 1 + Math.ceil((count - left) / dailyLimit);
}

/** From this many days on, pre-flight names the way out (a sending service, or a list server). */
export const OUTGROWN_DAYS = 3;

/** What the per-member pass of the check found: it depends only on the members, the suppressed and excluded addresses and the template's placeholders. */
export interface MemberClasses {
  /** Members suppressed after the import. */
  readonly suppressed: readonly RejectedRow[];
  /** Members the user excluded. */
  readonly excluded: PreflightReport['excluded'];
  /** Members a placeholder cannot be filled for. */
  readonly unfillable: PreflightReport['unfillable'];
  /** Members with an empty value for a placeholder. */
  readonly emptyValues: PreflightReport['emptyValues'];
  /** How many will be sent. */
  readonly willSend: number;
}

/** The template's placeholders, as the per-member pass uses them (and as a cache of that pass is keyed). */
export function preflightPaths(template: PreflightInput['template']): readonly string[] {
  return placeholdersOf(template.subject, template.content);
}

/** What `{{unsubscribe}}` holds in the check: any member has one, whatever the sender (the real one is made as each message is built). */
const unsubscribeValue = previewUnsubscribeTarget('sender.invalid');

/** The per-member pass of the check. */
export function classifyMembers(input: Pick<PreflightInput, 'members' | 'suppressed' | 'excluded'>, paths: readonly string[]): MemberClasses {
  const skipped: RejectedRow[] = [];
  const excluded: { line: number; email: string }[] = [];
  const unfillable: PreflightReport['unfillable'] = [];
  const emptyValues: PreflightReport['emptyValues'] = [];
  let willSend = 0;
  for (const member of input.members) {
    const key = addressKey(member.email);
    if (input.suppressed.has(key)) {
      skipped.push({ line: member.line, email: member.email, reason: 'suppressed', detail: 'Added to the suppression list after the import.' });
      continue;
    }
    if (input.excluded.has(key)) {
      excluded.push({ line: member.line, email: member.email });
      continue;
    }
    // `{{unsubscribe}}` is filled for every member of every campaign (its target is made as the message is built).
    const root = memberDataRoot({ ...member, unsubscribe: unsubscribeValue });
    const missing = missingPlaceholders(paths, root);
    if (missing.length > 0) {
      unfillable.push({ line: member.line, email: member.email, missing });
      continue;
    }
    const empty = emptyPlaceholders(paths, root);
    if (empty.length > 0) emptyValues.push({ line: member.line, email: member.email, empty });
    willSend += 1;
  }
  return { suppressed: skipped, excluded, unfillable, emptyValues, willSend };
}

/** Runs the check; `classes` is the per-member pass when the caller kept it from an earlier check with the same members, addresses and placeholders. */
export function buildPreflight(input: PreflightInput, classes: MemberClasses = classifyMembers(input, preflightPaths(input.template))): PreflightReport {
  const unsupported = unsupportedSyntaxOf(input.template.subject, input.template.content);
  const { excluded, unfillable, emptyValues, willSend } = classes;
  const skipped: RejectedRow[] = [...input.rejectedAtImport, ...classes.suppressed];
  const encodedBytes = input.attachmentBytes.reduce((sum, raw) => sum + base64Size(raw), 0) + (input.attachmentBytes.length > 0 ? MESSAGE_OVERHEAD_BYTES : 0);
  const tooLarge = input.maxMessageBytes !== null && encodedBytes > input.maxMessageBytes;
  const fitsToday = input.dailyLimit === null || willSend <= Math.max(0, input.dailyLimit - input.sentLast24h);
  const fromIssues = input.sender === undefined ? [] : fromAlignment(input.sender);
  const days = daysNeeded(willSend, input.dailyLimit, input.sentLast24h);
  return {
    willSend,
    skipped: skipped.sort((a, b) => a.line - b.line),
    excluded,
    unfillable,
    emptyValues,
    unsupported,
    size: { encodedBytes, limitBytes: input.maxMessageBytes, tooLarge },
    fromRewritten: input.fromRewritten,
    quota: {
      dailyLimit: input.dailyLimit,
      sentLast24h: input.sentLast24h,
      fitsToday,
      perMinute: input.perMinute,
      estimatedFinish: new Date(estimateFinish(willSend, input)).toISOString(),
      daysNeeded: days,
      outgrown: days >= OUTGROWN_DAYS,
    },
    fromIssues,
    blocked: unfillable.length > 0 || unsupported.length > 0 || tooLarge || willSend === 0 || fromIssues.some((issue) => issue.severity === 'block'),
  };
}
