/**
 * `mailroom campaign rename|archive|delete` through the command's own `runCli` and Node host (what
 * bin/mailroom.mjs runs; in this process, so the test stays quick) on a data folder seeded by the Node composition: names in `campaign list/show`, archive and restore, and delete that
 * asks for `--yes` when there is no terminal, then removes the campaign and its journal.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHandlers } from '../../handlers/node/node-composition';
import { dispatch, type Handlers } from '../../ipc/common/dispatch';
import type { RequestChannel } from '../../ipc/common/channels';
import { journalFileFor } from '../../campaigns/node/campaign-journal';
import { EXIT } from '../common/exit-codes';
import { promptLine } from './prompt-line';
import { runCli } from './cli';
import type { CliIo } from './cli-session';
import { nodeHost } from './main';

const PASSPHRASE = 'cli-names-passphrase';

let dir: string;
let dataDir: string;
let seed: Handlers;

/** Runs the command in this process (the binary's own `runCli` over the Node host), with no terminal unless `tty` is given. */
async function mailroom(args: readonly string[], env: Record<string, string> = {}, tty?: CliIo['stdin']): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: tty,
    env: { LANG: 'en_US.UTF-8', ...env },
    onInterrupt: () => () => undefined,
  };
  const code = await runCli(args, io, nodeHost);
  return { code, stdout, stderr };
}

async function call<T = unknown>(channel: RequestChannel, input?: unknown): Promise<T> {
  const result = await dispatch(seed, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mailroom-cli-names-'));
  dataDir = join(dir, 'data');
  seed = await createNodeHandlers({ dataDir, passphrase: PASSPHRASE, emit: () => undefined, log: () => undefined });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mailroom campaign rename | archive | delete', () => {
  it('renames, archives and restores, and deletes only with --yes when no terminal asks', async () => {
    // Port 9 (discard) is never dialled: the campaign is cancelled before it starts.
    const account = await call<{ id: string }>('accounts:save', { label: 'Office', host: '127.0.0.1', port: 9, security: 'none', username: '', fromAddress: 'office@school.test', fromName: 'Office' });
    const list = await call<{ list: { id: string } }>('lists:paste', { name: 'Club', text: 'Kim <kim@club.test>\nLee <lee@club.test>' });
    const { id } = await call<{ id: string }>('campaigns:create', { accountId: account.id, listId: list.list.id, template: { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject: 'Hello {{name}}', content: 'Hi' } } });
    await call('campaigns:cancel', { id });
    const journalDir = join(dataDir, 'journals');
    expect(existsSync(journalFileFor(journalDir, id))).toBe(true);

    const listed = await mailroom(['--data-dir', dataDir, 'campaign', 'list']);
    expect(listed.code, listed.stderr).toBe(EXIT.ok);
    expect(listed.stdout).toMatch(new RegExp(`^${id}\\tcancelled\\t.*\\tHello Kim · `, 'm'));

    const renamed = await mailroom(['--data-dir', dataDir, 'campaign', 'rename', id, 'Weekly notice 48']);
    expect(renamed.code, renamed.stderr).toBe(EXIT.ok);
    expect(renamed.stdout).toBe(`${id}\tWeekly notice 48\n`);
    expect((await mailroom(['--data-dir', dataDir, 'campaign', 'show', id])).stdout).toContain(`${id}\tWeekly notice 48\tcancelled`);

    expect((await mailroom(['--data-dir', dataDir, 'campaign', 'archive', id])).code).toBe(EXIT.ok);
    expect((await mailroom(['--data-dir', dataDir, 'campaign', 'list'])).stdout).not.toContain(id);
    expect((await mailroom(['--data-dir', dataDir, 'campaign', 'list', '--archived'])).stdout).toContain('Weekly notice 48');
    expect((await mailroom(['--data-dir', dataDir, 'campaign', 'archive', id, '--restore'])).code).toBe(EXIT.ok);

    const asked = await mailroom(['--data-dir', dataDir, 'campaign', 'delete', id], { LANG: 'ko_KR.UTF-8' });
    expect(asked.code).toBe(EXIT.badInput);
    expect(asked.stderr).toContain('--yes');
    expect(asked.stderr).toContain('되돌릴 수 없습니다');
    expect(existsSync(journalFileFor(journalDir, id))).toBe(true);

    const deleted = await mailroom(['--data-dir', dataDir, 'campaign', 'delete', id, '--yes']);
    expect(deleted.code, deleted.stderr).toBe(EXIT.ok);
    expect(deleted.stderr).toContain('Deleted: Weekly notice 48');
    expect(existsSync(journalFileFor(journalDir, id))).toBe(false);
    expect((await mailroom(['--data-dir', dataDir, 'campaign', 'list'])).stdout).not.toContain(id);
  }, 120_000);

  it('on a terminal, delete asks first: anything but yes keeps the campaign, yes deletes it', async () => {
    const account = await call<{ id: string }>('accounts:save', { label: 'Office 2', host: '127.0.0.1', port: 9, security: 'none', username: '', fromAddress: 'office2@school.test', fromName: 'Office' });
    const list = await call<{ list: { id: string } }>('lists:paste', { name: 'Club 2', text: 'Kim <kim@club.test>' });
    const { id } = await call<{ id: string }>('campaigns:create', { accountId: account.id, listId: list.list.id, template: { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject: '총회 안내', content: 'Hi' } } });
    await call('campaigns:cancel', { id });
    const answering = (answer: string) => {
      const tty = Object.assign(new EventEmitter(), { isTTY: true, setRawMode: () => undefined, pause: () => undefined, resume: () => setImmediate(() => tty.emit('data', `${answer}\n`)) });
      return tty;
    };
    const kept = await mailroom(['--data-dir', dataDir, 'campaign', 'delete', id], { LANG: 'ko_KR.UTF-8' }, answering('no'));
    expect(kept.stderr).toContain('삭제하려면 yes를 입력하세요');
    expect(kept.stderr).toContain('아무것도 삭제하지 않았습니다');
    expect((await mailroom(['--data-dir', dataDir, 'campaign', 'list'])).stdout).toContain(id);
    const deleted = await mailroom(['--data-dir', dataDir, 'campaign', 'delete', id], {}, answering('yes'));
    expect(deleted.code, deleted.stderr).toBe(EXIT.ok);
    expect((await mailroom(['--data-dir', dataDir, 'campaign', 'list'])).stdout).not.toContain(id);
  }, 120_000);

  it('reads a typed answer line on a terminal; Ctrl-C answers nothing', async () => {
    const fakeTty = () => Object.assign(new EventEmitter(), { isTTY: true, setRawMode: () => undefined, resume: () => undefined, pause: () => undefined });
    const out = { text: '', write(t: string) { this.text += t; } };
    const tty = fakeTty();
    const answer = promptLine(tty, out, 'Delete? ');
    tty.emit('data', Buffer.from('ye'));
    tty.emit('data', 's\n');
    expect(await answer).toBe('yes');
    expect(out.text).toBe('Delete? ');
    const other = fakeTty();
    const cancelled = promptLine(other, out, '');
    other.emit('data', 'ye\u0003');
    expect(await cancelled).toBe('');
  });
});
