import { describe, expect, it } from 'vitest';
import { PRESETS, type PresetId } from '../../accounts/common/presets';
import { buildPreflight, daysNeeded, fromAlignment, OUTGROWN_DAYS, type PreflightInput } from './preflight';

const sender = (presetId: PresetId, username: string, fromAddress: string) => ({ presetId, fromPolicy: PRESETS[presetId].from, username, fromAddress });

describe('From alignment', () => {
  it('warns on must-match presets when From is not the login, and blocks where the provider refuses it (Aliyun)', () => {
    expect(fromAlignment(sender('microsoft365', 'office@school.kr', 'principal@school.kr'))).toEqual([{ kind: 'login-mismatch', severity: 'warn', fromAddress: 'principal@school.kr', login: 'office@school.kr', domain: 'school.kr' }]);
    expect(fromAlignment(sender('aliyun', 'news@mail.school.kr', 'office@school.kr'))).toMatchObject([{ kind: 'login-mismatch', severity: 'block' }]);
    expect(fromAlignment(sender('microsoft365', 'Office@School.kr', 'office@school.kr'))).toEqual([]);
  });

  it('reads a bare Naver or Daum ID as the address at their domain', () => {
    expect(fromAlignment(sender('naver', 'kimms', 'kimms@naver.com'))).toEqual([]);
    expect(fromAlignment(sender('daum', 'kimms', 'kimms@hanmail.net'))).toEqual([]);
    expect(fromAlignment(sender('naver', 'kimms', 'other@naver.com'))).toMatchObject([{ kind: 'login-mismatch' }]);
  });

  it('warns when a relay or sending service sends as a free-mail domain it cannot sign for', () => {
    for (const domain of ['gmail.com', 'naver.com', 'daum.net', 'hanmail.net', 'kakao.com', 'outlook.com']) {
      for (const preset of ['custom', 'sendgrid', 'ses', 'mailgun'] as const) {
        expect(fromAlignment(sender(preset, 'apikey', `office@${domain}`)), `${preset} ${domain}`).toEqual([{ kind: 'free-mail-domain', severity: 'warn', fromAddress: `office@${domain}`, login: 'apikey', domain }]);
      }
    }
    expect(fromAlignment(sender('custom', 'relay', 'office@school.kr'))).toEqual([]);
    expect(fromAlignment(sender('gmail', 'me@gmail.com', 'me@gmail.com'))).toEqual([]);
  });
});

const base: PreflightInput = {
  members: Array.from({ length: 1200 }, (_, i) => ({ line: i + 2, email: `m${i}@x.kr`, name: `회원 ${i}`, fields: {} })),
  rejectedAtImport: [],
  suppressed: new Set(),
  excluded: new Set(),
  template: { subject: '안내', content: '{{name}}님' },
  attachmentBytes: [],
  maxMessageBytes: null,
  fromRewritten: false,
  dailyLimit: 500,
  sentLast24h: 100,
  nextFreeAt: undefined,
  perMinute: 20,
  now: Date.parse('2026-11-30T09:00:00Z'),
};

describe('pre-flight: days and From', () => {
  it('counts the days a send takes and calls it outgrown from three days', () => {
    expect(daysNeeded(400, 500, 100)).toBe(1);
    expect(daysNeeded(401, 500, 100)).toBe(2);
    expect(daysNeeded(1200, 500, 100)).toBe(3);
    expect(daysNeeded(10_000, null, 0)).toBe(1);
    const report = buildPreflight(base);
    expect(report.quota).toMatchObject({ fitsToday: false, daysNeeded: 3, outgrown: true });
    expect(OUTGROWN_DAYS).toBe(3);
    expect(buildPreflight({ ...base, members: base.members.slice(0, 800) }).quota).toMatchObject({ daysNeeded: 2, outgrown: false });
  });

  it('reports From findings and blocks only where the provider refuses', () => {
    const warned = buildPreflight({ ...base, sender: sender('custom', 'relay', 'office@naver.com') });
    expect(warned.fromIssues).toMatchObject([{ kind: 'free-mail-domain', severity: 'warn' }]);
    expect(warned.blocked).toBe(false);
    const refused = buildPreflight({ ...base, sender: sender('aliyun', 'news@mail.school.kr', 'office@school.kr') });
    expect(refused.blocked).toBe(true);
  });
});

describe('pre-flight: {{unsubscribe}}', () => {
  it('is a field every member has: a template using it blocks nobody, whatever the list', () => {
    const report = buildPreflight({ ...base, members: base.members.slice(0, 3), template: { subject: '안내', content: '{{name}}님\n수신 거부: {{unsubscribe}}' } });
    expect(report.unfillable).toEqual([]);
    expect(report.emptyValues).toEqual([]);
    expect(report.blocked).toBe(false);
  });
});
