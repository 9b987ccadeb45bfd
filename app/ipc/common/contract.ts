/**
 * The one IPC contract: every request channel with the schema of its input and output, and every
 * pushed event with the schema of its payload. The preload's allowlist, the Electron registration, the
 * WebSocket host and the renderer client are all typed from this module.
 */
import { z } from 'zod';
import type { EventChannel, RequestChannel } from './channels';
import { DELIVERY_STATUSES } from '../../campaigns/common/delivery-state';
import { CLIENT_JSON_PROBLEMS, SEND_METHODS } from '../../oauth/common/google-oauth';
import { LOGTO_NOTE_CODES } from '../../logto/common/logto-notes';
import { columnMappingSchema, decodedTableSchema, encodingChoiceSchema, listImportErrorSchema, memberFieldsSchema, memberListReportSchema, memberSchema, rejectedRowSchema } from '../../lists/common/member-list';
import { PRESET_IDS, securitySchema } from '../../accounts/common/presets';
import { SMTP_DIAGNOSES, smtpFailureSchema } from '../../diagnosis/common/smtp-diagnosis';
import { MAILBOX_PROBLEMS } from '../../mailbox/common/mailbox-diagnosis';
import { folderCheckSchema, MEMBER_FILE_PROBLEMS, memberFilesChoiceSchema, memberFilesReportSchema } from '../../member-files/common/member-files';

// Shared pieces

export { securitySchema, type Security } from '../../accounts/common/presets';
export { smtpFailureSchema, type SmtpFailure } from '../../diagnosis/common/smtp-diagnosis';

const emailSchema = z.email({ error: 'Enter a valid e-mail address.' }).max(254);

/** A provider preset id. */
export const presetIdSchema = z.enum(PRESET_IDS);

/** An optional host name (EHLO name, TLS server name): ASCII letters, digits, dots and dashes. */
const optionalHostName = z
  .string()
  .trim()
  .max(253)
  .regex(/^[A-Za-z0-9.-]*$/, 'Use only ASCII letters, digits, dots and dashes (Gmail refuses a non-ASCII EHLO name).');

/** What the user types to create or edit an account. `password` absent on edit keeps the stored one. */
export const accountDraftSchema = z.object({
  /** Absent for a new account. */
  id: z.string().min(1).max(64).optional(),
  /** The provider preset the account was made from (`custom` for none). */
  presetId: presetIdSchema.default('custom'),
  /** The name shown in the app, e.g. "School office". */
  label: z.string().trim().min(1, 'Give the account a name.').max(80),
  /** SMTP host name or address. */
  host: z
    .string()
    .trim()
    .min(1, 'Enter the SMTP server host.')
    .max(253)
    .regex(/^[A-Za-z0-9.:[\]-]+$/, 'A host name has only letters, digits, dots and dashes.'),
  /** SMTP port. */
  port: z.coerce.number().int('The port is a whole number.').min(1, 'Ports run from 1 to 65535.').max(65535, 'Ports run from 1 to 65535.'),
  /** Connection security. */
  security: securitySchema,
  /** Login name; empty for a relay that authorises by IP address. */
  username: z.string().trim().max(254),
  /** The password or app password; absent means "keep the stored one". */
  password: z.string().max(1024).optional(),
  /** The From address. */
  fromAddress: emailSchema,
  /** The From display name. */
  fromName: z.string().trim().max(120),
  /** Reply-To address, or empty. */
  replyTo: z.union([z.literal(''), emailSchema]).default(''),
  /** Name sent in EHLO; empty lets nodemailer use the machine's name. */
  ehloName: optionalHostName.default(''),
  /** TLS server name (SNI and certificate check), when it differs from the host; empty = the host. */
  tlsServername: optionalHostName.default(''),
  /** Messages per rolling 24 hours the user allows; absent = the preset's limit. */
  dailyLimit: z.coerce.number().int().min(1).max(1_000_000).optional(),
  /** The admin's own https unsubscribe page for notices (`{token}` is replaced by the member's token), or empty: List-Unsubscribe then offers mail only. */
  unsubscribeUrl: z
    .string()
    .trim()
    .max(500)
    .refine((url) => url === '' || /^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[^\s<>"]*)?$/.test(url), 'Enter an address that starts with https://, or leave it empty.')
    .optional(),
  /** PEM of a CA to trust for this server in addition to the system's (self-hosted or test servers). */
  caCertificate: z
    .string()
    .trim()
    .max(64 * 1024)
    .refine((pem) => pem === '' || pem.includes('-----BEGIN CERTIFICATE-----'), 'Paste a PEM certificate (-----BEGIN CERTIFICATE-----).')
    .optional(),
});
/** An account draft after parsing (defaults applied): what the store receives. */
export type AccountDraft = z.output<typeof accountDraftSchema>;
/** An account draft as a caller may write it (defaults optional). */
export type AccountDraftInput = z.input<typeof accountDraftSchema>;


/** The steps of "Check", in order. */
export const CHECK_STEPS = ['dns', 'connect', 'tls', 'auth', 'mail-from'] as const;

/** The steps of "Check" for an OAuth account: a token refresh first, then SMTP's steps or one Gmail API call. */
export const OAUTH_CHECK_STEPS = ['token', 'api'] as const;

/** One step of "Check". */
export const checkStepSchema = z.object({
  /** Which step. */
  step: z.enum([...OAUTH_CHECK_STEPS, ...CHECK_STEPS]),
  /** `skipped`: not applicable (no TLS, no login, an IP address needs no DNS) or not reached. */
  status: z.enum(['ok', 'failed', 'skipped']),
  /** How long the step took, in milliseconds (0 when skipped). */
  durationMs: z.number(),
  /** What the step found: the resolved address, the TLS protocol and cipher, or the server's reply. */
  detail: z.string().optional(),
});
/** One step of "Check". */
export type CheckStep = z.infer<typeof checkStepSchema>;

/** The outcome of "Check": every step, and the failure if one failed. */
export const checkResultSchema = z.object({
  /** Passed when every applicable step is ok. */
  status: z.enum(['passed', 'failed']),
  /** All five steps, in order. */
  steps: z.array(checkStepSchema),
  /** The failure of the failed step. */
  failure: smtpFailureSchema.optional(),
  /** ISO time the check ran. */
  checkedAt: z.string(),
});
/** The outcome of "Check". */
export type CheckResult = z.infer<typeof checkResultSchema>;

/**
 * The provider's own word that the login's daily limit is reached: its reply, when it came, and when
 * sending can go on (`ledger`: the oldest send Mailroom knows of ages out of the rolling 24 hours;
 * `reply-plus-day`: no send is known, so 24 hours after the reply).
 */
export const providerLimitSchema = z.object({
  /** The server's reply, as it came (no secrets: replies never carry the password). */
  reply: z.string(),
  /** When the reply came (ISO). */
  repliedAt: z.string(),
  /** When sending can go on (ISO). */
  resumeAt: z.string(),
  /** How `resumeAt` was worked out. */
  basis: z.enum(['ledger', 'reply-plus-day']),
});
/** The provider's word on its daily limit. */
export type ProviderLimit = z.infer<typeof providerLimitSchema>;

/** An account as the renderer may see it: every field but the secret. */
export const accountViewSchema = z.object({
  /** Stable id. */
  id: z.string(),
  /** The preset it was made from. */
  presetId: presetIdSchema,
  /** Display name. */
  label: z.string(),
  /** SMTP host. */
  host: z.string(),
  /** SMTP port. */
  port: z.number().int(),
  /** Connection security. */
  security: securitySchema,
  /** Login name. */
  username: z.string(),
  /** Whether a password is stored (the password itself never leaves the main process). */
  hasPassword: z.boolean(),
  /** From address. */
  fromAddress: z.string(),
  /** From display name. */
  fromName: z.string(),
  /** Reply-To address, or empty. */
  replyTo: z.string(),
  /** EHLO name, or empty. */
  ehloName: z.string(),
  /** TLS server name, or empty. */
  tlsServername: z.string(),
  /** The user's daily limit, if lowered below the preset's. */
  dailyLimit: z.number().int().optional(),
  /** The admin's https unsubscribe page, when set. */
  unsubscribeUrl: z.string().optional(),
  /** Whether a custom CA certificate is set. */
  hasCaCertificate: z.boolean(),
  /** Messages this account handed over in the last 24 hours (rolling). */
  sentLast24h: z.number().int(),
  /** The daily limit in force: the user's, else the preset's; null when unknown. */
  effectiveDailyLimit: z.number().int().nullable(),
  /** While the provider says the login's daily limit is reached: its reply and when sending can go on. */
  providerLimit: providerLimitSchema.optional(),
  /** Whether the stored password can be decrypted here (false after a keychain change: ask for it again). */
  secretReadable: z.boolean(),
  /** The last "Check" of this account, if any. */
  lastCheck: checkResultSchema.optional(),
  /** How it logs in: a password, or Google OAuth (no secret in either). Absent: password. */
  auth: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('password') }),
    z.object({
      kind: z.literal('oauth'),
      /** SMTP with XOAUTH2 or the Gmail API. */
      sendMethod: z.enum(SEND_METHODS),
      /** The Google address the grant belongs to. */
      googleAddress: z.string(),
      /** The OAuth client id (public). */
      clientId: z.string(),
      /** The Cloud project, or empty. */
      projectId: z.string(),
      /** ISO time of the last consent. */
      connectedAt: z.string(),
      /** Whether a grant (refresh token) is stored. */
      hasGrant: z.boolean(),
      /** Google's error at the last refresh when only a new consent can help (`invalid_grant`, `invalid_rapt`, …). */
      grantProblem: z.string().optional(),
    }),
  ]).optional(),
  /** ISO time of creation. */
  createdAt: z.string(),
  /** ISO time of the last edit. */
  updatedAt: z.string(),
});
/** An account as the renderer sees it. */
export type AccountView = z.infer<typeof accountViewSchema>;

/** The outcome of "Send test". */
export const sendTestResultSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('sent'),
    /** The server's reply to the end of DATA, e.g. `250 2.0.0 OK queued as …`. */
    response: z.string(),
    /** The Message-ID header of the message sent. */
    messageId: z.string(),
    /** Recipients the server accepted. */
    accepted: z.array(z.string()),
    /** Wall time of the whole exchange, in milliseconds. */
    durationMs: z.number(),
  }),
  z.object({
    status: z.literal('failed'),
    /** What went wrong, with the server's reply. */
    failure: smtpFailureSchema,
    /** Wall time until the failure, in milliseconds. */
    durationMs: z.number(),
  }),
]);
/** The outcome of "Send test". */
export type SendTestResult = z.infer<typeof sendTestResultSchema>;

/** One message to send now (the `mailroom send` command): a saved template, or a subject with a text and/or HTML body. */
export const messageSendInputSchema = z
  .object({
    /** Sending account. */
    accountId: z.string().min(1).max(64),
    /** Recipients of the one message. */
    to: z.array(emailSchema).min(1).max(100),
    /** From display name for this message; absent: the account's. */
    fromName: z.string().trim().max(120).optional(),
    /** A saved template; its subject is used unless `subject` is given. */
    templateId: z.string().min(1).max(64).optional(),
    /** Subject, with {{placeholders}}. */
    subject: z.string().max(998).optional(),
    /** Plain-text body, with {{placeholders}}. */
    text: z.string().max(1024 * 1024).optional(),
    /** HTML body, with {{placeholders}}; its plain-text part is made from it unless `text` is given too. */
    html: z.string().max(1024 * 1024).optional(),
    /** Placeholder values, e.g. `{ code: "123456" }`. */
    vars: z.record(z.string().min(1).max(64), z.string().max(10_000)).default({}),
    /** Attachments. */
    attachments: z.array(z.lazy(() => attachmentSchema)).max(20).default([]),
  })
  .refine((m) => m.templateId !== undefined || (m.subject !== undefined && (m.text !== undefined || m.html !== undefined)), {
    error: 'Give a saved template, or a subject with a text or HTML body.',
  });
/** One message to send now. */
export type MessageSendInput = z.output<typeof messageSendInputSchema>;

/** Usage types Mailroom offers for its own templates; Logto imports may bring others (kept as written). */
export const USAGE_TYPES = ['Register', 'SignIn', 'ForgotPassword', 'Generic', 'Notice'] as const;

/** A message template as the user writes it. */
export const templateDraftSchema = z.object({
  /** Absent for a new template. */
  id: z.string().min(1).max(64).optional(),
  /** Name shown in the app. */
  name: z.string().trim().min(1, 'Give the template a name.').max(120),
  /** What the template is for: one of USAGE_TYPES, or a type imported from Logto. */
  usageType: z.string().trim().min(1).max(64),
  /** Body format. */
  contentType: z.enum(['text/plain', 'text/html']),
  /** Subject line, with {{placeholders}}. */
  subject: z.string().max(998),
  /** Body, with {{placeholders}}. */
  content: z.string().max(1024 * 1024),
});
/** A template draft after parsing. */
export type TemplateDraft = z.output<typeof templateDraftSchema>;

/** A saved template. */
export const templateViewSchema = templateDraftSchema.extend({
  /** Stable id. */
  id: z.string(),
  /** ISO time of the last edit. */
  updatedAt: z.string(),
});
/** A saved template. */
export type TemplateView = z.infer<typeof templateViewSchema>;

/** A member list as saved. */
export const memberListSchema = z.object({
  /** Stable id. */
  id: z.string(),
  /** The list's name. */
  name: z.string(),
  /** Column headers of the source (`email`, `name` for pasted lists). */
  columns: z.array(z.string()),
  /** The mapping used, remembered for the next import into this list. */
  mapping: columnMappingSchema,
  /** The members. */
  members: z.array(memberSchema),
  /** Rows of the last import that did not become members. */
  rejected: z.array(rejectedRowSchema),
  /** Where the members came from. */
  source: z.object({
    /** `file` or `paste`. */
    kind: z.enum(['file', 'paste']),
    /** File name, for files. */
    fileName: z.string().optional(),
    /** Encoding read, for files. */
    encoding: z.string().optional(),
  }),
  /** ISO time of the last change. */
  updatedAt: z.string(),
});
/** A member list as saved. */
export type MemberList = z.infer<typeof memberListSchema>;

/** A list as the lists screen shows it, without its members. */
export const memberListSummarySchema = memberListSchema.omit({ members: true, rejected: true }).extend({
  /** How many members. */
  memberCount: z.number().int(),
  /** How many rows were rejected at import. */
  rejectedCount: z.number().int(),
});
/** A list without its members. */
export type MemberListSummary = z.infer<typeof memberListSummarySchema>;

/** What an import or paste did: the saved list, and every row that did not become a member. */
const listImportResultSchema = z.object({
  /** The saved list. */
  list: memberListSummarySchema,
  /** Members accepted and rows rejected, with counts. */
  report: memberListReportSchema,
});

/** A file as the renderer hands it over: its name and bytes (base64). */
const fileInputSchema = z.object({
  /** The file's name. */
  fileName: z.string().max(255),
  /** The bytes, base64 (the size is checked before decoding). */
  base64: z.string().max(28 * 1024 * 1024),
});

/** One suppressed address. */
export const suppressionEntrySchema = z.object({
  /** The address, normalised. */
  email: z.string(),
  /** Why it is suppressed. */
  reason: z.string(),
  /** ISO time it was added. */
  addedAt: z.string(),
});
/** One suppressed address. */
export type SuppressionEntry = z.infer<typeof suppressionEntrySchema>;

/** The template a compose uses: a saved one by id, or one written in place. */
export const composeTemplateSchema = z.union([z.object({ templateId: z.string().min(1).max(64) }), z.object({ inline: templateDraftSchema })]);

/** An attachment chosen in compose. */
export const attachmentSchema = z.object({
  /** File name as the member will see it. */
  fileName: z.string().min(1).max(255),
  /** MIME type, or empty to guess from the name. */
  contentType: z.string().max(255),
  /** The bytes, base64. */
  base64: z.string().max(40 * 1024 * 1024),
});
/** An attachment chosen in compose. */
export type Attachment = z.infer<typeof attachmentSchema>;

/** Everything compose has chosen. */
export const composeInputSchema = z.object({
  /** Sending account. */
  accountId: z.string().min(1).max(64),
  /** Member list. */
  listId: z.string().min(1).max(64),
  /** Template. */
  template: composeTemplateSchema,
  /** Reply-To for this send, or empty for the account's. */
  replyTo: z.union([z.literal(''), z.email()]).default(''),
  /** Attachments. */
  attachments: z.array(attachmentSchema).max(20).default([]),
  /** Members (by address key) the user chose to leave out. */
  excluded: z.array(z.string().max(254)).max(100_000).default([]),
  /** Pace in messages per minute; absent = the provider preset's. */
  perMinute: z.number().int().min(1).max(6000).optional(),
  /** Per-member attachments: the column naming each member's files and the folder they are in (main reads them). */
  memberFiles: memberFilesChoiceSchema.optional(),
  /** The page's language (a BCP 47 tag), for the date in a new campaign's default name; absent: the admin's setting, or the OS's. */
  locale: z
    .string()
    .max(35)
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/)
    .optional(),
});
/** Everything compose has chosen. */
export type ComposeInput = z.output<typeof composeInputSchema>;

/** One member's message, exactly as it will be sent. */
export const messagePreviewSchema = z.object({
  /** `"Name" <address>` of the sender. */
  from: z.string(),
  /** `"Name" <address>` of the member. */
  to: z.string(),
  /** Reply-To, or empty. */
  replyTo: z.string(),
  /** Subject, placeholders filled. */
  subject: z.string(),
  /** The plain-text part. */
  text: z.string(),
  /** The HTML part, for text/html templates. */
  html: z.string().optional(),
  /** Attachments: name and size in bytes. */
  attachments: z.array(z.object({ fileName: z.string(), size: z.number().int() })),
  /** This member's own files (per-member attachments): name and size in bytes. */
  memberFiles: z.array(z.object({ fileName: z.string(), size: z.number().int() })).optional(),
  /** This member's files that cannot be attached, and why. */
  memberFilesMissing: z.array(z.object({ name: z.string(), problem: z.enum(MEMBER_FILE_PROBLEMS) })).optional(),
});
/** One member's message. */
export type MessagePreview = z.infer<typeof messagePreviewSchema>;

/** Where a campaign is: created; sending; paused by the user or by a failure; waiting for the daily limit; done; cancelled; waiting for the time the admin set. */
export const CAMPAIGN_STATUSES = ['ready', 'running', 'paused', 'waiting-for-quota', 'completed', 'cancelled', 'scheduled'] as const;

/** One member's row in a campaign, as the results table shows it. */
export const campaignRowSchema = z.object({
  /** Index in the campaign's recipients. */
  index: z.number().int(),
  /** The member's address. */
  email: z.string(),
  /** The member's name. */
  name: z.string(),
  /** The delivery state. */
  status: z.enum(DELIVERY_STATUSES),
  /** The server's reply (sent, failed, deferred) or why (skipped, unknown). */
  detail: z.string(),
  /** Message-ID, when one was given. */
  messageId: z.string().optional(),
  /** Diagnosis of a failure or deferral. */
  diagnosis: z.enum(SMTP_DIAGNOSES).optional(),
  /** The whole failure of a failed or deferred row, for its explanation. */
  failure: smtpFailureSchema.optional(),
  /** ISO time of the last change (of a deferred row: its next try), when known. */
  at: z.string().optional(),
  /** Of a bounced row: hard, soft or policy. */
  bounce: z.enum(['hard', 'soft', 'policy']).optional(),
  /** Of a bounced row: whether the report says the address is gone (offer suppression). */
  addressGone: z.boolean().optional(),
  /** How many times this member's message has been tried, over every run. */
  attempts: z.number().int().optional(),
  /** Of a bounced, unsubscribed or failed row: whether the address is on the suppression list now. */
  suppressed: z.boolean().optional(),
  /** Of a bounced or unsubscribed row: the address was suppressed automatically as the report was recorded. */
  autoSuppressed: z.boolean().optional(),
});
/** One member's row in a campaign. */
export type CampaignRow = z.infer<typeof campaignRowSchema>;

/**
 * Counts of rows by delivery state: every state a key. An object rather than a record keyed by the
 * states: the same shape, checked at half the cost (it is checked once per campaign of every history page).
 */
export const campaignCountsSchema = z.object(
  Object.fromEntries(DELIVERY_STATUSES.map((status) => [status, z.number().int()])) as { [S in (typeof DELIVERY_STATUSES)[number]]: z.ZodNumber },
);

/** A campaign as the history shows it. */
export const campaignSummarySchema = z.object({
  /** Stable id. */
  id: z.string(),
  /** Its name: by default the subject as the first member got it and the date; the admin may rename it. */
  name: z.string(),
  /** When it was archived (hidden from the history unless archived ones are shown), ISO. */
  archivedAt: z.string().optional(),
  /** Account label at creation. */
  accountLabel: z.string(),
  /** List name at creation. */
  listName: z.string(),
  /** Subject template. */
  subject: z.string(),
  /** Recipients in the snapshot. */
  recipients: z.number().int(),
  /** Where the campaign is. */
  status: z.enum(CAMPAIGN_STATUSES),
  /** ISO creation time. */
  createdAt: z.string(),
  /** Counts by delivery state (the history's summary), when known. */
  counts: campaignCountsSchema.optional(),
  /** When a scheduled campaign starts (ISO). */
  scheduledAt: z.string().optional(),
});
/** A campaign as the history shows it. */
export type CampaignSummary = z.infer<typeof campaignSummarySchema>;

/** How many campaigns one page of the history holds at most. */
export const HISTORY_PAGE_MAX = 100;
/** How many campaigns the history screen shows on one page (and asks for). */
export const HISTORY_PAGE_SIZE = 20;

/** One page of the history, newest first, and how many campaigns there are in all. */
export const campaignHistoryPageSchema = z.object({
  /** The campaigns of the page asked for. */
  campaigns: z.array(campaignSummarySchema),
  /** How many campaigns the history holds. */
  total: z.number().int(),
});
/** One page of the history. */
export type CampaignHistoryPage = z.infer<typeof campaignHistoryPageSchema>;

/** One campaign with every row: what a window that opens mid-campaign loads before the event stream. */
export const campaignDetailSchema = z.object({
  /** The summary. */
  campaign: campaignSummarySchema,
  /** Every member's row, or the window asked for (`offset`/`limit`, optionally of one state). */
  rows: z.array(campaignRowSchema),
  /** How many rows the whole view has (every row, or those of the state asked for). */
  total: z.number().int().optional(),
  /** Counts by state. */
  counts: campaignCountsSchema,
  /** The failure that paused it, if any. */
  failure: smtpFailureSchema.optional(),
  /** When a campaign waiting for the daily limit can go on (ISO). */
  resumeAt: z.string().optional(),
  /** While the provider says the account's daily limit is reached: its reply and when sending can go on. */
  providerLimit: providerLimitSchema.optional(),
  /** The sending account's preset (for provider-specific explanations), while the account exists. */
  presetId: z.enum(PRESET_IDS).optional(),
  /** A scheduled campaign whose time passed while the app was closed: when it was due and when it started. */
  lateStart: z.object({ scheduledAt: z.string(), startedAt: z.string() }).optional(),
});
/** One campaign with every row. */
export type CampaignDetail = z.infer<typeof campaignDetailSchema>;

/** A mailbox server the user names for an account (where a relay's bounces land). */
export const mailboxServerSchema = z.object({
  /** IMAP host. */
  host: z.string().min(1).max(253),
  /** IMAP port. */
  port: z.number().int().min(1).max(65535),
  /** Connection security (`none` only on loopback). */
  security: z.enum(['tls', 'starttls', 'none']),
});

/** Whether a campaign's account has a mailbox to read (the "Check for bounces now" button), and whether it is watched. */
export const mailboxStatusSchema = z.object({
  /** The account whose mailbox it is. */
  accountId: z.string(),
  /** Where it is: a server, or none (relays and sending services, a custom server not named yet). */
  place: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('imap'), server: mailboxServerSchema, named: z.boolean() }),
    z.object({ kind: z.literal('none'), reason: z.enum(['relay', 'sending-service', 'user-named']) }),
  ]),
  /** Whether a watcher reads it now (a campaign of the account was sent in the last 72 hours). */
  watching: z.boolean(),
  /** When watching ends (ISO time): 72 hours after the account's last send, or as the admin extended it; null once it has ended or was stopped, or with nothing to watch for. */
  watchUntil: z.string().nullable().optional(),
  /** How many of this campaign's hard-bounced addresses are not on the suppression list yet. */
  hardBounced: z.number().int().optional(),
});
/** A campaign's mailbox status. */
export type MailboxStatus = z.infer<typeof mailboxStatusSchema>;

/** The answer of "Check for bounces now". */
export const mailboxCheckSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    summary: z.object({
      sourcesFetched: z.number().int(),
      bounces: z.number().int(),
      delayed: z.number().int(),
      unsubscribes: z.number().int(),
      autoReplies: z.number().int(),
      unmatched: z.number().int(),
      uidValidityChanged: z.array(z.string()),
    }),
  }),
  z.object({ ok: z.literal(false), problem: z.enum([...MAILBOX_PROBLEMS, 'no-mailbox']), reason: z.enum(['relay', 'sending-service', 'user-named']).optional() }),
]);

/** The automatic suppression settings of the mailbox watcher (every campaign; both off by default). */
export const mailboxOptionsSchema = z.object({
  /** A hard bounce (the address is gone) puts the address on the suppression list as it is recorded. */
  autoSuppressHardBounces: z.boolean(),
  /** An unsubscribe reply from the member's own address is suppressed without review (others still wait for review). */
  autoSuppressUnsubscribes: z.boolean(),
});
/** The mailbox watcher's automatic suppression settings. */
export type MailboxOptions = z.infer<typeof mailboxOptionsSchema>;

/** Both automatic suppressions off: the admin decides. */
export const DEFAULT_MAILBOX_OPTIONS: MailboxOptions = { autoSuppressHardBounces: false, autoSuppressUnsubscribes: false };

/** One unsubscribe reply waiting for review. */
export const unsubscribeReviewSchema = z.object({
  reportId: z.string(),
  campaignId: z.string(),
  subject: z.string(),
  memberIndex: z.number().int(),
  email: z.string(),
  from: z.string(),
  fromIsMember: z.boolean(),
  excerpt: z.string(),
  receivedAt: z.string(),
});
/** One unsubscribe reply waiting for review. */
export type UnsubscribeReviewRow = z.infer<typeof unsubscribeReviewSchema>;

/** A From alignment finding: `login-mismatch` (a must-match preset's From is not the login) or `free-mail-domain` (DMARC: a relay cannot sign for it). */
export const fromIssueSchema = z.object({
  kind: z.enum(['login-mismatch', 'free-mail-domain']),
  /** `block` where the provider refuses such a From; `warn` otherwise. */
  severity: z.enum(['warn', 'block']),
  /** The From address. */
  fromAddress: z.string(),
  /** The login. */
  login: z.string(),
  /** The From address's domain. */
  domain: z.string(),
});
/** A From alignment finding. */
export type FromIssue = z.infer<typeof fromIssueSchema>;

/** A placeholder that cannot be filled and the closest one the list offers. */
export const placeholderHintSchema = z.object({ path: z.string(), suggestion: z.string().nullable() });

/** The pre-flight report: what will happen if the user presses Send now. */
export const preflightReportSchema = z.object({
  /** How many messages will be sent. */
  willSend: z.number().int(),
  /** Members not mailed and why: rejected at import, or suppressed since. */
  skipped: z.array(rejectedRowSchema),
  /** Members the user left out. */
  excluded: z.array(z.object({ line: z.number().int(), email: z.string() })),
  /** Members whose placeholders cannot be filled: blocking until fixed or excluded. */
  unfillable: z.array(z.object({ line: z.number().int(), email: z.string(), missing: z.array(z.string()) })),
  /** Members with placeholders that are present but empty: a warning. */
  emptyValues: z.array(z.object({ line: z.number().int(), email: z.string(), empty: z.array(z.string()) })),
  /** Template syntax Mailroom does not support (blocking). */
  unsupported: z.array(z.string()),
  /** Attachments: total encoded size against the provider's limit. */
  size: z.object({ encodedBytes: z.number().int(), limitBytes: z.number().int().nullable(), tooLarge: z.boolean() }),
  /** Gmail would rewrite the From address. */
  fromRewritten: z.boolean(),
  /** Today's quota and when the send would finish. */
  quota: z.object({
    /** The daily limit in force, or null when unknown. */
    dailyLimit: z.number().int().nullable(),
    /** Sent in the last 24 hours. */
    sentLast24h: z.number().int(),
    /** Whether everything fits in what is left today. */
    fitsToday: z.boolean(),
    /** Messages per minute the campaign will be paced at. */
    perMinute: z.number(),
    /** Estimated finish (ISO), under pacing and the daily limit. */
    estimatedFinish: z.string(),
    /** Days (counting today) the send takes under the daily limit. */
    daysNeeded: z.number().int().optional(),
    /** The send takes several days: pre-flight names a sending service or a list server as the way out. */
    outgrown: z.boolean().optional(),
  }),
  /** While the provider says the account's daily limit is reached: its reply and when sending can go on (the campaign waits until then). */
  providerLimit: providerLimitSchema.optional(),
  /** From alignment findings (a From the provider may rewrite or refuse, a free-mail domain the account cannot sign for). */
  fromIssues: z.array(fromIssueSchema).optional(),
  /** Whether anything blocks sending. */
  blocked: z.boolean(),
  /** The placeholders the list offers (its column headers, then the `name`/`email` aliases), for the words about unfillable ones. */
  offered: z.array(z.string()).optional(),
  /** Each unfillable placeholder with the closest offered one, when one is near. */
  hints: z.array(placeholderHintSchema).optional(),
  /** Per-member attachments: missing, unreadable or too-large files by member, when a column is chosen. */
  memberFiles: memberFilesReportSchema.optional(),
});
/** The pre-flight report. */
export type PreflightReport = z.infer<typeof preflightReportSchema>;

/** User preferences kept by the main process. */
export const settingsSchema = z.object({
  /** UI language; `system` follows the OS/browser locale. */
  language: z.enum(['system', 'ko', 'en']),
  /** Colour theme; `system` follows the OS. */
  theme: z.enum(['system', 'light', 'dark']),
});
/** User preferences. */
export type Settings = z.infer<typeof settingsSchema>;

/** Preferences used before the user chooses any. */
export const DEFAULT_SETTINGS: Settings = { language: 'system', theme: 'system' };

/** How saved passwords are protected here, and whether they can be used now. */
export const secretsStatusSchema = z.object({
  /** `keychain:<backend>` or `passphrase`. */
  protection: z.string(),
  /** `ready`: usable; `locked`: the passphrase must be entered first. */
  state: z.enum(['ready', 'locked']),
  /** Whether a passphrase was chosen before (unlock) or not yet (choose one). */
  passphraseSet: z.boolean(),
});
/** How saved passwords are protected here. */
export type SecretsStatus = z.infer<typeof secretsStatusSchema>;

/** Facts about the running host. */
export const appInfoSchema = z.object({
  /** App version from package.json. */
  version: z.string(),
  /** Which host serves the handlers. */
  host: z.enum(['electron', 'web']),
});
/** Facts about the running host. */
export type AppInfo = z.infer<typeof appInfoSchema>;

const idInputSchema = z.object({ id: z.string().min(1).max(64) });
/** A list export's format: listmonk's subscriber import CSV, or a plain CSV (UTF-8 with BOM) for a spreadsheet. */
export const exportFormatSchema = z.enum(['listmonk', 'csv']);
/** An exported file: its name, its text, rows written and members left out as suppressed. */
export const exportFileSchema = z.object({ fileName: z.string(), content: z.string(), exported: z.number().int(), suppressed: z.number().int() });

/** What is wrong with a client JSON, or what it holds. */
export const clientInspectionSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    /** The client id (public). */
    clientId: z.string(),
    /** The Cloud project, or empty. */
    projectId: z.string(),
    /** Host of the authorization endpoint (where the browser will go). */
    authHost: z.string(),
  }),
  z.object({
    ok: z.literal(false),
    /** What is wrong. */
    problem: z.enum(CLIENT_JSON_PROBLEMS),
    /** The field concerned. */
    field: z.string().optional(),
  }),
]);
/** What is wrong with a client JSON, or what it holds. */
export type ClientInspection = z.infer<typeof clientInspectionSchema>;

/** How a consent ended. */
export const oauthConnectResultSchema = z.discriminatedUnion('status', [
  /** Connected: the saved account. */
  z.object({ status: z.literal('connected'), account: accountViewSchema }),
  /** The user cancelled in Mailroom, or a newer consent replaced this one. */
  z.object({ status: z.literal('cancelled') }),
  /** Nobody came back from the browser in time. */
  z.object({ status: z.literal('timed-out') }),
  /** Google came back with an error (the user pressed Cancel: `access_denied`; a policy). */
  z.object({ status: z.literal('denied'), error: z.string(), description: z.string() }),
  /** The client JSON is not usable. */
  z.object({ status: z.literal('invalid-client'), problem: z.enum(CLIENT_JSON_PROBLEMS), field: z.string().optional() }),
  /** The code exchange or a check after it failed. */
  z.object({ status: z.literal('failed'), failure: smtpFailureSchema }),
]);
/** How a consent ended. */
export type OAuthConnectResult = z.infer<typeof oauthConnectResultSchema>;

/** Something the Logto import or export wants the user to know; the renderer words it by `code`. */
const logtoNoteSchema = z.object({
  /** What kind of note. */
  code: z.enum(LOGTO_NOTE_CODES),
  /** Field, header, usage-type or placeholder names, shown as they are. */
  detail: z.string(),
});

/** What Compose keeps in a draft: its choices and the message written there (shared attachments are not kept; the per-member attachments choice is). */
export const composeDraftDataSchema = z.object({
  /** Account id, or empty. */
  accountId: z.string().max(64),
  /** List id, or empty. */
  listId: z.string().max(64),
  /** A saved template's id, or `inline`. */
  templateId: z.string().max(64),
  /** The message written in Compose. */
  inline: z.object({ contentType: z.enum(['text/plain', 'text/html']), subject: z.string().max(998), content: z.string().max(1_000_000) }),
  /** Reply-To as typed. */
  replyTo: z.string().max(320),
  /** Members left out, by address key. */
  excluded: z.array(z.string().max(254)).max(100_000),
  /** Pace as typed. */
  perMinute: z.string().max(16),
  /** The per-member attachments choice (column and folder). */
  memberFiles: memberFilesChoiceSchema.optional(),
});
/** What Compose keeps in a draft. */
export type ComposeDraftData = z.infer<typeof composeDraftDataSchema>;

/** A saved draft without its data, for the drafts list. */
export const draftSummarySchema = z.object({ id: z.string(), title: z.string(), updatedAt: z.string() });
/** A saved draft without its data. */
export type DraftSummary = z.infer<typeof draftSummarySchema>;

// The contract

/** Every request channel: input and output schema. */
export const requests = {
  'app:info': { input: z.void(), output: appInfoSchema },
  'settings:get': { input: z.void(), output: settingsSchema },
  'settings:save': { input: settingsSchema, output: settingsSchema },
  'accounts:list': { input: z.void(), output: z.array(accountViewSchema) },
  'accounts:save': { input: accountDraftSchema, output: accountViewSchema },
  'accounts:remove': { input: idInputSchema, output: z.object({ id: z.string() }) },
  'accounts:send-test': {
    input: z.object({ accountId: z.string().min(1).max(64), to: emailSchema }),
    output: sendTestResultSchema,
  },
  'messages:send': { input: messageSendInputSchema, output: sendTestResultSchema },
  'accounts:check': { input: idInputSchema, output: checkResultSchema },
  // The page gets where the file went, never its content or passphrase (the host saves and shows those).
  'accounts:export': {
    input: z.object({ ids: z.array(z.string().min(1).max(64)).max(1000) }),
    output: z.discriminatedUnion('status', [
      z.object({ status: z.literal('saved'), count: z.number().int(), location: z.string(), passphraseShownIn: z.enum(['dialog', 'terminal']) }),
      z.object({ status: z.literal('cancelled') }),
    ]),
  },
  'accounts:import': {
    input: z.object({ content: z.string().max(16 * 1024 * 1024), passphrase: z.string().max(1024) }),
    output: z.object({ imported: z.number().int(), skipped: z.number().int() }),
  },
  'accounts:import-logto': {
    input: z.object({ text: z.string().max(4 * 1024 * 1024), mode: z.enum(['ask', 'update', 'new']).default('ask') }),
    output: z.object({
      status: z.enum(['imported', 'updated', 'matches-existing']),
      account: accountViewSchema,
      templates: z.array(templateViewSchema),
      notes: z.array(logtoNoteSchema),
    }),
  },
  'accounts:export-logto': {
    input: z.object({ accountId: z.string().min(1).max(64), templateIds: z.array(z.string().min(1).max(64)).max(1000) }),
    output: z.object({ fileName: z.string(), content: z.string(), notes: z.array(logtoNoteSchema) }),
  },
  'templates:list': { input: z.void(), output: z.array(templateViewSchema) },
  'templates:save': { input: templateDraftSchema, output: templateViewSchema },
  'templates:remove': { input: idInputSchema, output: z.object({ id: z.string() }) },
  'templates:starters': { input: z.void(), output: z.array(templateDraftSchema.extend({ language: z.enum(['ko', 'en']), fields: z.array(z.string()) })) },
  'lists:list': { input: z.void(), output: z.array(memberListSummarySchema) },
  'lists:get': { input: idInputSchema, output: memberListSchema },
  'lists:inspect': {
    input: fileInputSchema.extend({ encoding: encodingChoiceSchema }),
    output: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), table: decodedTableSchema.omit({ rows: true }), sample: z.array(z.array(z.string())), rowCount: z.number().int(), guessed: z.object({ address: z.number().int().nullable(), name: z.number().int().nullable() }) }),
      z.object({ ok: z.literal(false), error: listImportErrorSchema }),
    ]),
  },
  'lists:import': {
    input: fileInputSchema.extend({ listId: z.string().max(64).optional(), name: z.string().trim().min(1).max(120), encoding: encodingChoiceSchema, mapping: columnMappingSchema }),
    output: listImportResultSchema,
  },
  'lists:paste': { input: z.object({ listId: z.string().max(64).optional(), name: z.string().trim().min(1).max(120), text: z.string().max(5 * 1024 * 1024) }), output: listImportResultSchema },
  'lists:rename': { input: z.object({ id: z.string().min(1).max(64), name: z.string().trim().min(1).max(120) }), output: memberListSummarySchema },
  'lists:remove': { input: idInputSchema, output: z.object({ id: z.string() }) },
  'lists:set-members': {
    input: z.object({ id: z.string().min(1).max(64), members: z.array(z.object({ email: z.string().max(320), name: z.string().max(200), fields: memberFieldsSchema })).max(100_000) }),
    output: listImportResultSchema,
  },
  'lists:report-csv': { input: idInputSchema, output: z.object({ fileName: z.string(), content: z.string() }) },
  'lists:export': { input: idInputSchema.extend({ format: exportFormatSchema }), output: exportFileSchema },
  /** A window of a list's members (the virtual table asks for the rows it shows), and how many there are. */
  'lists:members': {
    input: z.object({ listId: z.string().min(1).max(64), offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000), query: z.string().max(320).optional() }),
    /** With a query: the window of the members whose address or name contains it, their positions in the list, and how many match. */
    output: z.object({ members: z.array(memberSchema), total: z.number().int(), positions: z.array(z.number().int()).optional() }),
  },
  'lists:header': { input: idInputSchema, output: memberListSummarySchema.extend({ rejected: z.array(rejectedRowSchema) }) },
  'lists:edit-members': {
    input: z.object({
      id: z.string().min(1).max(64),
      /** Changed rows, by position in the saved list. */
      edits: z.array(z.object({ position: z.number().int().min(0), email: z.string().max(320), name: z.string().max(200) })).max(10_000),
      /** Removed rows, by position in the saved list. */
      removed: z.array(z.number().int().min(0)).max(100_000),
      /** New rows, added at the end. */
      added: z.array(z.object({ email: z.string().max(320), name: z.string().max(200), fields: memberFieldsSchema })).max(10_000),
    }),
    output: listImportResultSchema,
  },
  'suppression:list': { input: z.void(), output: z.array(suppressionEntrySchema) },
  'suppression:add': { input: z.object({ text: z.string().max(5 * 1024 * 1024), reason: z.string().max(200) }), output: z.object({ added: z.number().int(), invalid: z.array(z.string()) }) },
  'suppression:remove': { input: z.object({ email: z.string().max(320) }), output: z.object({ email: z.string() }) },
  'suppression:export': { input: z.object({ format: exportFormatSchema }), output: exportFileSchema },
  'compose:preview': {
    input: composeInputSchema.extend({ memberIndex: z.number().int().min(0) }),
    output: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), memberCount: z.number().int(), message: messagePreviewSchema }),
      z.object({
        ok: z.literal(false),
        memberCount: z.number().int(),
        missing: z.array(z.string()),
        unsupported: z.array(z.string()),
        offered: z.array(z.string()).optional(),
        hints: z.array(placeholderHintSchema).optional(),
      }),
    ]),
  },
  'compose:preflight': { input: composeInputSchema, output: preflightReportSchema },
  'campaigns:create': { input: composeInputSchema, output: z.object({ id: z.string(), recipients: z.number().int() }) },
  'compose:send-to-me': {
    input: composeInputSchema.extend({ memberIndex: z.number().int().min(0), language: z.enum(['ko', 'en']).default('en') }),
    output: z.object({ to: z.string(), subject: z.string(), member: z.string(), result: sendTestResultSchema }),
  },
  'member-files:pick-folder': { input: z.void(), output: z.discriminatedUnion('status', [z.object({ status: z.literal('chosen'), folder: z.string() }), z.object({ status: z.enum(['cancelled', 'unavailable']) })]) },
  'member-files:check-folder': { input: z.object({ folder: z.string().min(1).max(4096) }), output: folderCheckSchema },
  'drafts:list': { input: z.void(), output: z.array(draftSummarySchema) },
  'drafts:get': { input: idInputSchema, output: draftSummarySchema.extend({ data: composeDraftDataSchema }) },
  'drafts:save': { input: z.object({ id: z.string().min(1).max(64).optional(), title: z.string().max(998), data: composeDraftDataSchema }), output: draftSummarySchema },
  'drafts:remove': { input: idInputSchema, output: z.object({ id: z.string() }) },
  'campaigns:list': { input: z.void(), output: z.array(campaignSummarySchema) },
  'campaigns:history': {
    input: z.object({ offset: z.number().int().min(0), limit: z.number().int().min(1).max(HISTORY_PAGE_MAX) }),
    output: campaignHistoryPageSchema,
  },
  'campaigns:get': {
    input: idInputSchema.extend({ offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(1000).optional(), status: z.enum(DELIVERY_STATUSES).optional() }),
    output: campaignDetailSchema,
  },
  'campaigns:start': { input: idInputSchema, output: campaignSummarySchema },
  'campaigns:pause': { input: idInputSchema, output: campaignSummarySchema },
  'campaigns:cancel': { input: idInputSchema, output: campaignSummarySchema },
  'campaigns:schedule': {
    input: z.object({ id: z.string().min(1).max(64), at: z.union([z.iso.datetime({ offset: true }), z.null()]) }),
    output: campaignSummarySchema,
  },
  'campaigns:requeue': {
    input: z.object({
      id: z.string().min(1).max(64),
      which: z.enum(['failed', 'unknown']),
      /** With `failed`: also the permanent failures (address gone, 5.1.x), which are left out unless the admin includes them. */
      includePermanent: z.boolean().default(false),
    }),
    output: campaignSummarySchema,
  },
  'campaigns:export': { input: idInputSchema, output: z.object({ fileName: z.string(), content: z.string() }) },
  'campaigns:rename': { input: z.object({ id: z.string().min(1).max(64), name: z.string().max(2000) }), output: campaignSummarySchema },
  'campaigns:archive': { input: z.object({ id: z.string().min(1).max(64), archived: z.boolean() }), output: campaignSummarySchema },
  'campaigns:delete': { input: idInputSchema, output: z.object({ id: z.string() }) },
  'campaigns:duplicate': { input: idInputSchema, output: draftSummarySchema },
  'campaigns:list-archived': { input: z.void(), output: z.array(campaignSummarySchema) },
  'mailbox:status': { input: idInputSchema, output: mailboxStatusSchema },
  'mailbox:watch': { input: z.object({ id: z.string().min(1).max(64), action: z.enum(['stop', 'extend']) }), output: mailboxStatusSchema },
  'mailbox:set-server': { input: z.object({ id: z.string().min(1).max(64), server: mailboxServerSchema }), output: mailboxStatusSchema },
  'mailbox:check': { input: idInputSchema, output: mailboxCheckSchema },
  'mailbox:unsubscribes': { input: z.void(), output: z.array(unsubscribeReviewSchema) },
  'mailbox:review': { input: z.object({ reportId: z.string().min(1).max(1000), action: z.enum(['suppress', 'dismiss']) }), output: z.object({ email: z.string(), suppressed: z.boolean() }) },
  'mailbox:suppress-bounced': {
    input: z.object({ id: z.string().min(1).max(64), index: z.number().int().min(0).optional() }),
    output: z.object({ added: z.number().int(), emails: z.array(z.string()) }),
  },
  'mailbox:options': { input: z.void(), output: mailboxOptionsSchema },
  'mailbox:set-options': { input: mailboxOptionsSchema, output: mailboxOptionsSchema },
  'oauth:import-client': { input: z.object({ text: z.string().max(64 * 1024) }), output: clientInspectionSchema },
  'oauth:connect': {
    input: z.object({
      /** The account to reconnect; absent for a new one. */
      accountId: z.string().min(1).max(64).optional(),
      /** The client JSON; may be left out on a reconnect (the stored client is used). */
      clientJson: z.string().max(64 * 1024).optional(),
      /** How the account will send. */
      sendMethod: z.enum(SEND_METHODS),
      /** Display name of a new account. */
      label: z.string().trim().max(80).default(''),
      /** From display name of a new account. */
      fromName: z.string().trim().max(120).default(''),
    }),
    output: oauthConnectResultSchema,
  },
  'oauth:cancel': { input: z.void(), output: z.object({ cancelled: z.boolean() }) },
  'secrets:status': { input: z.void(), output: secretsStatusSchema },
  'secrets:unlock': { input: z.object({ passphrase: z.string().min(1).max(1024) }), output: secretsStatusSchema },
} as const satisfies Record<RequestChannel, { input: z.ZodType; output: z.ZodType }>;

/** Every pushed event: payload schema. */
export const events = {
  'accounts:changed': z.object({ accounts: z.array(accountViewSchema) }),
  'lists:changed': z.object({ lists: z.array(memberListSummarySchema) }),
  'templates:changed': z.object({ templates: z.array(templateViewSchema) }),
  'oauth:consent': z.object({
    /** The authorization URL to open (no secret in it: PKCE keeps the verifier in the main process). */
    url: z.string(),
    /** Whether the host opened it in the system browser itself. */
    opened: z.boolean(),
  }),
  'campaigns:progress': z.object({
    /** The campaign. */
    id: z.string(),
    /** Only the rows that changed. */
    changes: z.array(campaignRowSchema),
    /** Counts over all rows. */
    counts: campaignCountsSchema,
    /** The campaign's status now. */
    status: z.enum(CAMPAIGN_STATUSES),
    /** Of a scheduled campaign: when it starts; of one waiting for the daily limit: when it can go on (ISO). */
    at: z.string().optional(),
  }),
} as const satisfies Record<EventChannel, z.ZodType>;

/** The input type of a request channel (what the caller passes). */
export type RequestInput<C extends RequestChannel> = z.input<(typeof requests)[C]['input']>;
/** The parsed input a handler receives. */
export type HandlerInput<C extends RequestChannel> = z.output<(typeof requests)[C]['input']>;
/** The output type of a request channel. */
export type RequestOutput<C extends RequestChannel> = z.output<(typeof requests)[C]['output']>;
/** The payload type of an event channel. */
export type EventPayload<E extends EventChannel> = z.output<(typeof events)[E]>;
