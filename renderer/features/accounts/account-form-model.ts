/** The account form's pure logic: its fields as text, presets, warnings, and the validated draft. */
import { accountDraftSchema, type AccountDraft, type AccountView, type Security } from '../../../app/ipc/common/contract';
import { gmailMayRewriteFrom, isGooglePreset, looksLikeGoogleAppPassword, PRESETS, type PresetId } from '../../../app/accounts/common/presets';

/** The form's fields, as the inputs hold them. */
export interface AccountFormValues {
  /** Provider preset. */
  readonly presetId: PresetId;
  /** Account name. */
  readonly label: string;
  /** SMTP host. */
  readonly host: string;
  /** Port as typed. */
  readonly port: string;
  /** Security choice. */
  readonly security: Security;
  /** Login name. */
  readonly username: string;
  /** New password; empty on edit means "keep". */
  readonly password: string;
  /** From address. */
  readonly fromAddress: string;
  /** From name. */
  readonly fromName: string;
  /** Reply-To, or empty. */
  readonly replyTo: string;
  /** EHLO name, or empty. */
  readonly ehloName: string;
  /** TLS server name, or empty. */
  readonly tlsServername: string;
  /** Daily limit as typed; empty = the preset's. */
  readonly dailyLimit: string;
  /** The admin's https unsubscribe page, or empty. */
  readonly unsubscribeUrl: string;
  /** New CA PEM; empty on edit keeps the saved one. */
  readonly caCertificate: string;
}

/** A field of the form that can carry an error. */
export type AccountField = Exclude<keyof AccountFormValues, 'security'>;

/** The fields of a new account made from a preset. */
export function formForPreset(presetId: PresetId): AccountFormValues {
  const preset = PRESETS[presetId];
  return {
    presetId,
    label: '',
    host: preset.host ?? '',
    port: String(preset.port),
    security: preset.security,
    username: preset.username === 'apikey' ? 'apikey' : '',
    password: '',
    fromAddress: '',
    fromName: '',
    replyTo: '',
    ehloName: '',
    tlsServername: '',
    dailyLimit: '',
    unsubscribeUrl: '',
    caCertificate: '',
  };
}

/** The fields a new account starts with. */
export const EMPTY_ACCOUNT_FORM: AccountFormValues = formForPreset('custom');

/** Switches the preset: server settings follow the new preset; what the user typed about themselves stays. */
export function withPreset(values: AccountFormValues, presetId: PresetId): AccountFormValues {
  const fresh = formForPreset(presetId);
  return {
    ...values,
    presetId,
    host: presetId === 'custom' ? values.host : fresh.host,
    port: presetId === 'custom' ? values.port : fresh.port,
    security: presetId === 'custom' ? values.security : fresh.security,
    username: fresh.username !== '' ? fresh.username : values.username === 'apikey' ? '' : values.username,
  };
}

/** The form's fields for editing an existing account (secrets are never loaded into it). */
export function formFromAccount(account: AccountView): AccountFormValues {
  return {
    presetId: account.presetId,
    label: account.label,
    host: account.host,
    port: String(account.port),
    security: account.security,
    username: account.username,
    password: '',
    fromAddress: account.fromAddress,
    fromName: account.fromName,
    replyTo: account.replyTo,
    ehloName: account.ehloName,
    tlsServername: account.tlsServername,
    dailyLimit: account.dailyLimit === undefined ? '' : String(account.dailyLimit),
    unsubscribeUrl: account.unsubscribeUrl ?? '',
    caCertificate: '',
  };
}

/** The usual port of each security mode, to fill the port when the user switches. */
export const DEFAULT_PORT: Record<Security, string> = { tls: '465', starttls: '587', none: '25' };

/** Warnings that do not block saving. */
export interface FormWarnings {
  /** A Google preset with a password that is not 16 letters. */
  readonly appPasswordShape: boolean;
  /** Gmail would rewrite From to the login. */
  readonly gmailFromRewrite: boolean;
}

/** The warnings for the current fields. */
export function formWarnings(values: AccountFormValues): FormWarnings {
  return {
    appPasswordShape: isGooglePreset(values.presetId) && values.password !== '' && !looksLikeGoogleAppPassword(values.password),
    gmailFromRewrite: values.fromAddress.includes('@') && gmailMayRewriteFrom(values.presetId, values.username, values.fromAddress),
  };
}

/** Either a draft to save, or the fields in error. */
export type FormCheck = { readonly ok: true; readonly draft: AccountDraft } | { readonly ok: false; readonly fields: readonly AccountField[] };

/** Validates the form with the contract's own schema. `existing` is the account being edited, if any. */
export function checkAccountForm(values: AccountFormValues, existing?: AccountView): FormCheck {
  const candidate = {
    ...(existing ? { id: existing.id } : {}),
    presetId: values.presetId,
    label: values.label,
    host: values.host,
    port: values.port.trim() === '' ? Number.NaN : Number(values.port),
    security: values.security,
    username: values.username,
    ...(values.password === '' ? {} : { password: values.password }),
    fromAddress: values.fromAddress.trim(),
    fromName: values.fromName,
    replyTo: values.replyTo.trim(),
    ehloName: values.ehloName,
    tlsServername: values.tlsServername,
    ...(values.dailyLimit.trim() === '' ? {} : { dailyLimit: Number(values.dailyLimit) }),
    unsubscribeUrl: values.unsubscribeUrl.trim(),
    ...(values.caCertificate.trim() === '' ? {} : { caCertificate: values.caCertificate }),
  };
  const parsed = accountDraftSchema.safeParse(candidate);
  const fields = new Set<AccountField>();
  if (!parsed.success) for (const issue of parsed.error.issues) fields.add(issue.path[0] as AccountField);
  // A login needs a password, unless one is saved already for this very server and login.
  if (values.username.trim() !== '' && values.password === '' && (!existing?.hasPassword || passwordNeededAgain(values, existing))) fields.add('password');
  const presetLimit = PRESETS[values.presetId].dailyLimit;
  if (parsed.success && parsed.data.dailyLimit !== undefined && presetLimit !== null && parsed.data.dailyLimit > presetLimit) fields.add('dailyLimit');
  return parsed.success && fields.size === 0 ? { ok: true, draft: parsed.data } : { ok: false, fields: [...fields] };
}

/** The field named at the start of a server-side `invalid-input` message (`field: text`), if any. */
export function fieldOfServerError(message: string): AccountField | undefined {
  const name = /^([a-zA-Z]+)(?:\.[^:]*)?:/.exec(message)?.[1];
  return name && name in EMPTY_ACCOUNT_FORM && name !== 'security' ? (name as AccountField) : undefined;
}

/** Whether an edit moves a saved password to another server, port, security or login, so it must be typed again (the main process refuses otherwise). */
export function passwordNeededAgain(values: AccountFormValues, existing: AccountView | undefined): boolean {
  if (!existing?.hasPassword || values.password !== '') return false;
  return (
    values.host.trim() !== existing.host ||
    String(values.port).trim() !== String(existing.port) ||
    values.security !== existing.security ||
    values.username.trim() !== existing.username ||
    values.tlsServername.trim() !== existing.tlsServername
  );
}

/** Sets the username; the From address follows the login while it is empty or still the same as the old login. */
export function withUsername(values: AccountFormValues, username: string): AccountFormValues {
  const follows = values.fromAddress.trim() === '' || values.fromAddress.trim() === values.username.trim();
  const looksLikeAddress = /^[^\s@]+@[^\s@]+$/.test(username.trim());
  return { ...values, username, fromAddress: follows ? (looksLikeAddress ? username.trim() : '') : values.fromAddress };
}
