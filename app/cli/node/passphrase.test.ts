import { EventEmitter } from 'node:events';
import { mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPassphrase, type TerminalIn } from './passphrase';

/** A terminal that types `keys` once listened to, recording raw mode. */
function fakeTty(keys: string[]): TerminalIn & { modes: boolean[] } {
  const emitter = new EventEmitter();
  const modes: boolean[] = [];
  return {
    isTTY: true,
    modes,
    setRawMode: (mode: boolean) => modes.push(mode),
    on: (event, listener) => emitter.on(event, listener),
    off: (event, listener) => emitter.off(event, listener),
    resume: () => queueMicrotask(() => keys.forEach((k) => emitter.emit('data', Buffer.from(k)))),
    pause: () => undefined,
  };
}

const sink = () => {
  let text = '';
  return { write: (t: string) => (text += t), text: () => text };
};

describe('passphrase sources', () => {
  it('prompts on a terminal in raw mode, echoing nothing, with Backspace', async () => {
    const tty = fakeTty(['pass', 'x\u007f', 'phrase!\r']);
    const out = sink();
    expect(await readPassphrase({ env: {}, tty, promptTo: out, prompt: 'Passphrase: ' })).toBe('passphrase!');
    expect(out.text()).toBe('Passphrase: \n');
    expect(tty.modes).toEqual([true, false]);
  });

  it('rejects on Ctrl-C at the prompt and leaves raw mode', async () => {
    const tty = fakeTty(['abc\u0003']);
    await expect(readPassphrase({ env: {}, tty, promptTo: sink(), prompt: '' })).rejects.toThrow('interrupted');
    expect(tty.modes).toEqual([true, false]);
  });

  it('reads the first line of a file descriptor before the environment, and the environment before a prompt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailroom-pass-'));
    try {
      writeFileSync(join(dir, 'p'), 'from the fd\nsecond line\n');
      const fd = openSync(join(dir, 'p'), 'r');
      const tty = fakeTty(['typed\r']);
      expect(await readPassphrase({ env: { MAILROOM_PASSPHRASE: 'from env' }, fd, tty, promptTo: sink(), prompt: '' })).toBe('from the fd');
      closeSync(fd);
      expect(await readPassphrase({ env: { MAILROOM_PASSPHRASE: 'from env' }, tty, promptTo: sink(), prompt: '' })).toBe('from env');
      expect(await readPassphrase({ env: {}, promptTo: sink(), prompt: '' })).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
