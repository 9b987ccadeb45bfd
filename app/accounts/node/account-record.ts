/**
 * The shapes an account has in the main process: the stored record (no secrets) and the decrypted
 * credentials a transport logs in with. Types only, so the store and the transports can share them.
 */
import type { CheckResult, Security } from '../../ipc/common/contract';
import type { SendMethod } from '../../oauth/common/google-oauth';
import type { AccessTokenSource } from '../../oauth/node/oauth-sessions';
import type { PresetId } from '../common/presets';

/** How an account logs in: a password (or none, for an IP-authorised relay), or a Google OAuth grant. */
export type AccountAuth =
  | { readonly kind: 'password' }
  | {
      readonly kind: 'oauth';
      /** SMTP with XOAUTH2, or the Gmail API. */
      readonly sendMethod: SendMethod;
      /** The OAuth client id (not secret). */
      readonly clientId: string;
      /** The client JSON's authorization endpoint. */
      readonly authUri: string;
      /** The client JSON's token endpoint (also nodemailer's `accessUrl`). */
      readonly tokenUri: string;
      /** The Cloud project named in the client JSON, or empty. */
      readonly projectId: string;
      /** The Google address the grant belongs to, from the ID token. */
      readonly googleAddress: string;
      /** Scopes Google granted, space-delimited. */
      readonly scope: string;
      /** ISO time of the last consent. */
      readonly connectedAt: string;
      /** Google's `error` at the last refresh when only a new consent can help (`invalid_grant`, …); absent while it works. */
      readonly grantProblem?: string | undefined;
    };

/** An account as stored: everything but the password. */
export interface AccountRecord {
  /** Stable id. */
  readonly id: string;
  /** The preset it was made from. */
  readonly presetId: PresetId;
  /** Display name. */
  readonly label: string;
  /** SMTP host. */
  readonly host: string;
  /** SMTP port. */
  readonly port: number;
  /** Connection security. */
  readonly security: Security;
  /** Login name. */
  readonly username: string;
  /** From address. */
  readonly fromAddress: string;
  /** From display name. */
  readonly fromName: string;
  /** Reply-To, or empty. */
  readonly replyTo: string;
  /** EHLO name, or empty. */
  readonly ehloName: string;
  /** TLS server name, or empty. */
  readonly tlsServername: string;
  /** The user's daily limit, if set. */
  readonly dailyLimit?: number | undefined;
  /** The admin's own https unsubscribe page for notices (`{token}`: the member's token); absent: mail only. */
  readonly unsubscribeUrl?: string | undefined;
  /** Extra CA to trust (PEM), or empty. */
  readonly caCertificate: string;
  /** The last "Check", if any. */
  readonly lastCheck?: CheckResult | undefined;
  /** Password or OAuth; absent means password (records built before version 3, and test fixtures). */
  readonly auth?: AccountAuth | undefined;
  /** ISO creation time. */
  readonly createdAt: string;
  /** ISO time of the last edit. */
  readonly updatedAt: string;
}

/** What a transport needs to log in. Decrypted in the main process only; never logged. */
export type AccountCredentials =
  | {
      readonly kind: 'password';
      /** The password, or undefined for a relay without login. */
      readonly password: string | undefined;
    }
  | {
      readonly kind: 'oauth';
      /** How the account sends. */
      readonly sendMethod: SendMethod;
      /** The token endpoint (nodemailer's `accessUrl`, set explicitly rather than its legacy default). */
      readonly tokenUri: string;
      /** Access tokens, refreshed in memory. */
      readonly tokens: AccessTokenSource;
      /** The Gmail API base URL. */
      readonly gmailApiBase: string;
    };
