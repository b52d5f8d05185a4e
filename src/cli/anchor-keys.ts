// The anchor keys: from the environment (QINGWANG_ANCHOR_KEY, QINGWANG_ANCHOR_PUBLIC_KEY), which
// take precedence, else from the key pair the server made in the data directory at its first start.
import { type KeyObject, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseKey } from '../areas/audit/rules.ts';
import { DomainError } from '../shared/errors.ts';
import { config } from './store.ts';

/** The key files in the data directory: the private one readable by its owner only. */
export const ANCHOR_KEY_FILE = 'anchor-key.pem';
export const ANCHOR_PUBLIC_KEY_FILE = 'anchor-public-key.pem';

const privateFile = () => join(config.dataDir, ANCHOR_KEY_FILE);
const publicFile = () => join(config.dataDir, ANCHOR_PUBLIC_KEY_FILE);

/**
 * Makes the anchor key pair in the data directory when there is none: no key in the environment
 * and neither file there. A public key file alone means the private key was moved off the server:
 * nothing is made then, anchors are checked but not signed. Returns the directory when it made them.
 */
export function ensureAnchorKeys(): string | undefined {
  if (config.anchorKey || config.anchorPublicKey) return undefined;
  if (existsSync(privateFile()) || existsSync(publicFile())) return undefined;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  // 'wx': never overwrite a key another process has just written.
  writeFileSync(privateFile(), privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
    flag: 'wx',
  });
  writeFileSync(publicFile(), publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644, flag: 'wx' });
  return config.dataDir;
}

/** The private key that signs anchors: QINGWANG_ANCHOR_KEY, else the data directory's, if either is there. */
export function anchorKeyIfSet(): KeyObject | undefined {
  if (config.anchorKey) return parseKey(config.anchorKey, 'private');
  const file = privateFile();
  if (!existsSync(file)) return undefined;
  // Like ssh, refuse a private key others can read: it may have been copied.
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0)
    throw new DomainError(
      'anchor_key_exposed',
      `${file} can be read by other users: make it private (chmod 600) and consider the key copied`,
      undefined,
      { file },
    );
  return parseKey(readFileSync(file, 'utf8'), 'private');
}

/** The private key that signs anchors; refuses when there is none. */
export function anchorPrivateKey(): KeyObject {
  const key = anchorKeyIfSet();
  if (!key)
    throw new DomainError(
      'no_anchor_key',
      `set QINGWANG_ANCHOR_KEY, or put the key in ${privateFile()}, to sign anchors`,
    );
  return key;
}

/**
 * The public key that checks anchors: from `file`, else QINGWANG_ANCHOR_PUBLIC_KEY, else derived
 * from QINGWANG_ANCHOR_KEY, else the data directory's public key, else derived from its private key.
 */
export function anchorPublicKey(file?: string): KeyObject | undefined {
  if (file) return parseKey(readFileSync(file, 'utf8'), 'public');
  if (config.anchorPublicKey) return parseKey(config.anchorPublicKey, 'public');
  if (!config.anchorKey && existsSync(publicFile()))
    return parseKey(readFileSync(publicFile(), 'utf8'), 'public');
  const key = anchorKeyIfSet();
  return key ? createPublicKey(key) : undefined;
}
