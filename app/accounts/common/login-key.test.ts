import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loginKeyOf } from './login-key';

describe('login key', () => {
  it('is one key for one Gmail login whatever the dots, case, domain alias, port or send method', () => {
    const gmail = loginKeyOf({ presetId: 'gmail', host: 'smtp.gmail.com', username: 'kim.minsu@gmail.com' });
    expect(loginKeyOf({ presetId: 'gmail', host: 'SMTP.gmail.com.', username: ' KimMinsu@GoogleMail.com ' })).toBe(gmail);
    expect(loginKeyOf({ presetId: 'custom', host: 'smtp.gmail.com', username: 'k.i.m.minsu@gmail.com' })).toBe(gmail);
    expect(loginKeyOf({ presetId: 'gmail', host: 'smtp.gmail.com', username: 'x', auth: { kind: 'oauth', googleAddress: 'kimminsu@gmail.com' } })).toBe(gmail);
    expect(gmail).toBe('google|kimminsu@gmail.com');
  });

  it('keeps Workspace dots, the relay, Naver ids and other hosts apart', () => {
    const workspace = (username: string) => loginKeyOf({ presetId: 'workspace', host: 'smtp.gmail.com', username });
    expect(workspace('kim.minsu@school.kr')).not.toBe(workspace('kimminsu@school.kr'));
    expect(workspace('Kim.Minsu@School.kr')).toBe(workspace('kim.minsu@school.kr'));
    expect(loginKeyOf({ presetId: 'workspace-relay', host: 'smtp-relay.gmail.com', username: 'kim.minsu@school.kr' })).not.toBe(workspace('kim.minsu@school.kr'));
    expect(loginKeyOf({ presetId: 'naver', host: 'smtp.naver.com', username: 'kimminsu' })).toBe(loginKeyOf({ presetId: 'naver', host: 'smtp.naver.com', username: 'KimMinsu@naver.com' }));
    expect(loginKeyOf({ presetId: 'daum', host: 'smtp.daum.net', username: 'kim@hanmail.net' })).toBe(loginKeyOf({ presetId: 'daum', host: 'smtp.daum.net', username: 'kim' }));
    expect(loginKeyOf({ presetId: 'custom', host: 'mail.a.test', username: 'kim' })).not.toBe(loginKeyOf({ presetId: 'custom', host: 'mail.b.test', username: 'kim' }));
  });

  it('ignores case and surrounding spaces for every login (property, seed printed)', () => {
    const seed = Number(process.env.MAILROOM_FUZZ_SEED ?? Date.now() % 2 ** 31);
    console.log(`login-key property seed ${seed}`);
    fc.assert(
      fc.property(fc.emailAddress(), fc.constantFrom('smtp.gmail.com', 'smtp.naver.com', 'smtp.office365.com', 'mail.example.test'), (address, host) => {
        const base = loginKeyOf({ presetId: 'custom', host, username: address });
        expect(loginKeyOf({ presetId: 'custom', host: host.toUpperCase(), username: ` ${address.toUpperCase()} ` })).toBe(base);
      }),
      { seed, numRuns: 200 },
    );
  });
});
