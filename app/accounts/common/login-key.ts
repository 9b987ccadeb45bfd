/**
 * The login a provider counts its daily limit against: one key per provider account, whatever Mailroom
 * account (or port, or send method) reaches it. Two Mailroom accounts with the same key share one send
 * ledger and one "the provider said the limit is reached" state.
 *
 * The key is `<provider>|<normalised login>`:
 * - provider: `google` for Gmail and Workspace over smtp.gmail.com and the Gmail API ("API sends count
 *   against the same Gmail sending limits", providers.md §3); smtp-relay.gmail.com keeps its own host
 *   (its limit is a separate per-user relay limit, §3). Otherwise the SMTP host, lower case, without a
 *   trailing dot. The port and security are not part of the login (465 and 587 reach one account).
 * - login: the OAuth grant's Google address, else the username; trimmed, NFC, lower case. Lower case is
 *   UNCONFIRMED per provider (every listed provider signs in case-insensitively in practice; none of
 *   providers.md's sources says so).
 * - Gmail addresses (`gmail.com`, `googlemail.com`): dots in the local part are ignored and
 *   `googlemail.com` is `gmail.com` (Google's help "Dots don't matter in Gmail addresses"; not re-read in
 *   providers.md, so UNCONFIRMED here). Workspace domains keep their dots (they are distinct addresses).
 * - Naver: `id` and `id@naver.com` are the same login (providers.md, provider table: both are seen as the username).
 *   Daum: `id`, `id@daum.net` and `id@hanmail.net` likewise (UNCONFIRMED that both domains are one account).
 */
import { isGooglePreset, type PresetId } from './presets';

/** What the key is made of: the account record's own fields. */
export interface LoginFacts {
  /** The preset the account was made from. */
  readonly presetId: PresetId;
  /** SMTP host. */
  readonly host: string;
  /** Login name. */
  readonly username: string;
  /** Google OAuth: the address the grant belongs to. */
  readonly auth?: { readonly kind: 'password' } | { readonly kind: 'oauth'; readonly googleAddress: string } | undefined;
}

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);
const SAME_LOGIN_DOMAINS: Readonly<Record<string, readonly string[]>> = {
  'smtp.naver.com': ['naver.com'],
  'smtp.daum.net': ['daum.net', 'hanmail.net'],
};

/** The host part of the key. */
function providerOf(facts: LoginFacts): string {
  const host = facts.host.trim().toLowerCase().replace(/\.$/, '');
  if (facts.auth?.kind === 'oauth') return 'google';
  if (isGooglePreset(facts.presetId) && host !== 'smtp-relay.gmail.com') return 'google';
  if (host === 'smtp.gmail.com') return 'google';
  return host;
}

/** A login name as the provider compares it. */
export function normaliseLogin(provider: string, login: string): string {
  const lower = login.trim().normalize('NFC').toLowerCase();
  const at = lower.lastIndexOf('@');
  const local = at < 0 ? lower : lower.slice(0, at);
  const domain = at < 0 ? '' : lower.slice(at + 1);
  if (provider === 'google' && GMAIL_DOMAINS.has(domain)) return `${local.replace(/\./g, '')}@gmail.com`;
  if ((SAME_LOGIN_DOMAINS[provider] ?? []).includes(domain)) return local;
  return lower;
}

/** The ledger key of an account's login. */
export function loginKeyOf(facts: LoginFacts): string {
  const provider = providerOf(facts);
  const login = facts.auth?.kind === 'oauth' && facts.auth.googleAddress !== '' ? facts.auth.googleAddress : facts.username;
  return `${provider}|${normaliseLogin(provider, login)}`;
}
