/** Two real processes on one database: both write at once and nothing is lost; a writer kept out too long is told so. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createCampaignStore } from '../../campaigns/node/campaign-store';
import { createSuppressionStore } from '../../lists/node/suppression-store';
import { createTemplateStore } from '../../templates/node/template-store';
import { AppError } from '../../ipc/common/app-error';
import { BUSY_MESSAGE, DATABASE_FILE_NAME, openDatabase } from './database';
import { systemClock } from './ports';
import { nodeArgsFor } from '../../test-support/spawn-entry';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mailroom-two-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writer(args: string[]) {
  const child = spawn(process.execPath, [...nodeArgsFor('app/test-support/storage-writer.ts'), ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
  const said = (line: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => (out.includes(line) ? resolve() : undefined);
      child.stdout.on('data', check);
      void exited.then((r) => reject(new Error(`the writer ended before saying "${line}": ${r.err}`)));
      check();
    });
  return { child, exited, said };
}

describe('two processes on one database', () => {
  it('both write templates, suppression entries and recipient states at once; every write is there', async () => {
    const N = 150;
    const database = openDatabase(join(dir, DATABASE_FILE_NAME));
    const campaigns = createCampaignStore(database, systemClock);
    const recipients = Array.from({ length: N * 2 }, (_, i) => ({ line: i + 2, email: `r${i}@example.com`, name: '', fields: {} }));
    const campaign = campaigns.create({ accountId: 'acc', accountLabel: 'Office', listName: 'L', template: { contentType: 'text/plain', subject: 'S', content: 'C' }, recipients, replyTo: '', attachments: [], perMinute: 60 });
    const a = writer(['write', dir, 'a', String(N), campaign.id]);
    const b = writer(['write', dir, 'b', String(N), campaign.id]);
    const [ra, rb] = await Promise.all([a.exited, b.exited]);
    expect(ra, ra.err).toMatchObject({ code: 0 });
    expect(rb, rb.err).toMatchObject({ code: 0 });

    const names = createTemplateStore(database, systemClock).list().map((t) => t.name);
    expect(names).toHaveLength(2 * N);
    expect(new Set(names)).toEqual(new Set([...Array.from({ length: N }, (_, i) => `a-${i}`), ...Array.from({ length: N }, (_, i) => `b-${i}`)]));
    expect(createSuppressionStore(database, systemClock).addresses().size).toBe(2 * N);
    expect(campaigns.summary(campaign.id)?.counts).toMatchObject({ sent: 2 * N, queued: 0 });
    expect(campaigns.recipients(campaign.id).every((r) => r.state.status === 'sent')).toBe(true);
    database.close();
  }, 120_000);

  it('a writer kept out by another process longer than its wait gets a clear sentence, and its change is not half-made', async () => {
    const holder = writer(['hold', dir]);
    await holder.said('holding');
    const database = openDatabase(join(dir, DATABASE_FILE_NAME), { busyTimeoutMs: 200 });
    const templates = createTemplateStore(database, systemClock);
    const before = templates.list().length;
    let refused: unknown;
    try {
      templates.save({ name: 'late', usageType: 'Notice', contentType: 'text/plain', subject: 'late', content: 'x' } as Parameters<typeof templates.save>[0]);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).message).toBe(BUSY_MESSAGE);
    holder.child.stdin.end();
    expect((await holder.exited).code).toBe(0);
    expect(templates.list()).toHaveLength(before);
    templates.save({ name: 'late', usageType: 'Notice', contentType: 'text/plain', subject: 'late', content: 'x' } as Parameters<typeof templates.save>[0]);
    expect(templates.list()).toHaveLength(before + 1);
    database.close();
  }, 120_000);
});
