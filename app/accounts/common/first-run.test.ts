import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressDomain, presetForAddress, usernameForAddress } from './first-run';
import { PRESET_IDS } from './presets';

const local = fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,20}$/);
const caseOf = (text: string, flips: readonly boolean[]) => [...text].map((c, i) => (flips[i % flips.length] ? c.toUpperCase() : c)).join('');

describe('presetForAddress', () => {
  it('picks the provider of a known domain whatever the case and surrounding spaces', () => {
    const known = { 'gmail.com': 'gmail', 'googlemail.com': 'gmail', 'naver.com': 'naver', 'daum.net': 'daum', 'hanmail.net': 'daum' } as const;
    fc.assert(
      fc.property(local, fc.constantFrom(...(Object.keys(known) as (keyof typeof known)[])), fc.array(fc.boolean(), { minLength: 1 }), (user, domain, flips) => {
        expect(presetForAddress(` ${user}@${caseOf(domain, flips)} `)).toBe(known[domain]);
      }),
    );
  });
  it('says nothing for other domains, look-alikes and text that is not an address', () => {
    for (const text of ['', 'gmail.com', '@gmail.com', 'a@gmail', 'a@gmail.com.evil.test', 'a@notgmail.com', 'a b@gmail.com', 'office@club.test', 'a@naver.com@x.test']) {
      expect(presetForAddress(text), text).toBeNull();
    }
  });
});

describe('usernameForAddress', () => {
  it('gives every preset a username built from the address (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PRESET_IDS), local, fc.domain(), (preset, user, domain) => {
        const address = `${user}@${domain}`;
        const username = usernameForAddress(preset, address);
        if (preset === 'sendgrid') expect(username).toBe('apikey');
        else if (preset === 'naver') expect(username).toBe(user);
        else expect(username).toBe(address);
        expect(addressDomain(address)).toBe(domain.toLowerCase());
      }),
    );
  });
});
