/**
 * The note codes of the Logto import and export, apart from `logto-config.ts` so that the contract can
 * name them without importing the module that itself imports the contract.
 */

/** Every note an import or export can carry; the renderer words each code and shows `detail` verbatim. */
export const LOGTO_NOTE_CODES = [
  /** Import: fields accepted and not used (timeouts, logger, localAddress, other TLS options, unknown keys); detail lists them. */
  'ignored-fields',
  /** Import: `customHeaders` will not be sent; detail lists the header names. */
  'custom-headers-dropped',
  /** Import: `requireTLS` was not set, so nodemailer used STARTTLS only if offered; Mailroom requires it. Detail: `requireTLS`. */
  'starttls-required',
  /** Import: `tls.rejectUnauthorized: false` is ignored, Mailroom always verifies certificates. Detail: `tls.rejectUnauthorized`. */
  'certificate-always-verified',
  /** Import: `tls.ca` held more than one certificate; only the first was kept. Detail: `tls.ca`. */
  'extra-ca-certificates-dropped',
  /** Import: `replyTo` carried a display name, which Mailroom does not keep; detail is that name. */
  'reply-to-name-dropped',
  /** Import and export: templates for some of Register, SignIn, ForgotPassword, Generic are missing; detail lists them. */
  'missing-required-usage-types',
  /** Import: a template uses placeholders Logto would fill loosely; Mailroom checks them per member. Detail: `SignIn: user.name, items.1`. */
  'placeholders-checked',
  /** Import: a text/html template uses placeholders; Mailroom HTML-escapes their values. Detail as for `placeholders-checked`. */
  'html-values-escaped',
  /** Export: the password is not in the file; type it into Logto. Detail: `auth.pass`. */
  'password-not-exported',
  /** Export: the account's custom CA certificate is not in the file; add it to Logto's `tls.ca`. Detail: `tls.ca`. */
  'ca-certificate-not-exported',
] as const;

/** What a note is about. */
export type LogtoNoteCode = (typeof LOGTO_NOTE_CODES)[number];
