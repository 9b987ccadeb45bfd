/**
 * The list headers a campaign message carries (issue 13 "List headers"): Notice and Generic campaigns
 * get `List-Id` and `List-Unsubscribe` (mailto on the sender's own mailbox, the subject carrying the
 * member token the watcher matches), plus an https URL and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`
 * (RFC 8058) only when the admin configured an HTTPS endpoint of their own. Register, SignIn and
 * ForgotPassword get neither, but `Auto-Submitted: auto-generated` (RFC 3834). The message builder
 * accepts these as extra headers; it is not edited here.
 *
 * `{{unsubscribe}}` placeholder: `unsubscribeTarget` is its value — the https URL when configured, else
 * the `mailto:` URI with the same subject as the header — so the visible footer line and the header
 * always name the same path (the renderer makes it a link in HTML).
 */
import { unsubscribeToken } from './unsubscribe-request';

/** Template kinds as the starters name them (the templates room owns the full list). */
export type ListHeaderKind = 'notice' | 'generic' | 'register' | 'sign-in' | 'forgot-password';

/** What the headers are made from. */
export interface ListHeaderInput {
  /** Kind of the campaign's template. */
  readonly kind: ListHeaderKind;
  /** Campaign id (goes into the member token). */
  readonly campaignId: string;
  /** Member index (goes into the member token). */
  readonly memberIndex: number;
  /** The sending mailbox (From / login), which receives the unsubscribe mails. */
  readonly senderAddress: string;
  /** A name for the list (the account label or the list name), used in List-Id's phrase. */
  readonly listName: string;
  /** The admin's own HTTPS endpoint, or null. `{token}` in it is replaced by the member token. */
  readonly httpsEndpoint: string | null;
}

/** Header name → value, in the order they should be written. */
export type ExtraHeaders = ReadonlyArray<readonly [name: string, value: string]>;

/** A List-Id label from the list name and sender domain: `<slug.domain>` (RFC 2919 list-label). */
export function listIdValue(listName: string, senderAddress: string): string {
  const domain = (senderAddress.split('@')[1] ?? 'localhost').toLowerCase().replace(/[^a-z0-9.-]/g, '') || 'localhost';
  const slug =
    listName
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'mailroom';
  const phrase = [...listName]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f || '"\\<>'.includes(ch) ? ' ' : ch))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return phrase === '' ? `<${slug}.${domain}>` : `"${phrase}" <${slug}.${domain}>`;
}

/** The mailto URI of List-Unsubscribe: the sender's own mailbox, subject `unsubscribe <token>`. */
export function unsubscribeMailto(senderAddress: string, campaignId: string, memberIndex: number): string {
  return `mailto:${senderAddress}?subject=${encodeURIComponent(`unsubscribe ${unsubscribeToken(campaignId, memberIndex)}`)}`;
}

/** An https URL with a host and no characters that would break the header's `<…>` list. */
const HTTPS_URL = /^https:\/\/[A-Za-z0-9.-]+(?::\d+)?(?:[/?#][^\s<>"',]*)?$/;

/** The admin's https endpoint for one member (`{token}` replaced), or null when none is configured; throws on one that is not https. */
function httpsTarget(httpsEndpoint: string | null, campaignId: string, memberIndex: number): string | null {
  if (httpsEndpoint === null || httpsEndpoint.trim() === '') return null;
  const url = httpsEndpoint.trim().replaceAll('{token}', encodeURIComponent(unsubscribeToken(campaignId, memberIndex)));
  if (!HTTPS_URL.test(url)) throw new Error('The unsubscribe endpoint must be an https:// URL without spaces, quotes or angle brackets.');
  return url;
}

/** Where one member unsubscribes, as `{{unsubscribe}}` renders it: the https URL when configured, else List-Unsubscribe's mailto URI. */
export function unsubscribeTarget(input: Pick<ListHeaderInput, 'campaignId' | 'memberIndex' | 'senderAddress' | 'httpsEndpoint'>): string {
  return httpsTarget(input.httpsEndpoint, input.campaignId, input.memberIndex) ?? unsubscribeMailto(input.senderAddress, input.campaignId, input.memberIndex);
}

/**
 * `{{unsubscribe}}` of a message that belongs to no campaign yet (a preview, a test message to oneself,
 * the pre-flight): the sender's mailbox with the subject `unsubscribe` and no member token.
 */
export function previewUnsubscribeTarget(senderAddress: string): string {
  return `mailto:${senderAddress}?subject=unsubscribe`;
}

/** The headers for one member's message; throws on an endpoint that is not https. */
export function listHeaders(input: ListHeaderInput): ExtraHeaders {
  if (input.kind === 'register' || input.kind === 'sign-in' || input.kind === 'forgot-password') return [['Auto-Submitted', 'auto-generated']];
  const mailto = unsubscribeMailto(input.senderAddress, input.campaignId, input.memberIndex);
  const headers: Array<readonly [string, string]> = [['List-Id', listIdValue(input.listName, input.senderAddress)]];
  const url = httpsTarget(input.httpsEndpoint, input.campaignId, input.memberIndex);
  if (url === null) {
    headers.push(['List-Unsubscribe', `<${mailto}>`]);
    return headers;
  }
  headers.push(['List-Unsubscribe', `<${url}>, <${mailto}>`]);
  headers.push(['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click']);
  return headers;
}
