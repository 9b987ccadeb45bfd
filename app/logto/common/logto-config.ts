/**
 * Import and export of Logto's SMTP connector configuration: Logto's JSON becomes an account draft plus
 * templates, and an account with templates becomes Logto's JSON again, never with the password.
 * Facts: shared/reference/logto-smtp-connector.md (Logto v1.5.x `connector-smtp`); nodemailer behaviour
 * read from the installed nodemailer's `smtp-connection`.
 */
import { z } from 'zod';
import { LOGTO_NOTE_CODES, type LogtoNoteCode } from './logto-notes';
import { placeholdersOf } from '../../templates/common/placeholders';
import { assertNever } from '../../ipc/common/app-error';
import {
  accountDraftSchema,
  templateDraftSchema,
  type AccountDraftInput,
  type AccountView,
  type TemplateDraft,
  type TemplateView,
} from '../../ipc/common/contract';
import type { PresetId } from '../../accounts/common/presets';

export { LOGTO_NOTE_CODES, type LogtoNoteCode };

/** Usage types Logto requires a template for in every SMTP connector config. */
export const LOGTO_REQUIRED_USAGE_TYPES = ['Register', 'SignIn', 'ForgotPassword', 'Generic'] as const;


/** Something the user should know about an import or export that did not stop it. */
export interface LogtoNote {
  /** What the note is about; the renderer picks its words by this. */
  readonly code: LogtoNoteCode;
  /** Field, header, usage-type or placeholder names, shown verbatim (never a secret). */
  readonly detail: string;
}

/** The outcome of reading a Logto SMTP connector config. */
export type LogtoImport =
  | {
      /** The config was read. */
      readonly ok: true;
      /** The account to save (no id: a new account), already valid for `accounts:save`. */
      readonly account: AccountDraftInput;
      /** One template per Logto template, in Logto's order. */
      readonly templates: TemplateDraft[];
      /** What was ignored, dropped or will behave differently. */
      readonly notes: LogtoNote[];
    }
  | {
      /** The config cannot be imported as it is. */
      readonly ok: false;
      /** Why the config cannot be imported. */
      readonly error: {
        /** Logto's field path, e.g. `templates.2.contentType`; empty for the text as a whole. */
        readonly field: string;
        /** An English sentence naming the field and what was expected. */
        readonly message: string;
      };
    };

/** One template in Logto's SMTP connector config. */
export interface LogtoTemplate {
  /** What Logto sends it for, e.g. `SignIn`. */
  readonly usageType: string;
  /** Body format. */
  readonly contentType: 'text/plain' | 'text/html';
  /** Subject line, with `{{placeholders}}`. */
  readonly subject: string;
  /** Body, with `{{placeholders}}`. */
  readonly content: string;
}

/** Logto's SMTP connector config as Mailroom writes it: Logto's own field names, no password. */
export interface LogtoSmtpConfig {
  /** SMTP host. */
  readonly host: string;
  /** SMTP port. */
  readonly port: number;
  /** Login form of Logto's `auth`; `pass` is always empty. */
  readonly auth: {
    /** Always the login form. */
    readonly type: 'login';
    /** Login name; empty for a relay that authorises by IP address. */
    readonly user: string;
    /** Always empty: the password never leaves Mailroom in a file. */
    readonly pass: '';
  };
  /** From, as `Name <address>` (name quoted when needed) or a plain address. */
  readonly fromEmail: string;
  /** Reply-To address, only when the account has one. */
  readonly replyTo?: string;
  /** The chosen templates. */
  readonly templates: LogtoTemplate[];
  /** Implicit TLS from the first byte (Mailroom's `tls`). */
  readonly secure: boolean;
  /** Present for Mailroom's `starttls`: STARTTLS or no connection. */
  readonly requireTLS?: true;
  /** Present for Mailroom's `none`: no TLS at all. */
  readonly ignoreTLS?: true;
  /** EHLO name, only when set. */
  readonly name?: string;
  /** TLS server name, only when set. */
  readonly servername?: string;
}

// Logto's shape, from the reference's field table

/**
 * Error messages are fragments ("should be …", "is missing …") that `describeIssue` prefixes with the
 * full field path, so a message inside an array names its index (`templates.2.contentType should be …`).
 */
const expecting = (what: string) => ({
  error: (issue: { readonly input?: unknown }) => (issue.input === undefined ? 'is missing (Logto requires it)' : `should be ${what}`),
});

const aString = expecting('a string');
const aBoolean = expecting('true or false');
const milliseconds = z.number(expecting('a number of milliseconds')).min(0, 'should not be negative').optional();

const LOGIN_TYPE = /^login$/i;
const OAUTH2_TYPE = /^oauth2$/i;
/** Keys only the two OAuth2 forms of Logto's `auth` have. */
const OAUTH2_KEYS = ['privateKey', 'serviceClient', 'clientId', 'clientSecret', 'refreshToken', 'accessToken', 'expires', 'accessUrl'];

/** Logto's `auth`: the login form is read; the OAuth2 forms are recognised and refused. */
const authSchema = z
  .looseObject(
    {
      type: z.string(expecting('"login"')).optional(),
      user: z.string(aString).optional(),
      pass: z.string(aString).optional(),
    },
    expecting('an object like { "type": "login", "user": "…", "pass": "…" }'),
  )
  .superRefine((auth, ctx) => {
    if ((auth.type !== undefined && OAUTH2_TYPE.test(auth.type)) || OAUTH2_KEYS.some((key) => key in auth)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'is an OAuth2 login: OAuth2 connector configs are not supported for import yet. Use the login form ({ "type": "login", "user": "…", "pass": "…" }) or add the account by hand',
      });
    } else if (auth.type !== undefined && !LOGIN_TYPE.test(auth.type)) {
      ctx.addIssue({ code: 'custom', path: ['type'], message: 'should be "login" (or left out)' });
    }
  });

const templateSchema = z.object(
  {
    usageType: z
      .string(expecting('a string, e.g. "SignIn"'))
      .refine((value) => value.trim() !== '', 'should not be empty')
      .refine((value) => value.trim().length <= 64, 'should be at most 64 characters'),
    contentType: z.enum(['text/plain', 'text/html'], expecting('"text/plain" or "text/html"')),
    subject: z.string(aString).max(998, 'should be at most 998 characters (the longest line e-mail allows)'),
    content: z.string(aString).max(1024 * 1024, 'should be at most 1 MiB'),
  },
  expecting('an object with usageType, contentType, subject and content'),
);

const tlsSchema = z.looseObject(
  {
    ca: z.union([z.string(), z.array(z.string())], expecting('PEM text or a list of PEM texts')).optional(),
    servername: z.string(expecting('a host name')).optional(),
    rejectUnauthorized: z.boolean(aBoolean).optional(),
  },
  expecting('an object of TLS options'),
);

const PORT_EXPECTED = 'a whole number from 1 to 65535';

/** Logto's SMTP connector config, field names and types as in Logto's `src/types.ts`. */
const logtoConfigSchema = z.object({
  host: z.string(expecting('a host name, e.g. "smtp.gmail.com"')),
  // Logto's README says string, its schema number: accept both.
  port: z.preprocess(
    (value) => (typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
    z
      .number(expecting(PORT_EXPECTED))
      .int(`should be ${PORT_EXPECTED}`)
      .min(1, `should be ${PORT_EXPECTED}`)
      .max(65535, `should be ${PORT_EXPECTED}`),
  ),
  auth: authSchema,
  fromEmail: z.string(expecting('an address, e.g. "Office <office@example.com>"')),
  replyTo: z.string(expecting('an e-mail address')).optional(),
  templates: z.array(templateSchema, expecting('a list of templates')),
  secure: z.boolean(aBoolean).optional(),
  tls: tlsSchema.optional(),
  servername: z.string(expecting('a host name')).optional(),
  ignoreTLS: z.boolean(aBoolean).optional(),
  requireTLS: z.boolean(aBoolean).optional(),
  name: z
    .string(expecting('a host name'))
    .refine((value) => /^[\x20-\x7e]*$/.test(value), 'must be plain ASCII: Gmail refuses a non-ASCII EHLO name with 501-5.5.4')
    .optional(),
  localAddress: z.string(expecting('an IP address')).optional(),
  connectionTimeout: milliseconds,
  greetingTimeout: milliseconds,
  socketTimeout: milliseconds,
  dnsTimeout: milliseconds,
  logger: z.boolean(aBoolean).optional(),
  debug: z.boolean(aBoolean).optional(),
  disableFileAccess: z.boolean(aBoolean).optional(),
  disableUrlAccess: z.boolean(aBoolean).optional(),
  customHeaders: z
    .record(z.string(), z.union([z.string(), z.array(z.string())], expecting('a string or a list of strings')), expecting('an object of header names and values'))
    .optional(),
});

type LogtoConfigInput = z.output<typeof logtoConfigSchema>;

/** Top-level fields Mailroom accepts and does not use. */
const IGNORED_FIELDS = [
  'localAddress',
  'connectionTimeout',
  'greetingTimeout',
  'socketTimeout',
  'dnsTimeout',
  'logger',
  'debug',
  'disableFileAccess',
  'disableUrlAccess',
] as const;
/** Keys of `tls` Mailroom reads; any other TLS option is ignored. */
const READ_TLS_KEYS = ['ca', 'servername', 'rejectUnauthorized'];

/** Reads a Logto SMTP connector config (the JSON text) into an account draft, templates and notes. */
export function parseLogtoConfig(text: string): LogtoImport {
  const source = text.replace(/^\uFEFF/, '');
  if (source.trim() === '') return failure('', "Paste the JSON of Logto's SMTP connector configuration.");
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch (error) {
    return failure('', describeJsonError(source, error));
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return failure('', 'The configuration should be a JSON object ({ "host": …, "port": …, … }).');
  }
  const parsed = logtoConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    return issue === undefined ? failure('', 'The configuration does not match Logto’s SMTP connector.') : describeIssue(issue);
  }
  return fromLogto(parsed.data, Object.keys(raw));
}

function fromLogto(config: LogtoConfigInput, rawKeys: readonly string[]): LogtoImport {
  const notes: LogtoNote[] = [];
  const note = (code: LogtoNoteCode, detail: string) => notes.push({ code, detail });

  const ignored = [
    ...IGNORED_FIELDS.filter((field) => config[field] !== undefined),
    ...Object.keys(config.tls ?? {})
      .filter((key) => !READ_TLS_KEYS.includes(key))
      .map((key) => `tls.${key}`),
    ...rawKeys.filter((key) => !Object.hasOwn(logtoConfigSchema.shape, key)),
  ];
  if (ignored.length > 0) note('ignored-fields', ignored.join(', '));

  const headers = Object.keys(config.customHeaders ?? {});
  if (headers.length > 0) note('custom-headers-dropped', headers.join(', '));

  const security = securityOf(config);
  if (security === 'starttls' && config.requireTLS !== true) note('starttls-required', 'requireTLS');
  if (config.tls?.rejectUnauthorized === false) note('certificate-always-verified', 'tls.rejectUnauthorized');

  const caTexts = config.tls?.ca === undefined ? [] : typeof config.tls.ca === 'string' ? [config.tls.ca] : config.tls.ca;
  const pems = caTexts.flatMap((pem) => pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []);
  if (pems.length === 0 && caTexts.some((pem) => pem.trim() !== '')) {
    return failure('tls.ca', 'tls.ca should hold a PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----).');
  }
  if (pems.length > 1) note('extra-ca-certificates-dropped', 'tls.ca');

  const from = splitAddress(config.fromEmail);
  const replyTo = splitAddress(config.replyTo ?? '');
  if (replyTo.name !== '') note('reply-to-name-dropped', replyTo.name);

  const servernameField = config.tls?.servername !== undefined ? 'tls.servername' : 'servername';
  const username = config.auth.user ?? '';
  const draft: AccountDraftInput = {
    presetId: guessPreset(config.host, username),
    label: truncate(`Logto: ${from.address}`, 80),
    host: config.host,
    port: config.port,
    security,
    username,
    ...(config.auth.pass === undefined ? {} : { password: config.auth.pass }),
    fromAddress: from.address,
    fromName: from.name,
    replyTo: replyTo.address,
    ehloName: config.name ?? '',
    // nodemailer lets `tls.servername` win over the top-level one.
    tlsServername: config.tls?.servername ?? config.servername ?? '',
    ...(pems[0] === undefined ? {} : { caCertificate: pems[0] }),
  };
  const account = accountDraftSchema.safeParse(draft);
  if (!account.success) {
    const issue = account.error.issues[0];
    const key = String(issue?.path[0] ?? '');
    const field = key === 'tlsServername' ? servernameField : (DRAFT_FIELDS[key] ?? '');
    return failure(field, `${field === '' ? 'The configuration' : field}: ${issue?.message ?? 'is not valid'}`);
  }

  const templates: TemplateDraft[] = [];
  for (const [index, template] of config.templates.entries()) {
    const checked = templateDraftSchema.safeParse({ ...template, name: `${template.usageType.trim()} (Logto)` });
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const field = `templates.${index}.${String(issue?.path[0] ?? 'usageType')}`;
      return failure(field, `${field}: ${issue?.message ?? 'is not valid'}`);
    }
    templates.push(checked.data);
    const names = placeholdersOf(template.subject, template.content).filter((name) => name !== LOGTO_SUPPLIED_PLACEHOLDER);
    if (names.length > 0) {
      const detail = `${checked.data.usageType}: ${names.join(', ')}`;
      note('placeholders-checked', detail);
      if (template.contentType === 'text/html') note('html-values-escaped', detail);
    }
  }
  const missing = missingUsageTypes(templates);
  if (missing.length > 0) note('missing-required-usage-types', missing.join(', '));

  return { ok: true, account: account.data, templates, notes };
}

/** Where each account draft field came from in Logto's config (`tlsServername` depends on the config). */
const DRAFT_FIELDS: Readonly<Record<string, string>> = {
  presetId: 'host',
  label: 'fromEmail',
  host: 'host',
  port: 'port',
  security: 'secure',
  username: 'auth.user',
  password: 'auth.pass',
  fromAddress: 'fromEmail',
  fromName: 'fromEmail',
  replyTo: 'replyTo',
  ehloName: 'name',
  caCertificate: 'tls.ca',
};

/**
 * Logto's `secure`/`requireTLS`/`ignoreTLS` as Mailroom's security. `requireTLS` is read before
 * `ignoreTLS`: nodemailer lets it win ("a contradictory configuration must not quietly fall back to
 * plaintext"), and it is the safer reading.
 */
function securityOf(config: LogtoConfigInput): AccountDraftInput['security'] {
  if (config.secure === true) return 'tls';
  if (config.requireTLS === true) return 'starttls';
  if (config.ignoreTLS === true) return 'none';
  return 'starttls';
}

/** The preset a Logto host most likely is; a Google login outside gmail.com is a Workspace account. */
function guessPreset(host: string, username: string): PresetId {
  const name = host.trim().toLowerCase().replace(/\.$/, '');
  if (name === 'smtp.gmail.com') return /@(?!(gmail|googlemail)\.com$)[^@]+$/i.test(username.trim()) ? 'workspace' : 'gmail';
  if (name === 'smtp-relay.gmail.com') return 'workspace-relay';
  if (name === 'smtp.office365.com') return 'microsoft365';
  if (name === 'smtp.naver.com') return 'naver';
  if (name === 'smtp.daum.net') return 'daum';
  if (name === 'smtp.sendgrid.net') return 'sendgrid';
  if (/^smtpdm[a-z0-9.-]*\.aliyun[a-z0-9-]*\.com$/.test(name)) return 'aliyun';
  if (/^email-smtp\.[a-z0-9-]+\.amazonaws\.com$/.test(name)) return 'ses';
  if (/^smtp[a-z0-9.-]*\.mailgun\.org$/.test(name)) return 'mailgun';
  return 'custom';
}

/** Splits `Name <addr>`, `"Quoted, Name" <addr>` or a plain address. */
function splitAddress(value: string): { name: string; address: string } {
  const trimmed = value.trim();
  const angle = /^([\s\S]*?)\s*<([^<>]*)>$/.exec(trimmed);
  if (angle === null) return { name: '', address: trimmed };
  let name = (angle[1] ?? '').trim();
  if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) name = name.slice(1, -1).replace(/\\([\s\S])/g, '$1');
  return { name, address: (angle[2] ?? '').trim() };
}

/** The one placeholder Logto always supplies (its admin test sends the Generic template with `code: '000000'`). */
const LOGTO_SUPPLIED_PLACEHOLDER = 'code';

/** The required usage types no template has. */
function missingUsageTypes(templates: readonly { readonly usageType: string }[]): string[] {
  return LOGTO_REQUIRED_USAGE_TYPES.filter((type) => !templates.some((template) => template.usageType === type));
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function failure(field: string, message: string): LogtoImport {
  return { ok: false, error: { field, message } };
}

function describeIssue(issue: z.core.$ZodIssue): LogtoImport {
  const field = issue.path.map(String).join('.');
  return failure(field, `${field === '' ? 'The configuration' : field} ${issue.message}.`);
}

/**
 * Says where JSON.parse gave up. V8 gives a position for some errors only, and for an unexpected token
 * it quotes the input instead, which may hold the password: so the text is scanned here for the spot
 * and V8's message is never shown.
 */
function describeJsonError(text: string, error: unknown): string {
  let offset = jsonErrorOffset(text);
  if (offset < 0 && error instanceof SyntaxError) offset = Number(/at position (\d+)/.exec(error.message)?.[1] ?? -1);
  if (offset < 0) return 'The text is not valid JSON.';
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  if (offset >= text.length) {
    return `The text is not valid JSON: it ends too early at line ${line}, column ${column} (a closing brace, bracket or quote is missing).`;
  }
  return `The text is not valid JSON: unexpected character at line ${line}, column ${column} (position ${offset}).`;
}

class JsonSyntaxAt {
  constructor(readonly offset: number) {}
}

/**
 * The offset of the first JSON syntax error in `text` (its length when the text ends too early), or -1.
 * Hand-written because JSON.parse does not report where for every error (see `describeJsonError`).
 */
function jsonErrorOffset(text: string): number {
  let at = 0;
  const fail = (offset: number): never => {
    throw new JsonSyntaxAt(Math.min(offset, text.length));
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at] ?? '')) at += 1;
  };
  const string = () => {
    at += 1;
    for (;;) {
      if (at >= text.length) fail(at);
      const char = text.charCodeAt(at);
      if (char === 0x22) {
        at += 1;
        return;
      }
      if (char < 0x20) fail(at);
      if (char === 0x5c) {
        const escape = text[at + 1] ?? '';
        if ('"\\/bfnrt'.includes(escape) && escape !== '') at += 2;
        else if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) at += 6;
        else fail(at + 1);
      } else {
        at += 1;
      }
    }
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === undefined) fail(at);
    else if (char === '{') {
      at += 1;
      space();
      if (text[at] === '}') {
        at += 1;
        return;
      }
      for (;;) {
        space();
        if (text[at] !== '"') fail(at);
        string();
        space();
        if (text[at] !== ':') fail(at);
        at += 1;
        value();
        space();
        if (text[at] === ',') at += 1;
        else if (text[at] === '}') {
          at += 1;
          return;
        } else fail(at);
      }
    } else if (char === '[') {
      at += 1;
      space();
      if (text[at] === ']') {
        at += 1;
        return;
      }
      for (;;) {
        value();
        space();
        if (text[at] === ',') at += 1;
        else if (text[at] === ']') {
          at += 1;
          return;
        } else fail(at);
      }
    } else if (char === '"') string();
    else if (char === '-' || (char >= '0' && char <= '9')) {
      const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
      number.lastIndex = at;
      if (number.exec(text) === null) fail(at + 1);
      at = number.lastIndex;
    } else {
      const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, at));
      if (literal === undefined) fail(at);
      else at += literal.length;
    }
  };
  try {
    value();
    space();
    return at < text.length ? at : -1;
  } catch (error) {
    if (error instanceof JsonSyntaxAt) return error.offset;
    return -1;
  }
}

/** Writes an account and its templates as Logto's SMTP connector config, without the password. */
export function toLogtoConfig(account: AccountView, templates: readonly TemplateView[]): { config: LogtoSmtpConfig; notes: LogtoNote[] } {
  const notes: LogtoNote[] = [];
  let transport: Pick<LogtoSmtpConfig, 'secure' | 'requireTLS' | 'ignoreTLS'>;
  switch (account.security) {
    case 'tls':
      transport = { secure: true };
      break;
    case 'starttls':
      transport = { secure: false, requireTLS: true };
      break;
    case 'none':
      transport = { secure: false, ignoreTLS: true };
      break;
    default:
      return assertNever(account.security);
  }
  const config: LogtoSmtpConfig = {
    host: account.host,
    port: account.port,
    auth: { type: 'login', user: account.username, pass: '' },
    fromEmail: formatAddress(account.fromName, account.fromAddress),
    ...(account.replyTo === '' ? {} : { replyTo: account.replyTo }),
    templates: templates.map(({ usageType, contentType, subject, content }) => ({ usageType, contentType, subject, content })),
    ...transport,
    ...(account.ehloName === '' ? {} : { name: account.ehloName }),
    ...(account.tlsServername === '' ? {} : { servername: account.tlsServername }),
  };
  if (account.hasPassword || account.username !== '') notes.push({ code: 'password-not-exported', detail: 'auth.pass' });
  if (account.hasCaCertificate) notes.push({ code: 'ca-certificate-not-exported', detail: 'tls.ca' });
  const missing = missingUsageTypes(templates);
  if (missing.length > 0) notes.push({ code: 'missing-required-usage-types', detail: missing.join(', ') });
  return { config, notes };
}

/** `Name <addr>`, the name quoted (RFC 5322) when it has anything but letters, digits, spaces and atext symbols. */
function formatAddress(name: string, address: string): string {
  if (name === '') return address;
  const phrase = /^[\p{L}\p{M}\p{N}!#$%&'*+\-/=?^_`{|}~]+(?: [\p{L}\p{M}\p{N}!#$%&'*+\-/=?^_`{|}~]+)*$/u.test(name)
    ? name
    : `"${name.replace(/["\\]/g, '\\$&')}"`;
  return `${phrase} <${address}>`;
}
