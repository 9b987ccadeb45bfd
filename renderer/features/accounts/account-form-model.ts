/** The account form's pure logic: its fields as text, and turning them into a validated draft. */
import { accountDraftSchema, type AccountDraft, type AccountView, type Security } from '../../../app/core/contract';

/** The form's fields, as the inputs hold them. */
export interface AccountFormValues {
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
  /** New CA PEM; empty on edit keeps the saved one. */
  readonly caCertificate: string;
}

/** A field of the form that can carry an error. */
export type AccountField = Exclude<keyof AccountFormValues, 'security'>;

/** The fields a new account starts with. */
export const EMPTY_ACCOUNT_FORM: AccountFormValues = {
  label: '',
  host: '',
  port: '587',
  security: 'starttls',
  username: '',
  password: '',
  fromAddress: '',
  fromName: '',
  caCertificate: '',
};

/** The form's fields for editing an existing account (secrets are never loaded into it). */
export function formFromAccount(account: AccountView): AccountFormValues {
  return {
    label: account.label,
    host: account.host,
    port: String(account.port),
    security: account.security,
    username: account.username,
    password: '',
    fromAddress: account.fromAddress,
    fromName: account.fromName,
    caCertificate: '',
  };
}

/** The usual port of each security mode, to fill the port when the user switches. */
export const DEFAULT_PORT: Record<Security, string> = { tls: '465', starttls: '587', none: '25' };

/** Either a draft to save, or the fields in error. */
export type FormCheck = { readonly ok: true; readonly draft: AccountDraft } | { readonly ok: false; readonly fields: readonly AccountField[] };

/** Validates the form with the contract's own schema. `existing` is the account being edited, if any. */
export function checkAccountForm(values: AccountFormValues, existing?: AccountView): FormCheck {
  const candidate = {
    ...(existing ? { id: existing.id } : {}),
    label: values.label,
    host: values.host,
    port: values.port.trim() === '' ? Number.NaN : Number(values.port),
    security: values.security,
    username: values.username,
    ...(values.password === '' ? {} : { password: values.password }),
    fromAddress: values.fromAddress.trim(),
    fromName: values.fromName,
    ...(values.caCertificate.trim() === '' ? {} : { caCertificate: values.caCertificate }),
  };
  const parsed = accountDraftSchema.safeParse(candidate);
  const fields = new Set<AccountField>();
  if (!parsed.success) for (const issue of parsed.error.issues) fields.add(issue.path[0] as AccountField);
  // A login needs a password, unless one is saved already.
  if (values.username.trim() !== '' && values.password === '' && !existing?.hasPassword) fields.add('password');
  return parsed.success && fields.size === 0 ? { ok: true, draft: parsed.data } : { ok: false, fields: [...fields] };
}

/** The field named at the start of a server-side `invalid-input` message (`field: text`), if any. */
export function fieldOfServerError(message: string): AccountField | undefined {
  const name = /^([a-zA-Z]+)(?:\.[^:]*)?:/.exec(message)?.[1];
  return name && name in EMPTY_ACCOUNT_FORM && name !== 'security' ? (name as AccountField) : undefined;
}
