/**
 * A throwaway Dovecot IMAP server on 127.0.0.1 for tests: free port, plain IMAP with STARTTLS
 * offered (the test certificate), passwd-file users, maildir in a temp dir, no system service.
 * Needs Debian's dovecot-imapd (scripts/test.mjs installs it when root on Debian).
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { createTestCertificate } from './test-certificate';

/** Where Debian puts the dovecot binary. */
export const DOVECOT_BINARY = process.env.MAILROOM_DOVECOT ?? '/usr/sbin/dovecot';

/** Why Dovecot tests cannot run here, or null when they can. */
export function dovecotMissing(): string | null {
  return existsSync(DOVECOT_BINARY)
    ? null
    : `Dovecot is not installed at ${DOVECOT_BINARY} (Debian/Ubuntu: sudo apt-get install dovecot-imapd, or set MAILROOM_DOVECOT).`;
}

/** A running Dovecot. */
export interface DovecotServer {
  /** 127.0.0.1. */
  readonly host: string;
  /** The IMAP port. */
  readonly port: number;
  /** PEM of the certificate STARTTLS presents (trust it as the CA). */
  readonly ca: string;
  /**
   * Writes messages straight into a user's INBOX maildir (`cur/`), for bulk filler such as a
   * 10,000-message mailbox; Dovecot indexes them at the next SELECT. Fixtures go in with IMAP APPEND.
   */
  seedMaildir(user: string, messages: Iterable<string>, receivedAt: Date): void;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
}

/** A user: login name and password. */
export interface DovecotUser {
  /** Login. */
  readonly user: string;
  /** Password (plain; this is a throwaway server). */
  readonly pass: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function untilListening(port: number, isAlive: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error('Dovecot did not greet within 60 s.');
    if (!isAlive()) throw new Error('Dovecot exited before it listened; see its log in the test output.');
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.setTimeout(2000, () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('data', (chunk: Buffer) => {
        socket.destroy();
        resolve(chunk.toString().startsWith('* OK'));
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Options of the throwaway server. */
export interface DovecotOptions {
  /**
   * Also accept XOAUTH2/OAUTHBEARER logins, checked by Dovecot's oauth2 passdb against this URL
   * (`introspection_mode = auth`: a GET with `Authorization: Bearer <token>`, answered with JSON whose
   * `email` must be the login name), e.g. the userinfo endpoint of e2e/fakes/google-oauth.ts. Config as
   * in Dovecot 2.3's "Open Authentication v2.0 database" (doc.dovecot.org/2.3, authentication/oauth2).
   */
  readonly oauth2IntrospectionUrl?: string;
}

/** Starts Dovecot with the given users; each gets an empty INBOX. */
export async function startDovecot(users: readonly DovecotUser[], options: DovecotOptions = {}): Promise<DovecotServer> {
  const missing = dovecotMissing();
  if (missing) throw new Error(missing);
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-dovecot-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const certificate = await createTestCertificate();
  const me = userInfo();
  writeFileSync(join(dir, 'cert.pem'), certificate.cert);
  writeFileSync(join(dir, 'key.pem'), certificate.key, { mode: 0o600 });
  const root = me.uid === 0;
  // Dovecot refuses mail uid 0: as root, mail belongs to Debian's `dovecot` user.
  const mailUid = root ? Number(spawnSync('id', ['-u', 'dovecot']).stdout.toString().trim()) : me.uid;
  const mailGid = root ? Number(spawnSync('id', ['-g', 'dovecot']).stdout.toString().trim()) : me.gid;
  mkdirSync(join(dir, 'home'));
  chownSync(join(dir, 'home'), mailUid, mailGid);
  writeFileSync(join(dir, 'users'), users.map((u) => `${u.user}:{PLAIN}${u.pass}:${mailUid}:${mailGid}::${dir}/home/${u.user}::\n`).join(''));
  // Not root: everything runs as the current user. Root: Dovecot refuses root login processes, so
  // they run as Debian's own unprivileged users (dovenull, dovecot) while mail stays the caller's.
  const internalUser = root ? 'dovecot' : me.username;
  const loginUser = root ? 'dovenull' : me.username;
  const config = `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = mailroom-test-${port}
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
ssl = yes
ssl_cert = <${dir}/cert.pem
ssl_key = <${dir}/key.pem
disable_plaintext_auth = no
# A refused login is answered at once (Dovecot waits 2 s by default, against guessing); the refusal itself is the same.
auth_failure_delay = 0
auth_mechanisms = plain login${options.oauth2IntrospectionUrl ? ' xoauth2 oauthbearer' : ''}
default_internal_user = ${internalUser}
default_login_user = ${loginUser}
first_valid_uid = ${Math.min(mailUid, 100)}
first_valid_gid = ${Math.min(mailGid, 100)}
mail_location = maildir:~/Maildir
mail_fsync = never
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/users${options.oauth2IntrospectionUrl ? '\n  mechanisms = plain login' : ''}
}
${
  options.oauth2IntrospectionUrl
    ? `passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = ${dir}/oauth2.conf.ext
}
`
    : ''
}userdb {
  driver = passwd-file
  args = ${dir}/users
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
  # No growing delay for repeated refused logins from 127.0.0.1 (Dovecot's auth penalty, 2 → 15 s).
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
protocol imap {
  mail_max_userip_connections = 50
}
`;
  writeFileSync(join(dir, 'dovecot.conf'), config);
  if (options.oauth2IntrospectionUrl) {
    writeFileSync(join(dir, 'oauth2.conf.ext'), `introspection_mode = auth\nintrospection_url = ${options.oauth2IntrospectionUrl}\nusername_attribute = email\n`);
  }
  const child = spawn(DOVECOT_BINARY, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let alive = true;
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const orphanGuard = () => child.kill('SIGTERM');
  process.once('exit', orphanGuard);
  child.once('exit', () => {
    alive = false;
    process.off('exit', orphanGuard);
  });
  try {
    await untilListening(port, () => alive);
  } catch (error) {
    const log = existsSync(join(dir, 'dovecot.log')) ? spawnSync('tail', ['-20', join(dir, 'dovecot.log')]).stdout.toString() : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${output}\n${log}`, { cause: error });
  }
  return {
    host: '127.0.0.1',
    port,
    ca: certificate.cert,
    seedMaildir(user, messages, receivedAt) {
      const maildir = join(dir, 'home', user, 'Maildir');
      for (const part of ['', 'cur', 'new', 'tmp']) {
        mkdirSync(join(maildir, part), { recursive: true });
        chownSync(join(maildir, part), mailUid, mailGid);
      }
      chownSync(join(dir, 'home', user), mailUid, mailGid);
      const seconds = Math.floor(receivedAt.getTime() / 1000);
      let n = 0;
      for (const message of messages) {
        const file = join(maildir, 'cur', `${seconds}.M${n}P${process.pid}.mailroom-seed,S=${Buffer.byteLength(message)}:2,`);
        writeFileSync(file, message.replace(/\r?\n/g, '\n'));
        chownSync(file, mailUid, mailGid);
        utimesSync(file, receivedAt, receivedAt);
        n += 1;
      }
    },
    async stop() {
      if (alive) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
