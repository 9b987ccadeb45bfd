/**
 * The `mailroom` command line: commander over the one handler table, every request through `dispatch`
 * (the same validation and the same handlers as the app), so sending, templates, lists and the journal
 * have one implementation. The host (plain Node with a passphrase, or the Electron binary with the
 * keychain) only supplies the handler table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import type { CampaignDetail, RequestInput } from '../../ipc/common/contract';
import { EXIT, exitForFailure } from '../common/exit-codes';
import { cliWords, errorWords, languageFromEnv, providerLimitLines, type CliLanguage, type CliWords } from '../common/cli-words';
import { badInput, CliFailure, Session, type CliHostFactory, type CliIo } from './cli-session';
import { followCampaign } from './campaign-follow';
import { promptLine } from './prompt-line';
import { isLockOwnerAlive, readCampaignLock } from '../../campaigns/node/campaign-lock';
import { MAILBOX_PROBLEM_WORDS } from '../../mailbox/common/mailbox-diagnosis';

/** Words of the help: secrets, exit codes, examples. */
export const HELP_FOOTER = `
Passwords and the passphrase:
  Never put a password or the passphrase on the command line (other users can read it in the process
  list and it stays in shell history). Accounts and their passwords are added in the app (or with the
  app's account import); the command uses the same data folder. On the Node host the saved passwords
  are sealed with a passphrase, read from MAILROOM_PASSPHRASE, from a file descriptor (--passphrase-fd 3
  3</path/to/file), or asked for on the terminal without echo. Run as \`Mailroom --cli …\` (the app's own
  binary), the command uses the OS keychain as the app does.

Data folder:
  --data-dir, else MAILROOM_DATA_DIR, else $XDG_DATA_HOME/mailroom (~/.local/share/mailroom) on Linux,
  ~/Library/Application Support/Mailroom-web on macOS, %APPDATA%\\Mailroom-web on Windows: the same
  folder as \`npm start\`'s browser host, so accounts, lists and campaigns are shared.

Exit codes:
  0    everything was sent (members skipped by suppression are not failures)
  1    unexpected error inside Mailroom
  2    bad input: unknown option, unreadable file, no such account/list/template, pre-flight blocks
  3    not everything was sent: some or all messages failed, or the campaign stopped on a failure
  4    authentication failure: the server refused the login (or the OAuth grant ended)
  5    daily sending limit reached: the message was held back, or the campaign waits for the window;
       when the provider refused, its reply and the time sending can go on (your time zone) are printed
  6    busy: another process (the app or another mailroom command) is running that campaign
  7    saved passwords locked: passphrase missing or wrong
  130  interrupted (Ctrl-C): the campaign was paused and can be resumed

Examples:
  echo 'Your code is {{code}}.' | mailroom send --account office --to kim@example.com --subject 'Sign-in code' --text - --var code=123456
  mailroom lists import members.csv --name "Members 2026"
  mailroom campaign start --account office --list "Members 2026" --template "June notice" --json > events.jsonl

Messages follow LC_ALL / LC_MESSAGES / LANG (ko_KR.UTF-8: Korean), or --lang.
`;

/** Runs the command with `argv` (the arguments after the program name); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo, hostFor: CliHostFactory): Promise<number> {
  let exitCode: number = EXIT.ok;
  let session: Session | undefined;
  const program = new Command('mailroom');
  program
    .description('Send mail through your Mailroom accounts from a terminal or a script: one message, or a campaign to a member list.')
    .exitOverride()
    .configureOutput({ writeOut: (text) => void io.stdout.write(text), writeErr: (text) => void io.stderr.write(text) })
    .showHelpAfterError('(run mailroom --help for the commands and exit codes)')
    .option('--data-dir <dir>', 'the data folder (Node host; default: see below)')
    .addOption(new Option('--passphrase-fd <n>', 'read the passphrase from this file descriptor (first line)').argParser(parseNonNegative))
    .addOption(new Option('--lang <language>', 'language of the messages').choices(['ko', 'en']))
    .addHelpText('after', HELP_FOOTER);

  const globals = () => program.opts<{ dataDir?: string; passphraseFd?: number; lang?: CliLanguage }>();
  const language = (): CliLanguage => globals().lang ?? languageFromEnv(io.env);
  const words = (): CliWords => cliWords(language());
  const open = async (needsSecrets: boolean): Promise<Session> => {
    session ??= await Session.open(hostFor({ dataDir: globals().dataDir }), io, language());
    if (needsSecrets) await session.unlock(globals().passphraseFd);
    return session;
  };
  const run =
    <A extends unknown[]>(action: (...args: A) => Promise<number | void>) =>
    async (...args: A) => {
      exitCode = (await action(...args)) ?? EXIT.ok;
    };

  const accounts = program.command('accounts').description('sending accounts (added in the app)');
  accounts
    .command('list')
    .description('list the accounts, with what they sent in the last 24 hours')
    .option('--json', 'print JSON')
    .action(
      run(async (options: { json?: boolean }) => {
        const s = await open(false);
        const list = await s.call('accounts:list', undefined);
        if (options.json) return void io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        for (const a of list) {
          const limit = a.effectiveDailyLimit === null ? '-' : String(a.effectiveDailyLimit);
          const check = a.lastCheck ? ` check:${a.lastCheck.status}` : '';
          io.stdout.write(`${a.id}\t${a.label}\t${a.fromAddress}\t${a.host}:${a.port}\tsent24h:${a.sentLast24h}/${limit}${check}\n`);
        }
      }),
    );
  accounts
    .command('check')
    .description('check an account: DNS, connection, TLS, login, sender (sends nothing)')
    .argument('<account>', 'account id, name or From address')
    .option('--json', 'print JSON')
    .action(
      run(async (ref: string, options: { json?: boolean }) => {
        const s = await open(true);
        const account = await s.account(ref);
        const result = await s.call('accounts:check', { id: account.id });
        if (options.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else for (const step of result.steps) io.stdout.write(`${step.status === 'ok' ? '✓' : step.status === 'failed' ? '✗' : '·'} ${step.step}\n`);
        if (result.status === 'passed') return EXIT.ok;
        if (result.failure) s.explain(result.failure, account.presetId);
        return result.failure ? exitForFailure(result.failure.diagnosis) : EXIT.failed;
      }),
    );

  program
    .command('send')
    .description('send one message now (text, HTML, or a saved template with --var values)')
    .requiredOption('--account <account>', 'account id, name or From address')
    .requiredOption('--to <address>', 'recipient (repeat for more; all get the one message)', collect, [])
    .option('--subject <subject>', 'subject, may hold {{placeholders}}')
    .option('--text <file>', 'plain-text body from a file, or - for stdin')
    .option('--html <file>', 'HTML body from a file, or - for stdin')
    .option('--template <template>', 'a saved template (id or name) instead of --text/--html')
    .option('--var <key=value>', 'a placeholder value, e.g. code=123456 for {{code}} (repeatable)', collect, [])
    .option('--from-name <name>', 'From display name for this message')
    .option('--attach <file>', 'attach a file (repeatable)', collect, [])
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nThere is no password option: the account\'s saved password is used (never put one on the command line).\nExit codes: 0 sent, 2 bad input, 3 not sent, 4 login refused, 5 daily limit, 7 passwords locked.')
    .action(
      run(async (options: { account: string; to: string[]; subject?: string; text?: string; html?: string; template?: string; var: string[]; fromName?: string; attach: string[]; json?: boolean }) => {
        if (options.text === '-' && options.html === '-') throw badInput('Only one of --text and --html can read stdin.');
        if (options.template === undefined && options.text === undefined && options.html === undefined) throw badInput('Give --text, --html or --template.');
        if (options.template === undefined && options.subject === undefined) throw badInput('Give --subject (or a saved --template).');
        const vars = parseVars(options.var);
        const text = options.text === undefined ? undefined : readInput(options.text);
        const html = options.html === undefined ? undefined : readInput(options.html);
        const attachments = options.attach.map(readAttachment);
        const s = await open(true);
        const account = await s.account(options.account);
        const template = options.template === undefined ? undefined : await s.template(options.template);
        const result = await s.call('messages:send', {
          accountId: account.id,
          to: options.to,
          ...(options.fromName === undefined ? {} : { fromName: options.fromName }),
          ...(template === undefined ? {} : { templateId: template.id }),
          ...(options.subject === undefined ? {} : { subject: options.subject }),
          ...(text === undefined ? {} : { text }),
          ...(html === undefined ? {} : { html }),
          vars,
          attachments,
        });
        if (options.json) io.stdout.write(`${JSON.stringify(result)}\n`);
        if (result.status === 'sent') {
          if (!options.json) io.stdout.write(`${words().sent(options.to.join(', '), result.messageId)}\n`);
          return EXIT.ok;
        }
        io.stderr.write(`${words().notSent}\n`);
        s.explain(result.failure, account.presetId);
        if (result.failure.diagnosis === 'daily-limit') {
          // The provider's word and the time sending can go on (the account's state, kept per login).
          const held = (await s.account(account.id)).providerLimit;
          if (held) for (const line of providerLimitLines(language(), account.presetId, held)) io.stderr.write(`${line}\n`);
        }
        return exitForFailure(result.failure.diagnosis);
      }),
    );

  const lists = program.command('lists').description('member lists');
  lists
    .command('list')
    .description('list the member lists')
    .option('--json', 'print JSON')
    .action(
      run(async (options: { json?: boolean }) => {
        const all = await (await open(false)).call('lists:list', undefined);
        if (options.json) return void io.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
        for (const l of all) io.stdout.write(`${l.id}\t${l.name}\t${l.memberCount} members\t${l.rejectedCount} rejected\n`);
      }),
    );
  lists
    .command('import')
    .description('import members from a CSV file (Excel CSV, UTF-8 or EUC-KR/CP949)')
    .argument('<file>', 'the CSV file')
    .option('--name <name>', 'name of the list (default: the file name)')
    .option('--list <list>', 'replace the members of this existing list (id or name)')
    .addOption(new Option('--encoding <encoding>', 'the file encoding').choices(['auto', 'utf-8', 'euc-kr', 'utf-16le', 'utf-16be']).default('auto'))
    .option('--email-column <column>', 'the column with the address (header or 1-based number; default: guessed)')
    .option('--name-column <column>', 'the column with the name (header or 1-based number; default: guessed)')
    .option('--json', 'print JSON')
    .action(
      run(async (file: string, options: { name?: string; list?: string; encoding: string; emailColumn?: string; nameColumn?: string; json?: boolean }) => {
        const base64 = readFileOrFail(file).toString('base64');
        const fileName = basename(file);
        const s = await open(false);
        const encoding = options.encoding as RequestInput<'lists:inspect'>['encoding'];
        const inspected = await s.call('lists:inspect', { fileName, base64, encoding });
        if (!inspected.ok) throw badInput(`${file}: ${inspected.error.detail}`);
        const columns = inspected.table.columns;
        const address = options.emailColumn === undefined ? inspected.guessed.address : columnIndex(columns, options.emailColumn);
        if (address === null) throw badInput(`No column looks like e-mail addresses; name it with --email-column (columns: ${columns.join(', ')}).`);
        const name = options.nameColumn === undefined ? inspected.guessed.name : columnIndex(columns, options.nameColumn);
        const existing = options.list === undefined ? undefined : await s.list(options.list);
        const result = await s.call('lists:import', {
          fileName,
          base64,
          encoding,
          name: options.name ?? existing?.name ?? basename(file, extname(file)),
          ...(existing === undefined ? {} : { listId: existing.id }),
          mapping: { address, name },
        });
        if (options.json) io.stdout.write(`${JSON.stringify({ list: result.list, summary: result.report.summary, rejected: result.report.rejected })}\n`);
        else io.stdout.write(`${words().imported(result.list.name, result.report.summary.accepted, result.report.rejected.length)} (${result.list.id})\n`);
        for (const r of result.report.rejected.slice(0, 20)) io.stderr.write(`  line ${r.line}: ${r.email} — ${r.detail}\n`);
        if (result.report.rejected.length > 20) io.stderr.write(`  … ${result.report.rejected.length - 20} more\n`);
      }),
    );

  program
    .command('bounces')
    .description("read the account's mailbox once (IMAP) for bounces and unsubscribe replies to its campaigns")
    .requiredOption('--account <account>', 'account id, name or From address')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nRows turn bounced or unsubscribed in their campaigns; unsubscribe replies wait for review in the app.\nExit codes: 0 checked, 2 bad input or no mailbox for this account, 4 mailbox login refused (or the Google grant ended), 1 the mailbox could not be read, 7 passwords locked.')
    .action(
      run(async (options: { account: string; json?: boolean }) => {
        const s = await open(true);
        const account = await s.account(options.account);
        const result = await s.call('mailbox:check', { id: account.id });
        if (options.json) io.stdout.write(`${JSON.stringify(result)}\n`);
        if (result.ok) {
          const { bounces, unsubscribes, delayed, autoReplies, unmatched } = result.summary;
          if (!options.json) io.stdout.write(`${words().bouncesChecked(bounces, unsubscribes, delayed, autoReplies, unmatched)}\n`);
          return EXIT.ok;
        }
        if (result.problem === 'no-mailbox') {
          io.stderr.write(`${words().noMailbox}\n`);
          return EXIT.badInput;
        }
        io.stderr.write(`${MAILBOX_PROBLEM_WORDS[result.problem][language()]}\n`);
        return result.problem === 'auth' || result.problem === 'oauth-grant' || result.problem === 'oauth-scope' ? EXIT.auth : EXIT.error;
      }),
    );

  program
    .command('templates')
    .description('list the saved templates (write them in the app)')
    .option('--json', 'print JSON')
    .action(
      run(async (options: { json?: boolean }) => {
        const all = await (await open(false)).call('templates:list', undefined);
        if (options.json) return void io.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
        for (const t of all) io.stdout.write(`${t.id}\t${t.name}\t${t.contentType}\t${t.subject}\n`);
      }),
    );

  const campaign = program.command('campaign').description('campaigns: one template to every member of a list, one message each');
  const followOptions = (command: Command) => command.option('--json', 'print line-delimited JSON events on stdout instead of the progress bar');
  followOptions(
    campaign
      .command('start')
      .description('create a campaign and send it, following its progress until it ends')
      .requiredOption('--account <account>', 'account id, name or From address')
      .requiredOption('--list <list>', 'member list id or name')
      .requiredOption('--template <template>', 'saved template id or name')
      .addOption(new Option('--per-minute <n>', 'pace in messages per minute (default: the provider preset’s)').argParser(parsePositive))
      .option('--reply-to <address>', 'Reply-To for this campaign')
      .option('--attach <file>', 'attach a file to every message (repeatable)', collect, []),
  ).action(
    run(async (options: { account: string; list: string; template: string; perMinute?: number; replyTo?: string; attach: string[]; json?: boolean }) => {
      const attachments = options.attach.map(readAttachment);
      const s = await open(true);
      const [account, list, template] = [await s.account(options.account), await s.list(options.list), await s.template(options.template)];
      const compose: RequestInput<'campaigns:create'> = {
        accountId: account.id,
        listId: list.id,
        template: { templateId: template.id },
        attachments,
        ...(options.replyTo === undefined ? {} : { replyTo: options.replyTo }),
        ...(options.perMinute === undefined ? {} : { perMinute: options.perMinute }),
      };
      const report = await s.call('compose:preflight', compose);
      if (report.blocked) {
        const lines = [words().blocked];
        for (const u of report.unfillable.slice(0, 20)) lines.push(`  line ${u.line}: ${u.email} — missing ${u.missing.map((m) => `{{${m}}}`).join(', ')}`);
        if (report.unsupported.length > 0) lines.push(`  unsupported: ${report.unsupported.join(', ')}`);
        if (report.size.tooLarge) lines.push(`  attachments too large: ${report.size.encodedBytes} > ${report.size.limitBytes} bytes`);
        throw new CliFailure(EXIT.badInput, lines, { error: 'preflight-blocked', report });
      }
      const created = await s.call('campaigns:create', compose);
      if (!options.json) io.stderr.write(`${words().created(created.id, created.recipients)}\n`);
      return followCampaign(s, created.id, { json: options.json === true, io, words: words(), language: language(), explain: (f, p) => s.explain(f, p) });
    }),
  );
  followOptions(campaign.command('resume').description('resume a paused or waiting campaign and follow it').argument('<id>', 'campaign id')).action(
    run(async (id: string, options: { json?: boolean }) => {
      const s = await open(true);
      return followCampaign(s, id, { json: options.json === true, io, words: words(), language: language(), explain: (f, p) => s.explain(f, p) });
    }),
  );
  campaign
    .command('list')
    .description('the campaign history, newest first (archived ones with --archived)')
    .option('--json', 'print JSON')
    .option('--archived', 'list the archived campaigns instead')
    .action(
      run(async (options: { json?: boolean; archived?: boolean }) => {
        const s = await open(false);
        const all = options.archived ? await s.call('campaigns:list-archived', undefined) : await s.call('campaigns:list', undefined);
        if (options.json) return void io.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
        for (const c of all) io.stdout.write(`${c.id}\t${c.status}\t${c.createdAt}\t${c.recipients} recipients\t${c.accountLabel}\t${c.listName}\t${c.name}\n`);
      }),
    );
  campaign
    .command('show')
    .description('a campaign’s status and counts (with --rows, every member’s row)')
    .argument('<id>', 'campaign id')
    .option('--rows', 'print every row (tab-separated)')
    .option('--json', 'print the whole detail as JSON')
    .action(
      run(async (id: string, options: { rows?: boolean; json?: boolean }) => {
        const s = await open(false);
        const detail = await s.call('campaigns:get', { id });
        if (options.json) return void io.stdout.write(`${JSON.stringify(detail, null, 2)}\n`);
        io.stdout.write(`${describeCampaign(detail)}\n`);
        const holder = readCampaignLock(s.journalDir, id);
        if (holder && isLockOwnerAlive(holder)) io.stdout.write(`running in ${holder.kind === 'cli' ? 'a mailroom command' : 'the app'} (pid ${holder.pid})\n`);
        if (options.rows) for (const r of detail.rows) io.stdout.write(`${r.index}\t${r.email}\t${r.status}\t${r.diagnosis ?? ''}\t${r.detail}\n`);
        if (detail.failure) s.explain(detail.failure, detail.presetId ?? 'custom');
      }),
    );
  campaign
    .command('pause')
    .description('pause a campaign (running here in another mailroom command: that command pauses and exits)')
    .argument('<id>', 'campaign id')
    .action(run(async (id: string) => stopElsewhere(await open(false), id, 'pause')));
  campaign
    .command('cancel')
    .description('cancel a campaign: every member not yet sent becomes cancelled')
    .argument('<id>', 'campaign id')
    .action(run(async (id: string) => stopElsewhere(await open(true), id, 'cancel')));
  campaign
    .command('rename')
    .description('give a campaign a new name (shown in the history, the app and the results file name)')
    .argument('<id>', 'campaign id')
    .argument('<name>', 'the new name')
    .action(
      run(async (id: string, name: string) => {
        const summary = await (await open(false)).call('campaigns:rename', { id, name });
        io.stdout.write(`${summary.id}\t${summary.name}\n`);
        io.stderr.write(`${words().renamed(summary.name)}\n`);
      }),
    );
  campaign
    .command('archive')
    .description('hide a finished (done or cancelled) campaign from the history; --restore brings it back')
    .argument('<id>', 'campaign id')
    .option('--restore', 'bring an archived campaign back into the history')
    .action(
      run(async (id: string, options: { restore?: boolean }) => {
        const summary = await (await open(false)).call('campaigns:archive', { id, archived: options.restore !== true });
        io.stdout.write(`${summary.id}\t${summary.archivedAt === undefined ? 'active' : 'archived'}\n`);
        io.stderr.write(`${summary.archivedAt === undefined ? words().restored(summary.name) : words().archived(summary.name)}\n`);
      }),
    );
  campaign
    .command('delete')
    .description('delete a finished (done or cancelled) campaign with its results and journal; asks first on a terminal')
    .argument('<id>', 'campaign id')
    .option('--yes', 'delete without asking (needed when there is no terminal)')
    .action(
      run(async (id: string, options: { yes?: boolean }) => {
        const s = await open(false);
        const { campaign: found } = await s.call('campaigns:get', { id, offset: 0, limit: 1 });
        if (options.yes !== true) {
          if (io.stdin?.isTTY !== true) throw new CliFailure(EXIT.badInput, [`${words().error}: ${words().deleteNeedsYes}`], { error: 'needs-yes' });
          const answer = await promptLine(io.stdin, io.stderr, words().deleteQuestion(found.name, found.recipients));
          if (!/^(y|yes|예|네)$/i.test(answer.trim())) {
            io.stderr.write(`${words().notDeleted}\n`);
            return EXIT.badInput;
          }
        }
        await s.call('campaigns:delete', { id });
        io.stdout.write(`${id}\tdeleted\n`);
        io.stderr.write(`${words().deleted(found.name)}\n`);
      }),
    );
  campaign
    .command('export')
    .description('every row of a campaign as CSV (UTF-8 with BOM, for Excel)')
    .argument('<id>', 'campaign id')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(
      run(async (id: string, options: { output?: string }) => {
        const { content } = await (await open(false)).call('campaigns:export', { id });
        if (options.output === undefined) return void io.stdout.write(content);
        writeFileSync(options.output, content, { mode: 0o600 });
        io.stderr.write(`${words().exported(options.output)}\n`);
      }),
    );

  /** Pauses or cancels: asks a mailroom command that runs it elsewhere to stop first (SIGINT), then acts here. */
  const stopElsewhere = async (s: Session, id: string, what: 'pause' | 'cancel'): Promise<number> => {
    await s.call('campaigns:get', { id });
    const holder = readCampaignLock(s.journalDir, id);
    if (holder && holder.pid !== process.pid && isLockOwnerAlive(holder)) {
      if (holder.kind !== 'cli') {
        throw new CliFailure(EXIT.busy, [`${words().error}: ${errorWords(language(), 'busy')}`, `(the Mailroom app, pid ${holder.pid}: ${what} it there)`]);
      }
      process.kill(holder.pid, 'SIGINT');
      io.stderr.write(`${words().runningElsewhere(`pid ${holder.pid}`)}\n`);
      await waitFor(() => {
        const now = readCampaignLock(s.journalDir, id);
        return !now || !isLockOwnerAlive(now) || now.pid !== holder.pid;
      });
    }
    const summary = await s.call(what === 'pause' ? 'campaigns:pause' : 'campaigns:cancel', { id });
    io.stdout.write(`${summary.id}\t${summary.status}\n`);
    return EXIT.ok;
  };

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    exitCode = handleError(error, io, language());
  } finally {
    session?.flush();
  }
  return exitCode;
}

/** One line about a campaign: id, status, counts. */
export function describeCampaign(detail: CampaignDetail): string {
  const counts = Object.entries(detail.counts)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${status} ${n}`)
    .join(', ');
  return `${detail.campaign.id}\t${detail.campaign.name}\t${detail.campaign.status}\t${detail.campaign.recipients} recipients\t${counts}${detail.resumeAt ? `\tresumes at ${detail.resumeAt}` : ''}`;
}

function handleError(error: unknown, io: CliIo, language: CliLanguage): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
    // commander has printed its message already.
    return EXIT.badInput;
  }
  if (error instanceof CliFailure) {
    for (const line of error.lines) io.stderr.write(`${line}\n`);
    return error.exitCode;
  }
  const t = cliWords(language);
  io.stderr.write(`${t.error}: ${errorWords(language, 'internal')} ${error instanceof Error ? error.message : String(error)}\n`);
  return EXIT.error;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseNonNegative(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new CommanderError(EXIT.badInput, 'mailroom.badNumber', `Not a whole number: ${value}`);
  return n;
}

function parsePositive(value: string): number {
  const n = parseNonNegative(value);
  if (n === 0) throw new CommanderError(EXIT.badInput, 'mailroom.badNumber', `Must be at least 1: ${value}`);
  return n;
}

/** `key=value` pairs into an object; the value may hold `=`. */
export function parseVars(pairs: readonly string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw badInput(`--var wants key=value, got "${pair}".`);
    vars[pair.slice(0, at).trim()] = pair.slice(at + 1);
  }
  return vars;
}

function readFileOrFail(file: string): Buffer {
  try {
    return readFileSync(file === '-' ? 0 : file);
  } catch (error) {
    throw badInput(`${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function readInput(file: string): string {
  return readFileOrFail(file).toString('utf8');
}

function readAttachment(file: string) {
  return { fileName: basename(file), contentType: '', base64: readFileOrFail(file).toString('base64') };
}

function columnIndex(columns: readonly string[], ref: string): number {
  const byName = columns.findIndex((c) => c === ref);
  if (byName >= 0) return byName;
  const n = Number(ref);
  if (Number.isInteger(n) && n >= 1 && n <= columns.length) return n - 1;
  throw badInput(`No column "${ref}" (columns: ${columns.join(', ')}).`);
}

/** Waits until `done()` holds, checking every 100 ms, for at most two minutes. */
async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 1200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
}
