import { describe, expect, it } from 'vitest';
import { accountDraftSchema, type AccountView, type TemplateDraft, type TemplateView } from '../../ipc/common/contract';
import { LOGTO_NOTE_CODES, LOGTO_REQUIRED_USAGE_TYPES, parseLogtoConfig, toLogtoConfig, type LogtoImport, type LogtoNoteCode } from './logto-config';

const PASSWORD = 'abcdqwertyzxcvmn';

/** Logto's four required templates plus one in Korean, as an admin would have them. */
const TEMPLATES = [
  { usageType: 'SignIn', contentType: 'text/plain', subject: 'Sign-in code', content: 'Your code is {{code}}.' },
  { usageType: 'Register', contentType: 'text/plain', subject: 'Welcome', content: 'Your code is {{ code }}.' },
  { usageType: 'ForgotPassword', contentType: 'text/html', subject: 'Reset', content: '<p>Your code is <b>{{code}}</b>.</p>' },
  { usageType: 'Generic', contentType: 'text/plain', subject: 'Code', content: '{{code}}' },
  {
    usageType: 'OrganizationInvitation',
    contentType: 'text/html',
    subject: '[한빛] 인증 코드 안내',
    content: '<p>안녕하세요.\n인증 코드는 <b>{{code}}</b> 입니다. 10분 안에 입력해 주세요.</p>',
  },
];

/** A working Gmail config with every field the reference's table lets Mailroom carry. */
const GMAIL = {
  host: 'smtp.gmail.com',
  port: 465,
  auth: { type: 'login', user: 'hanbit.office@gmail.com', pass: PASSWORD },
  fromEmail: 'Hanbit Office <hanbit.office@gmail.com>',
  replyTo: 'help@hanbit.kr',
  templates: TEMPLATES,
  secure: true,
  name: 'mail.hanbit.kr',
  servername: 'smtp.gmail.com',
};

function parse(config: unknown): LogtoImport {
  return parseLogtoConfig(JSON.stringify(config));
}

function imported(config: unknown): Extract<LogtoImport, { ok: true }> {
  const result = parse(config);
  if (!result.ok) throw new Error(`expected an import, got ${result.error.field}: ${result.error.message}`);
  return result;
}

function refused(config: unknown): { field: string; message: string } {
  const result = typeof config === 'string' ? parseLogtoConfig(config) : parse(config);
  if (result.ok) throw new Error('expected the config to be refused');
  return result.error;
}

function codes(result: { notes: readonly { code: LogtoNoteCode }[] }): LogtoNoteCode[] {
  return result.notes.map((note) => note.code);
}

function noteOf(result: { notes: readonly { code: LogtoNoteCode; detail: string }[] }, code: LogtoNoteCode): string[] {
  return result.notes.filter((note) => note.code === code).map((note) => note.detail);
}

/** What the store would make of the imported draft. */
function viewOf(result: Extract<LogtoImport, { ok: true }>): { account: AccountView; templates: TemplateView[] } {
  const draft = accountDraftSchema.parse(result.account);
  const account: AccountView = {
    id: 'a1',
    presetId: draft.presetId,
    label: draft.label,
    host: draft.host,
    port: draft.port,
    security: draft.security,
    username: draft.username,
    hasPassword: (draft.password ?? '') !== '',
    fromAddress: draft.fromAddress,
    fromName: draft.fromName,
    replyTo: draft.replyTo,
    ehloName: draft.ehloName,
    tlsServername: draft.tlsServername,
    hasCaCertificate: (draft.caCertificate ?? '') !== '',
    sentLast24h: 0,
    effectiveDailyLimit: 500,
    secretReadable: true,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
  const templates = result.templates.map((template: TemplateDraft, index) => ({ ...template, id: `t${index}`, updatedAt: account.updatedAt }));
  return { account, templates };
}

describe('parseLogtoConfig and toLogtoConfig', () => {
  it('round-trips a Gmail config: the same fields and values, except the password', () => {
    const result = imported(GMAIL);
    expect(result.account).toMatchObject({
      presetId: 'gmail',
      host: 'smtp.gmail.com',
      port: 465,
      security: 'tls',
      username: 'hanbit.office@gmail.com',
      password: PASSWORD,
      fromName: 'Hanbit Office',
      fromAddress: 'hanbit.office@gmail.com',
      replyTo: 'help@hanbit.kr',
      ehloName: 'mail.hanbit.kr',
      tlsServername: 'smtp.gmail.com',
    });
    expect(result.templates.map((t) => t.name)).toEqual(TEMPLATES.map((t) => `${t.usageType} (Logto)`));
    expect(result.notes).toEqual([]);

    const { account, templates } = viewOf(result);
    const { config, notes } = toLogtoConfig(account, templates);
    expect(Object.keys(config).sort()).toEqual(Object.keys(GMAIL).sort());
    expect(Object.keys(config.auth).sort()).toEqual(['pass', 'type', 'user']);
    for (const template of config.templates) expect(Object.keys(template).sort()).toEqual(['content', 'contentType', 'subject', 'usageType']);
    expect(config).toEqual({ ...GMAIL, auth: { ...GMAIL.auth, pass: '' } });
    expect(JSON.stringify(config)).not.toContain(PASSWORD);
    expect(codes({ notes })).toEqual(['password-not-exported']);
  });

  it('round-trips a STARTTLS relay config with requireTLS', () => {
    const relay = {
      host: 'smtp-relay.gmail.com',
      port: 587,
      auth: { type: 'login', user: 'notice@hanbit.kr', pass: PASSWORD },
      fromEmail: '"Hanbit Co., Ltd." <notice@hanbit.kr>',
      templates: TEMPLATES.slice(0, 4),
      secure: false,
      requireTLS: true,
    };
    const result = imported(relay);
    expect(result.account).toMatchObject({ presetId: 'workspace-relay', security: 'starttls', fromName: 'Hanbit Co., Ltd.' });
    expect(result.notes).toEqual([]);
    const { config } = toLogtoConfig(viewOf(result).account, viewOf(result).templates);
    expect(config).toEqual({ ...relay, auth: { ...relay.auth, pass: '' } });
  });

  it('keeps a Korean template exactly as written', () => {
    const result = imported(GMAIL);
    const korean = result.templates.find((t) => t.usageType === 'OrganizationInvitation');
    expect(korean).toMatchObject({ subject: TEMPLATES[4]?.subject, content: TEMPLATES[4]?.content, contentType: 'text/html' });
    const { config } = toLogtoConfig(viewOf(result).account, viewOf(result).templates);
    expect(config.templates[4]).toEqual(TEMPLATES[4]);
  });
});

describe('parseLogtoConfig', () => {
  it('accepts the port as a string, as Logto’s README writes it', () => {
    expect(imported({ ...GMAIL, port: '465' }).account.port).toBe(465);
  });

  it('splits fromEmail into name and address', () => {
    const from = (fromEmail: string) => {
      const { fromName, fromAddress } = imported({ ...GMAIL, fromEmail }).account;
      return { fromName, fromAddress };
    };
    expect(from('"Hanbit Office" <office@hanbit.kr>')).toEqual({ fromName: 'Hanbit Office', fromAddress: 'office@hanbit.kr' });
    expect(from('한빛 <a@b.kr>')).toEqual({ fromName: '한빛', fromAddress: 'a@b.kr' });
    expect(from('office@hanbit.kr')).toEqual({ fromName: '', fromAddress: 'office@hanbit.kr' });
    expect(from('"Kim \\"Ace\\" Lee" <kim@hanbit.kr>')).toEqual({ fromName: 'Kim "Ace" Lee', fromAddress: 'kim@hanbit.kr' });
    expect(from('<office@hanbit.kr>')).toEqual({ fromName: '', fromAddress: 'office@hanbit.kr' });
  });

  it('refuses a fromEmail without a valid address, naming fromEmail', () => {
    expect(refused({ ...GMAIL, fromEmail: 'Hanbit Office' }).field).toBe('fromEmail');
  });

  it('says where invalid JSON breaks, without quoting the text', () => {
    const trailingComma = refused('{\n  "host": "smtp.gmail.com",\n  "port": 465,\n}');
    expect(trailingComma.field).toBe('');
    expect(trailingComma.message).toContain('line 4, column 1');

    const secret = refused(`{"host": "smtp.gmail.com", "auth": {"pass": ${PASSWORD}}}`);
    expect(secret.message).toContain('line 1, column 45');
    expect(secret.message).not.toContain(PASSWORD);

    expect(refused('{"host": "smtp.gmail.com", "port": 4').message).toContain('ends too early');
    expect(refused('').message).toContain('Paste');
    expect(refused('[]').message).toContain('JSON object');
  });

  it('names the field path of a value of the wrong type', () => {
    const templates = TEMPLATES.map((t, i) => (i === 1 ? { ...t, contentType: 'text/markdown' } : t));
    const contentType = refused({ ...GMAIL, templates });
    expect(contentType).toEqual({ field: 'templates.1.contentType', message: 'templates.1.contentType should be "text/plain" or "text/html".' });

    expect(refused({ ...GMAIL, port: 'smtp' })).toEqual({ field: 'port', message: 'port should be a whole number from 1 to 65535.' });
    expect(refused({ ...GMAIL, port: 70000 }).field).toBe('port');
    expect(refused({ ...GMAIL, auth: `hanbit.office@gmail.com:${PASSWORD}` }).field).toBe('auth');
    expect(refused({ ...GMAIL, auth: { user: 'a', pass: 5 } }).field).toBe('auth.pass');
    expect(refused({ ...GMAIL, auth: { type: 'plain' } }).field).toBe('auth.type');
    expect(refused({ ...GMAIL, templates: 'SignIn' }).field).toBe('templates');
    expect(refused({ ...GMAIL, secure: 'yes' }).message).toBe('secure should be true or false.');
    expect(refused({ ...GMAIL, customHeaders: { 'X-Tag': 1 } }).field).toBe('customHeaders.X-Tag');
  });

  it('names a missing required field', () => {
    const { host: _host, ...rest } = GMAIL;
    expect(refused(rest)).toEqual({ field: 'host', message: 'host is missing (Logto requires it).' });
  });

  it('refuses both OAuth2 forms of auth, naming auth', () => {
    const token = refused({ ...GMAIL, auth: { type: 'OAuth2', user: 'a@gmail.com', clientId: 'id', clientSecret: 's', refreshToken: 'r' } });
    expect(token.field).toBe('auth');
    expect(token.message).toContain('OAuth2 connector configs are not supported for import yet');
    expect(token.message).toContain('add the account by hand');
    expect(refused({ ...GMAIL, auth: { user: 'a@gmail.com', privateKey: 'k', serviceClient: '1' } }).field).toBe('auth');
  });

  it('refuses a non-ASCII EHLO name, as Gmail would', () => {
    const error = refused({ ...GMAIL, name: '한빛.kr' });
    expect(error.field).toBe('name');
    expect(error.message).toContain('501-5.5.4');
  });

  it('imports a config missing required usage types, with a note naming them', () => {
    const result = imported({ ...GMAIL, templates: TEMPLATES.filter((t) => t.usageType === 'SignIn' || t.usageType === 'Register') });
    expect(noteOf(result, 'missing-required-usage-types')).toEqual(['ForgotPassword, Generic']);
  });

  it('names the custom headers that will not be sent', () => {
    const result = imported({ ...GMAIL, customHeaders: { 'X-Campaign': 'signup', 'List-Unsubscribe': ['<mailto:u@hanbit.kr>'] } });
    expect(noteOf(result, 'custom-headers-dropped')).toEqual(['X-Campaign, List-Unsubscribe']);
    expect(codes(imported({ ...GMAIL, customHeaders: {} }))).not.toContain('custom-headers-dropped');
  });

  it('reads tls: the first CA, the server name, and says certificates are always verified', () => {
    const pem = (n: number) => `-----BEGIN CERTIFICATE-----\nMIIB${n}\n-----END CERTIFICATE-----`;
    const result = imported({
      ...GMAIL,
      servername: undefined,
      tls: { rejectUnauthorized: false, ca: [`${pem(1)}\n${pem(2)}`], servername: 'mail.hanbit.kr', minVersion: 'TLSv1.2' },
    });
    expect(result.account).toMatchObject({ caCertificate: pem(1), tlsServername: 'mail.hanbit.kr' });
    expect(codes(result)).toEqual(expect.arrayContaining(['certificate-always-verified', 'extra-ca-certificates-dropped']));
    expect(noteOf(result, 'ignored-fields')).toEqual(['tls.minVersion']);
    expect(refused({ ...GMAIL, tls: { ca: 'not a certificate' } }).field).toBe('tls.ca');
  });

  it('lists the ignored fields in one note', () => {
    const result = imported({ ...GMAIL, connectionTimeout: 120000, socketTimeout: 600000, logger: false, debug: true, localAddress: '10.0.0.2', extra: 1 });
    expect(noteOf(result, 'ignored-fields')).toEqual(['localAddress, connectionTimeout, socketTimeout, logger, debug, extra']);
  });

  it('maps the security fields, noting that STARTTLS becomes required', () => {
    const { secure: _secure, ...plain } = GMAIL;
    const opportunistic = imported({ ...plain, port: 587 });
    expect(opportunistic.account.security).toBe('starttls');
    expect(noteOf(opportunistic, 'starttls-required')).toEqual(['requireTLS']);
    expect(imported({ ...plain, port: 25, ignoreTLS: true }).account.security).toBe('none');
    expect(imported({ ...plain, port: 587, ignoreTLS: true, requireTLS: true }).account.security).toBe('starttls');
  });

  it('lists the placeholders Mailroom will check, without code', () => {
    const templates = [
      ...TEMPLATES.slice(0, 3),
      { usageType: 'Generic', contentType: 'text/html', subject: '{{ user.name }}, your code', content: '<p>{{code}} for {{items.1}} and {{ user.name }}</p>' },
      { usageType: 'BindMfa', contentType: 'text/plain', subject: 'Hi {{name}}', content: '{{code}}' },
    ];
    const result = imported({ ...GMAIL, templates });
    expect(noteOf(result, 'placeholders-checked')).toEqual(['Generic: user.name, items.1', 'BindMfa: name']);
    expect(noteOf(result, 'html-values-escaped')).toEqual(['Generic: user.name, items.1']);
  });

  it('guesses the preset from the host', () => {
    const preset = (host: string, user = 'a@hanbit.kr') => imported({ ...GMAIL, host, auth: { user } }).account.presetId;
    expect(preset('smtp.gmail.com', 'a@gmail.com')).toBe('gmail');
    expect(preset('smtp.gmail.com')).toBe('workspace');
    expect(preset('smtp.office365.com')).toBe('microsoft365');
    expect(preset('smtp.naver.com')).toBe('naver');
    expect(preset('smtp.daum.net')).toBe('daum');
    expect(preset('smtp.sendgrid.net')).toBe('sendgrid');
    expect(preset('smtpdm-ap-southeast-1.aliyun.com')).toBe('aliyun');
    expect(preset('email-smtp.ap-northeast-2.amazonaws.com')).toBe('ses');
    expect(preset('smtp.eu.mailgun.org')).toBe('mailgun');
    expect(preset('mail.hanbit.kr')).toBe('custom');
  });

  it('leaves the password out when auth has none (IP-authorised relay)', () => {
    const result = imported({ ...GMAIL, host: 'relay.hanbit.kr', auth: {} });
    expect(result.account.username).toBe('');
    expect('password' in result.account).toBe(false);
  });
});

describe('toLogtoConfig', () => {
  const { account, templates } = viewOf(imported(GMAIL));

  it('never exports the password, and says so', () => {
    const { config, notes } = toLogtoConfig({ ...account, hasCaCertificate: true }, templates.slice(0, 2));
    expect(config.auth.pass).toBe('');
    expect(codes({ notes })).toEqual(['password-not-exported', 'ca-certificate-not-exported', 'missing-required-usage-types']);
    expect(noteOf({ notes }, 'missing-required-usage-types')).toEqual(['ForgotPassword, Generic']);
  });

  it('writes the security as Logto’s flags', () => {
    expect(toLogtoConfig({ ...account, security: 'starttls' }, templates).config).toMatchObject({ secure: false, requireTLS: true });
    const none = toLogtoConfig({ ...account, security: 'none' }, templates).config;
    expect(none).toMatchObject({ secure: false, ignoreTLS: true });
    expect('requireTLS' in none).toBe(false);
  });

  it('quotes a From name only when it needs quoting, and leaves out empty optional fields', () => {
    const bare = { ...account, replyTo: '', ehloName: '', tlsServername: '' };
    expect(toLogtoConfig({ ...bare, fromName: '한빛 사무실' }, templates).config.fromEmail).toBe('한빛 사무실 <hanbit.office@gmail.com>');
    expect(toLogtoConfig({ ...bare, fromName: 'Kim "Ace" Lee' }, templates).config.fromEmail).toBe('"Kim \\"Ace\\" Lee" <hanbit.office@gmail.com>');
    const plain = toLogtoConfig({ ...bare, fromName: '' }, templates).config;
    expect(plain.fromEmail).toBe('hanbit.office@gmail.com');
    expect(Object.keys(plain).sort()).toEqual(['auth', 'fromEmail', 'host', 'port', 'secure', 'templates']);
  });

  it('covers every required usage type and note code in its lists', () => {
    expect([...LOGTO_REQUIRED_USAGE_TYPES]).toEqual(['Register', 'SignIn', 'ForgotPassword', 'Generic']);
    expect(new Set(LOGTO_NOTE_CODES).size).toBe(LOGTO_NOTE_CODES.length);
  });
});
