/** The browser host keeps its port across restarts (bookmarks and open tabs keep their address): remembered in the data folder. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const FILE = 'web-host.json';

/** The port the host listened on last time, or undefined. */
export async function rememberedPort(dataDir: string): Promise<number | undefined> {
  try {
    const { port } = JSON.parse(await readFile(join(dataDir, FILE), 'utf8')) as { port?: unknown };
    return typeof port === 'number' && Number.isInteger(port) && port >= 1024 && port <= 65535 ? port : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers the port for the next start (owner-only file). */
export async function rememberPort(dataDir: string, port: number): Promise<void> {
  await writeFile(join(dataDir, FILE), `${JSON.stringify({ port })}\n`, { mode: 0o600 });
}
