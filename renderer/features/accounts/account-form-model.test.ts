import { describe, expect, it } from 'vitest';
import type { AccountView } from '../../../app/ipc/common/contract';
import { checkAccountForm, EMPTY_ACCOUNT_FORM, fieldOfServerError, formFromAccount, formWarnings, withPreset, withUsername } from './account-form-model';

const filled = {
  ...EMPTY_ACCOUNT_FORM,
  label: 'Office',
  host: 'smtp.gmail.com',
  port: '465',
  security: 'tls' as const,
  username: 'office@school.kr',
  password: 'abcdefghijklmnop',
  fromAddress: 'office@school.kr',
  fromName: '행정실',
};

const saved: AccountView = {
  id: 'a1',
  presetId: 'gmail',
  replyTo: '',
  ehloName: '',
  tlsServername: '',
  sentLast24h: 0,
  effectiveDailyLimit: 500,
  secretReadable: true,
  label: 'Office',
  host: 'smtp.gmail.com',
  port: 465,
  security: 'tls',
  username: 'office@school.kr',
  hasPassword: true,
  fromAddress: 'office@school.kr',
  fromName: '행정실',
  hasCaCertificate: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('checkAccountForm', () => {
  it('turns a complete form into a draft with a numeric port', () => {
    const check = checkAccountForm(filled);
    expect(check).toEqual({ ok: true, draft: expect.objectContaining({ port: 465, password: 'abcdefghijklmnop' }) });
  });

  it('names every field in error', () => {
    const check = checkAccountForm({ ...EMPTY_ACCOUNT_FORM, username: 'x@y.kr', port: '70000', fromAddress: 'not-an-address' });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect([...check.fields].sort()).toEqual(['fromAddress', 'host', 'label', 'password', 'port']);
  });

  it('keeps the saved password when editing with an empty password field', () => {
    const check = checkAccountForm(formFromAccount(saved), saved);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.draft.id).toBe('a1');
    expect('password' in check.draft).toBe(false);
  });

  it('never loads a secret into the edit form', () => {
    expect(formFromAccount(saved).password).toBe('');
  });

  it('rejects a CA field that is not PEM', () => {
    const check = checkAccountForm({ ...filled, caCertificate: 'hello' });
    expect(check.ok === false && check.fields).toEqual(['caCertificate']);
  });
});

describe('presets in the form', () => {
  it('fills the server settings of a preset and keeps what the user typed about themselves', () => {
    const typed = { ...EMPTY_ACCOUNT_FORM, label: 'Office', fromAddress: 'me@naver.com', host: 'typed.example' };
    const naver = withPreset(typed, 'naver');
    expect(naver).toMatchObject({ presetId: 'naver', host: 'smtp.naver.com', port: '587', security: 'starttls', label: 'Office', fromAddress: 'me@naver.com' });
    expect(withPreset(naver, 'sendgrid').username).toBe('apikey');
    expect(withPreset(withPreset(naver, 'sendgrid'), 'gmail').username).toBe('');
  });

  it('refuses a daily limit above the provider limit, accepts a lower one', () => {
    const gmail = { ...filled, presetId: 'gmail' as const };
    expect(checkAccountForm({ ...gmail, dailyLimit: '600' })).toEqual({ ok: false, fields: ['dailyLimit'] });
    expect(checkAccountForm({ ...gmail, dailyLimit: '300' })).toMatchObject({ ok: true, draft: { dailyLimit: 300 } });
  });

  it('takes an https unsubscribe page or none; anything else is the field\'s error', () => {
    expect(checkAccountForm({ ...filled, unsubscribeUrl: ' https://club.example/unsubscribe?t={token} ' })).toMatchObject({ ok: true, draft: { unsubscribeUrl: 'https://club.example/unsubscribe?t={token}' } });
    expect(checkAccountForm({ ...filled, unsubscribeUrl: '' })).toMatchObject({ ok: true });
    for (const bad of ['http://club.example/u', 'mailto:office@club.example', 'https://club example/u', 'javascript:alert(1)']) {
      expect(checkAccountForm({ ...filled, unsubscribeUrl: bad })).toEqual({ ok: false, fields: ['unsubscribeUrl'] });
    }
  });

  it('warns (without blocking) about a non-app-password and a From Gmail would rewrite', () => {
    const gmail = { ...filled, presetId: 'gmail' as const };
    expect(formWarnings({ ...gmail, password: 'abcd efgh ijkl mnop' })).toEqual({ appPasswordShape: false, gmailFromRewrite: false });
    expect(formWarnings({ ...gmail, password: 'MyGooglePassword1!' }).appPasswordShape).toBe(true);
    expect(formWarnings({ ...gmail, fromAddress: 'principal@school.kr' }).gmailFromRewrite).toBe(true);
    expect(formWarnings({ ...filled, presetId: 'custom', fromAddress: 'principal@school.kr', password: 'x' })).toEqual({ appPasswordShape: false, gmailFromRewrite: false });
  });
});

describe('fieldOfServerError', () => {
  it('reads the field prefix of an invalid-input message', () => {
    expect(fieldOfServerError('password: Enter the password for this login.')).toBe('password');
    expect(fieldOfServerError('Something else')).toBeUndefined();
    expect(fieldOfServerError('security: bad')).toBeUndefined();
  });
});

describe('a saved password bound to its server', () => {
  it('asks for the password again when the server, port, security, login or TLS name changes, not for a rename', async () => {
    const { passwordNeededAgain, formFromAccount, checkAccountForm } = await import('./account-form-model');
    const existing = {
      id: 'a', presetId: 'custom', label: 'Office', host: 'smtp.office.test', port: 587, security: 'starttls', username: 'me@office.test', hasPassword: true,
      fromAddress: 'me@office.test', fromName: 'Me', replyTo: '', ehloName: '', tlsServername: '', sentLast24h: 0, effectiveDailyLimit: null,
      hasCaCertificate: false, secretReadable: true, auth: { kind: 'password' }, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
    } as const;
    const form = formFromAccount(existing as never);
    expect(passwordNeededAgain({ ...form, label: 'Renamed' }, existing as never)).toBe(false);
    for (const change of [{ host: 'evil.test' }, { port: '2525' }, { security: 'none' as const }, { username: 'x@evil.test' }, { tlsServername: 'evil.test' }]) {
      expect(passwordNeededAgain({ ...form, ...change }, existing as never)).toBe(true);
      expect(checkAccountForm({ ...form, ...change }, existing as never)).toMatchObject({ ok: false, fields: expect.arrayContaining(['password']) });
      expect(passwordNeededAgain({ ...form, ...change, password: 'typed again' }, existing as never)).toBe(false);
    }
  });
});

describe('withUsername', () => {
  it('lets From follow the login while the user has not typed another From', () => {
    let values = withUsername(EMPTY_ACCOUNT_FORM, 'o');
    expect(values.fromAddress).toBe('');
    for (const typed of ['of', 'office@', 'office@club.test']) values = withUsername(values, typed);
    expect(values.fromAddress).toBe('office@club.test');
    values = withUsername(values, 'office@club.tes');
    expect(values.fromAddress).toBe('office@club.tes');
  });
  it('keeps a From the user chose', () => {
    const chosen = { ...EMPTY_ACCOUNT_FORM, username: 'office@club.test', fromAddress: 'notice@club.test' };
    expect(withUsername(chosen, 'admin@club.test').fromAddress).toBe('notice@club.test');
  });
  it('leaves From empty for a login that is not an address (a Naver id)', () => {
    expect(withUsername(EMPTY_ACCOUNT_FORM, 'hanbit').fromAddress).toBe('');
  });
});
