// The anchor keys of the configuration (or a file), for the commands that sign or check anchors.
import { type KeyObject, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseKey } from '../areas/audit/rules.ts';
import { DomainError } from '../shared/errors.ts';
import { config } from './store.ts';

/** The private key that signs anchors, if QINGWANG_ANCHOR_KEY is set. */
export function anchorKeyIfSet(): KeyObject | undefined {
  return config.anchorKey ? parseKey(config.anchorKey, 'private') : undefined;
}

/** The private key that signs anchors; refuses when QINGWANG_ANCHOR_KEY is not set. */
export function anchorPrivateKey(): KeyObject {
  const key = anchorKeyIfSet();
  if (!key)
    throw new DomainError(
      'no_anchor_key',
      'set QINGWANG_ANCHOR_KEY to sign anchors (`qingwang audit keygen` makes one)',
    );
  return key;
}

/** The public key that checks anchors: from `file`, else the environment, else derived from the private key. */
export function anchorPublicKey(file?: string): KeyObject | undefined {
  if (file) return parseKey(readFileSync(file, 'utf8'), 'public');
  if (config.anchorPublicKey) return parseKey(config.anchorPublicKey, 'public');
  const key = anchorKeyIfSet();
  return key ? createPublicKey(key) : undefined;
}
