import { userInfo } from 'node:os';
import { dirname } from 'node:path';

/** The SQLite file used when DATABASE_URL is not set. */
export const DEFAULT_DATABASE = './data/qingwang.db';

/** Settings from the environment; every one has a default that works on a laptop. */
export interface Config {
  /** `postgres://…` for PostgreSQL, otherwise a SQLite file path. */
  databaseUrl: string;
  /** A streaming replica of the PostgreSQL primary for lag-tolerant reads (READ_DATABASE_URL). */
  readDatabaseUrl?: string;
  host: string;
  port: number;
  /** Who the CLI acts as in the audit log. */
  cliActor: string;
  /** A reverse proxy terminates TLS: trust its X-Forwarded-* headers (cookies become Secure). */
  trustProxy: boolean;
  /** Server log level (fatal, error, warn, info, debug); internal errors are logged at error. */
  logLevel: string;
  /**
   * Where the server keeps what is not in the database (the anchor key pair): QINGWANG_DATA_DIR, else
   * the SQLite file's directory, else `./data`.
   */
  dataDir: string;
  /** Ed25519 private key that signs audit anchors (PEM or base64 PKCS#8); takes precedence over the data directory's. */
  anchorKey?: string;
  /** Ed25519 public key that checks anchors' signatures (PEM or base64 SPKI); derived from anchorKey when absent. */
  anchorPublicKey?: string;
  /** SMTP server that mails the daily digests (`smtp://user:pass@host:587`); no e-mail without it. */
  smtpUrl?: string;
  /** The digests' sender address. */
  smtpFrom: string;
  /** Whether the server process runs the daily jobs itself (off: `qingwang jobs run-due` from cron). */
  scheduler: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got ${env.PORT}`);
  const databaseUrl = env.DATABASE_URL || DEFAULT_DATABASE;
  return {
    databaseUrl,
    readDatabaseUrl: env.READ_DATABASE_URL || undefined,
    host: env.HOST || '127.0.0.1',
    port,
    cliActor: env.QINGWANG_ACTOR || `cli:${safeUserName()}`,
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL || 'warn',
    dataDir: env.QINGWANG_DATA_DIR || defaultDataDir(databaseUrl),
    anchorKey: env.QINGWANG_ANCHOR_KEY || undefined,
    anchorPublicKey: env.QINGWANG_ANCHOR_PUBLIC_KEY || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    smtpFrom: env.SMTP_FROM || 'qingwang@localhost',
    scheduler: env.QINGWANG_SCHEDULER !== 'off',
  };
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

function defaultDataDir(databaseUrl: string): string {
  return isPostgresUrl(databaseUrl) || databaseUrl === ':memory:'
    ? dirname(DEFAULT_DATABASE)
    : dirname(databaseUrl);
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
