/** The first-run setup's pure rules: which preset an address picks, and the account form it starts with. */
import { PRESETS, type PresetId } from './presets';

/** Mail domains whose provider is known from the address alone. */
const DOMAIN_PRESETS: Readonly<Record<string, PresetId>> = {
  'gmail.com': 'gmail',
  'googlemail.com': 'gmail',
  'naver.com': 'naver',
  'daum.net': 'daum',
  'hanmail.net': 'daum',
};

/** The domain of `address` in lower case, or null when it is not shaped like an address. */
export function addressDomain(address: string): string | null {
  const match = /^[^\s@]+@([^\s@]+\.[^\s@]+)$/.exec(address.trim());
  return match ? match[1]!.toLowerCase().replace(/\.$/, '') : null;
}

/** The preset an address picks by its domain, or null when the domain says nothing about the provider. */
export function presetForAddress(address: string): PresetId | null {
  const domain = addressDomain(address);
  return domain === null ? null : (DOMAIN_PRESETS[domain] ?? null);
}

/** What goes in the username field for `presetId` when the user's address is `address`. */
export function usernameForAddress(presetId: PresetId, address: string): string {
  const trimmed = address.trim();
  switch (PRESETS[presetId].username) {
    case 'apikey':
      return 'apikey';
    case 'naver-id':
      return trimmed.includes('@') ? trimmed.slice(0, trimmed.lastIndexOf('@')) : trimmed;
    default:
      return trimmed;
  }
}
