/** Every failure code the core can return across the IPC boundary. */
export type AppErrorCode =
  /** The payload did not match the channel's input schema. */
  | 'invalid-input'
  /** No handler is registered under that channel name. */
  | 'unknown-channel'
  /** The IPC message came from a frame or origin the host does not trust. */
  | 'untrusted-sender'
  /** The record the request names does not exist (any more). */
  | 'not-found'
  /** Reading or writing the local stores failed. */
  | 'storage'
  /** A stored secret could not be decrypted (keychain changed, wrong passphrase). */
  | 'secret-unavailable'
  /** Another Mailroom process (the app or the command line) is running that campaign now. */
  | 'busy'
  /** Anything unexpected; the detail is logged, never shown raw. */
  | 'internal';

/** The error shape that crosses IPC: plain data, because Electron keeps only an Error's message. */
export interface WireError {
  /** Machine-readable code; the renderer picks its words by this. */
  readonly code: AppErrorCode;
  /** An English sentence for logs and as the last fallback in the UI. Never contains a secret. */
  readonly message: string;
  /** Optional next step for the user, in English. */
  readonly hint?: string;
}

/** The one error type thrown inside the core. */
export class AppError extends Error {
  /** Machine-readable code. */
  readonly code: AppErrorCode;
  /** Optional next step for the user. */
  readonly hint: string | undefined;

  constructor(code: AppErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.hint = hint;
  }

  /** The plain-data form sent over IPC. */
  toWire(): WireError {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint };
  }
}

/** What every request returns: never a thrown error across the boundary. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: WireError };

/** Exhaustiveness guard for `switch` over a union. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
