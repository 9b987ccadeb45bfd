/** The command line's session: the host's handler table, requests through dispatch, events, and the error words. */
import type { EventChannel, RequestChannel } from '../../ipc/common/channels';
import type { AccountView, EventPayload, RequestInput, RequestOutput, SmtpFailure } from '../../ipc/common/contract';
import { dispatch, type Handlers } from '../../ipc/common/dispatch';
import type { AppErrorCode, WireError } from '../../ipc/common/app-error';
import type { EventSink, Logger } from '../../storage/node/ports';
import type { PresetId } from '../../accounts/common/presets';
import { EXIT, exitForError, type ExitCode } from '../common/exit-codes';
import { cliWords, errorWords, explainForTerminal, type CliLanguage } from '../common/cli-words';
import { readPassphrase, type TerminalIn } from './passphrase';

/** A writable the command prints to. */
export interface CliOutput {
  /** Writes text. */
  write(text: string): unknown;
  /** Whether it is a terminal. */
  readonly isTTY?: boolean;
}

/** The process around the command: streams, environment, signals. */
export interface CliIo {
  /** Results (tables, JSON lines, CSV). */
  readonly stdout: CliOutput;
  /** Messages, errors, the progress bar. */
  readonly stderr: CliOutput;
  /** The terminal for the passphrase prompt, when stdin is one. */
  readonly stdin?: TerminalIn | undefined;
  /** The environment. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Registers a SIGINT/SIGTERM listener; returns the function that removes it. */
  readonly onInterrupt: (listener: () => void) => () => void;
}

/** What a host gives the command: the handler table over its stores and secrets. */
export interface CliHost {
  /** Builds the handler table; events go to `emit`, log lines to `log`. `flush` writes pending state. */
  open(emit: EventSink, log: Logger): Promise<{ readonly handlers: Handlers; readonly flush: () => void }>;
  /** Folder of the campaign journals and their lock files. */
  readonly journalDir: string;
}

/** Builds the host once the global options are known. */
export type CliHostFactory = (options: { readonly dataDir?: string | undefined }) => CliHost;

/** A failure that ends the command with an exit code and lines for stderr. */
export class CliFailure extends Error {
  constructor(
    /** The exit code. */
    readonly exitCode: ExitCode,
    /** Lines to print. */
    readonly lines: readonly string[],
    /** The error in JSON form, for `--json`. */
    readonly json?: unknown,
  ) {
    super(lines.join('\n'));
  }
}

/** One open handler table with the event listeners of the command. */
export class Session {
  private readonly listeners = new Set<(event: EventChannel, payload: unknown) => void>();
  private handlers!: Handlers;
  private flushState: () => void = () => undefined;
  private constructor(
    private readonly host: CliHost,
    private readonly io: CliIo,
    private readonly language: CliLanguage,
  ) {}

  /** Opens the host's handler table. */
  static async open(host: CliHost, io: CliIo, language: CliLanguage): Promise<Session> {
    const session = new Session(host, io, language);
    const opened = await host.open(
      (event, payload) => {
        for (const listener of session.listeners) listener(event, payload);
      },
      (line) => void io.stderr.write(`${line}\n`),
    );
    session.handlers = opened.handlers;
    session.flushState = opened.flush;
    return session;
  }

  /** The journal folder (lock files). */
  get journalDir(): string {
    return this.host.journalDir;
  }

  /** Runs one request through dispatch; a failure becomes a CliFailure with the error's words. */
  async call<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<RequestOutput<C>> {
    const result = await dispatch(this.handlers, channel, input, (line) => void this.io.stderr.write(`${line}\n`));
    if (result.ok) return result.value as RequestOutput<C>;
    throw appFailure(this.language, result.error);
  }

  /** Listens for one event channel; returns the function that stops listening. */
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const wrapped = (name: EventChannel, payload: unknown) => {
      if (name === event) listener(payload as EventPayload<E>);
    };
    this.listeners.add(wrapped);
    return () => this.listeners.delete(wrapped);
  }

  /** Unlocks saved passwords when they are locked (passphrase host); the keychain host is always ready. */
  async unlock(fd: number | undefined): Promise<void> {
    const status = await this.call('secrets:status', undefined);
    if (status.state === 'ready') return;
    const t = cliWords(this.language);
    let passphrase: string | undefined;
    try {
      passphrase = await readPassphrase({ env: this.io.env, fd, tty: this.io.stdin, promptTo: this.io.stderr, prompt: t.passphrasePrompt });
    } catch (error) {
      if (error instanceof Error && error.message === 'interrupted') throw new CliFailure(EXIT.interrupted, []);
      throw new CliFailure(EXIT.badInput, [`${t.error}: --passphrase-fd ${fd}: ${error instanceof Error ? error.message : String(error)}`]);
    }
    if (passphrase === undefined || passphrase === '') throw new CliFailure(EXIT.locked, [`${t.error}: ${t.locked}`, t.noPassphrase], { error: 'secret-unavailable' });
    await this.call('secrets:unlock', { passphrase });
  }

  /** An account by id, label or From address. */
  async account(ref: string): Promise<AccountView> {
    return pick('account', ref, await this.call('accounts:list', undefined), (a) => [a.id, a.label, a.fromAddress]);
  }

  /** A list by id or name. */
  async list(ref: string) {
    return pick('list', ref, await this.call('lists:list', undefined), (l) => [l.id, l.name]);
  }

  /** A template by id or name. */
  async template(ref: string) {
    return pick('template', ref, await this.call('templates:list', undefined), (t) => [t.id, t.name]);
  }

  /** Prints a failure in the diagnosis catalogue's words. */
  explain(failure: SmtpFailure, presetId: PresetId): void {
    for (const line of explainForTerminal(this.language, failure, presetId)) this.io.stderr.write(`${line}\n`);
  }

  /** Writes pending state (the send ledger). */
  flush(): void {
    this.flushState();
  }
}

/** A core error as a CliFailure with its words. */
export function appFailure(language: CliLanguage, error: WireError): CliFailure {
  const t = cliWords(language);
  const lines = [`${t.error}: ${errorWords(language, error.code as AppErrorCode)}`, error.message];
  if (error.hint) lines.push(`${t.hint}: ${error.hint}`);
  return new CliFailure(exitForError(error.code), lines, { error: error.code, message: error.message });
}

/** Bad input, with its message. */
export function badInput(message: string): CliFailure {
  return new CliFailure(EXIT.badInput, [message], { error: 'invalid-input', message });
}

/** The one item whose keys match `ref` exactly (then case-insensitively); bad input when none or several. */
export function pick<T>(kind: string, ref: string, items: readonly T[], keys: (item: T) => readonly string[]): T {
  const exact = items.filter((item) => keys(item).includes(ref));
  const found = exact.length > 0 ? exact : items.filter((item) => keys(item).some((k) => k.toLowerCase() === ref.toLowerCase()));
  if (found.length === 1) return found[0]!;
  if (found.length === 0) throw badInput(`No ${kind} "${ref}". (mailroom ${kind === 'account' ? 'accounts list' : kind === 'list' ? 'lists list' : 'templates'} shows them.)`);
  throw badInput(`"${ref}" names ${found.length} ${kind}s: use the id.`);
}

