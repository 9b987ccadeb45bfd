/**
 * The one SQLite database of an installation (better-sqlite3): lists and members, suppression,
 * templates, drafts, campaigns and every recipient's current state. One file in the data folder, mode
 * 0600, WAL (readers never wait for the writer), `synchronous=FULL` (a commit the user saw is on disk
 * even after a power cut; commits are grouped, so the fsync per commit costs little), foreign keys on,
 * and a busy timeout: a second process (the CLI, a second app instance) waits for the lock, and when
 * it cannot get it in time gets a clear sentence instead of losing a write.
 */
import { chmodSync, closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../../ipc/common/app-error';
import { MIGRATIONS } from './migrations';

/** The database file's name in the data folder. */
export const DATABASE_FILE_NAME = 'mailroom.sqlite3';

/** How long a writer waits for another process's lock before it is refused, in ms. */
export const BUSY_TIMEOUT_MS = 5000;

/** An open database. */
export interface MailroomDatabase {
  /** The better-sqlite3 connection (prepared statements are cached by the stores). */
  readonly db: Database.Database;
  /** The file, or `:memory:`. */
  readonly file: string;
  /**
   * Runs `work` in one write transaction (BEGIN IMMEDIATE: the lock is taken first, so two processes
   * never both read then write). A lock held too long by another process becomes an AppError.
   */
  write<T>(work: () => T): T;
  /** Closes the connection. */
  close(): void;
}

/** The sentence a writer gets when another process holds the database too long. */
export const BUSY_MESSAGE = 'Another Mailroom process (a second window or the command line) is writing to the same data folder, so this change was not saved.';

/** True when an error is SQLite's "database is locked/busy". */
export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** Turns a lock time-out into the user's sentence; other errors pass unchanged. */
export function busyToAppError(error: unknown): unknown {
  return isBusyError(error) ? new AppError('storage', BUSY_MESSAGE, 'Wait for the other process to finish (or close it), then try again.') : error;
}

/** Brings a database to the newest schema version, one migration per transaction. */
export function migrate(db: Database.Database, upTo: number = MIGRATIONS.length): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new AppError('storage', `The data folder was written by a newer Mailroom (schema ${current}; this version knows ${MIGRATIONS.length}).`, 'Install the newer Mailroom again.');
  }
  for (let version = current; version < upTo; version += 1) {
    db.transaction(() => {
      const step = MIGRATIONS[version]!;
      if (typeof step === 'string') db.exec(step);
      else step(db);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
  return db.pragma('user_version', { simple: true }) as number;
}

/** Opens (creating if needed, mode 0600) and migrates the database. */
export function openDatabase(file: string, options: { readonly busyTimeoutMs?: number; readonly migrateUpTo?: number } = {}): MailroomDatabase {
  if (file !== ':memory:') {
    // Created with 0600 before SQLite opens it; SQLite gives its -wal and -shm files the same mode.
    closeSync(openSync(file, 'a', 0o600));
    chmodSync(file, 0o600);
  }
  const db = new Database(file, { timeout: options.busyTimeoutMs ?? BUSY_TIMEOUT_MS });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db, options.migrateUpTo);
  } catch (error) {
    db.close();
    throw busyToAppError(error);
  }
  return {
    db,
    file,
    write(work) {
      try {
        return db.transaction(work).immediate();
      } catch (error) {
        throw busyToAppError(error);
      }
    },
    close: () => db.close(),
  };
}
