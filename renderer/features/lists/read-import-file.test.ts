import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from './import-model';
import { readImportFile } from './read-import-file';

/** A Blob whose size is `size` but which fails if anything tries to read it. */
function unreadable(size: number): Blob {
  return { size, arrayBuffer: () => Promise.reject(new Error('read')) } as unknown as Blob;
}

describe('readImportFile', () => {
  it('reads a CP949 file to base64, byte for byte', async () => {
    const bytes = new Uint8Array([0xc0, 0xcc, 0xb8, 0xa7, 0x2c, 0x65, 0x6d, 0x61, 0x69, 0x6c, 0x0d, 0x0a]);
    const result = await readImportFile(new Blob([bytes]));
    expect(result.ok && Uint8Array.from(atob(result.base64), (c) => c.charCodeAt(0))).toEqual(bytes);
  });

  it('reads a file of several megabytes without overflowing the stack', async () => {
    const bytes = new Uint8Array(5 * 1024 * 1024).map((_, i) => i & 0xff);
    const result = await readImportFile(new Blob([bytes]));
    expect(result.ok && result.base64.length).toBe(Math.ceil(bytes.length / 3) * 4);
  });

  it('refuses a file over 20 MB by its size, before reading it', async () => {
    expect(await readImportFile(unreadable(MAX_IMPORT_BYTES + 1))).toEqual({ ok: false, problem: 'too-large' });
  });

  it('says so when the file cannot be read', async () => {
    expect(await readImportFile(unreadable(10))).toEqual({ ok: false, problem: 'unreadable' });
  });
});
