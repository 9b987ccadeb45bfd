/**
 * The narrow ports the core needs from its host. Electron adapters (electron/) and the plain-Node host
 * (app/host-web/) implement them; tests hand in the in-memory versions from `memory-ports.ts`.
 */
import type { EventChannel } from '../../ipc/common/channels';
import type { EventPayload } from '../../ipc/common/contract';

/** A small persistent key-value store (electron-store in Electron, `conf` under Node). */
export interface KeyValueStore {
  /** The stored value, or undefined. */
  get(key: string): unknown;
  /** Stores a JSON-serialisable value. */
  set(key: string, value: unknown): void;
  /** Removes a key. */
  delete(key: string): void;
}

/** Encrypts and decrypts secrets (OS keychain via safeStorage, or a passphrase). */
export interface SecretCipher {
  /** A short name of the protection, shown to the user: `keychain`, `passphrase`, … */
  readonly protection: string;
  /** Encrypts UTF-8 text to an opaque base64 string. */
  encrypt(plainText: string): Promise<string>;
  /** Decrypts what `encrypt` produced; throws if it cannot. */
  decrypt(cipherText: string): Promise<string>;
}

/** The current time. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** A log line sink. Callers never pass secrets or message bodies. */
export type Logger = (line: string) => void;

/** Pushes an event to every connected renderer. */
export type EventSink = <E extends EventChannel>(channel: E, payload: EventPayload<E>) => void;

/** The system clock. */
export const systemClock: Clock = { now: () => Date.now() };
