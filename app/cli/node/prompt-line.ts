/** One typed line from the terminal (echoed as typed), for a yes/no question. */
import type { TerminalIn } from './passphrase';

/** Writes `prompt`, then resolves with the line typed (without its newline); Ctrl-D or Ctrl-C give an empty answer. */
export function promptLine(tty: TerminalIn, out: { write(text: string): unknown }, prompt: string): Promise<string> {
  out.write(prompt);
  return new Promise((resolve) => {
    let typed = '';
    const onData = (chunk: Buffer | string) => {
      const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      const end = [...text].findIndex((c) => c === '\r' || c === '\n' || c === '\u0003' || c === '\u0004');
      if (end === -1) {
        typed += text;
        return;
      }
      tty.off('data', onData);
      tty.pause();
      const chars = [...text];
      const stop = chars[end];
      resolve(stop === '\u0003' || stop === '\u0004' ? '' : typed + chars.slice(0, end).join(''));
    };
    tty.on('data', onData);
    tty.resume();
  });
}
