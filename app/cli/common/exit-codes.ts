/**
 * The exit codes of the `mailroom` command, which scripts may rely on; listed in `--help` and the README.
 * Pure, so the README table and tests read the same list.
 */
import type { AppErrorCode } from '../../ipc/common/app-error';
import type { SmtpDiagnosis } from '../../diagnosis/common/smtp-diagnosis';

/** Exit codes by meaning. */
export const EXIT = {
  /** Everything was done: every message handed over (members skipped by suppression are not failures). */
  ok: 0,
  /** Something unexpected went wrong inside Mailroom. */
  error: 1,
  /** Bad input: unknown option, missing file, no such account/list/template, a pre-flight that blocks. */
  badInput: 2,
  /** Not everything was sent: some or all messages failed, or the campaign stopped on a failure. */
  failed: 3,
  /** The server refused the login (wrong password, app password needed, OAuth grant ended). */
  auth: 4,
  /** The daily sending limit is reached: held back, or the campaign waits for the 24-hour window. */
  dailyLimit: 5,
  /** Busy: another process (the app or another mailroom command) is running that campaign. */
  busy: 6,
  /** Saved passwords are locked: the passphrase is missing or wrong. */
  locked: 7,
  /** Interrupted (Ctrl-C): the campaign was paused and can be resumed. */
  interrupted: 130,
} as const;

/** An exit code. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code of a core error. */
export function exitForError(code: AppErrorCode): ExitCode {
  switch (code) {
    case 'invalid-input':
    case 'not-found':
    case 'unknown-channel':
    case 'untrusted-sender':
      return EXIT.badInput;
    case 'busy':
      return EXIT.busy;
    case 'secret-unavailable':
      return EXIT.locked;
    case 'storage':
    case 'internal':
      return EXIT.error;
  }
}

/** Whether a diagnosis means the login was refused (or the sign-in grant is gone). */
export function isAuthDiagnosis(diagnosis: SmtpDiagnosis): boolean {
  return diagnosis.startsWith('auth-') || diagnosis.startsWith('oauth-') || diagnosis === 'smtp-auth-disabled' || diagnosis === 'basic-auth-unsupported';
}

/** The exit code of a failed send or a campaign stopped by a failure. */
export function exitForFailure(diagnosis: SmtpDiagnosis): ExitCode {
  if (isAuthDiagnosis(diagnosis)) return EXIT.auth;
  if (diagnosis === 'daily-limit') return EXIT.dailyLimit;
  return EXIT.failed;
}
