/** Reads a chosen or dropped file for `lists:inspect` / `lists:import`: size first, then the bytes as base64. */
import { bytesToBase64 } from '../../state/file-base64';
import { isTooLarge } from './import-model';

/** The file's bytes as base64, or why they were not read. */
export type ReadImportFileResult =
  | { readonly ok: true; readonly base64: string }
  | { readonly ok: false; readonly problem: 'too-large' | 'unreadable' };

/**
 * Reads `file` as base64 unless it is over the limit, which is checked on `size` before a byte is
 * read. The chunked encoder is the shared one in renderer/state/file-base64.ts (tested there with
 * multi-megabyte inputs), so a 20 MB file does not overflow the stack.
 */
export async function readImportFile(file: Blob): Promise<ReadImportFileResult> {
  if (isTooLarge(file.size)) return { ok: false, problem: 'too-large' };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    // The file was moved or deleted after it was chosen, or the disk could not be read.
    return { ok: false, problem: 'unreadable' };
  }
  return { ok: true, base64: bytesToBase64(bytes) };
}
