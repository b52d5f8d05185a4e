// Secrets of the tip line: the tipster's contact details are sealed with AES-256-GCM, and receipt
// codes are kept only as keyed hashes (HMAC-SHA256), so a copy of the database reveals neither —
// not even by trying all 10^16 receipt codes. Both keys derive from QINGWANG_TIP_KEY.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomInt } from 'node:crypto';

export const TIP_KEY_VARIABLE = 'QINGWANG_TIP_KEY';

/** The demo's key: public knowledge, so it protects nothing. Used only when the variable is unset outside production. */
const DEMO_KEY_HEX = '7177'.repeat(16);

interface Keys {
  contact: Buffer;
  receipt: Buffer;
  demo: boolean;
}

let keys: Keys | undefined;

function derive(master: Buffer, demo: boolean): Keys {
  const sub = (info: string) => Buffer.from(hkdfSync('sha256', master, 'qingwang-tips', info, 32));
  return { contact: sub('contact-details'), receipt: sub('receipt-code'), demo };
}

/**
 * Loads the key from QINGWANG_TIP_KEY (64 hex characters = 32 bytes). Without it, refuses to run
 * under NODE_ENV=production, and otherwise falls back to the demo key with a loud warning.
 */
export function loadTipKey(env: NodeJS.ProcessEnv = process.env, warn = console.warn): Keys {
  const value = env[TIP_KEY_VARIABLE];
  if (value) {
    if (!/^[0-9a-fA-F]{64}$/.test(value))
      throw new Error(`${TIP_KEY_VARIABLE} must be 64 hex characters (32 bytes): openssl rand -hex 32`);
    keys = derive(Buffer.from(value, 'hex'), false);
    return keys;
  }
  if (env.NODE_ENV === 'production')
    throw new Error(
      `${TIP_KEY_VARIABLE} is not set: tips cannot be stored without it (openssl rand -hex 32)`,
    );
  warn(
    `WARNING: ${TIP_KEY_VARIABLE} is not set — using the PUBLIC DEMO KEY. Tipsters' contact details ` +
      `are NOT protected. Set ${TIP_KEY_VARIABLE} (openssl rand -hex 32) before real use.`,
  );
  keys = derive(Buffer.from(DEMO_KEY_HEX, 'hex'), true);
  return keys;
}

/** Uses this key from now on (tests set their own). */
export function useTipKey(hex: string): void {
  keys = derive(Buffer.from(hex, 'hex'), false);
}

function current(): Keys {
  return keys ?? loadTipKey();
}

/** True while the demo key is in use (the server says so when it starts). */
export function usingDemoKey(): boolean {
  return current().demo;
}

const AAD = Buffer.from('qingwang tip contact v1');

/** Seals a value: `v1.` + base64(iv ‖ tag ‖ ciphertext). */
export function seal(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', current().contact, iv);
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

/** Opens a sealed value; throws when it was altered or sealed with another key. */
export function unseal(sealed: string): string {
  if (!sealed.startsWith('v1.')) throw new Error('unknown sealed format');
  const raw = Buffer.from(sealed.slice(3), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', current().contact, raw.subarray(0, 12));
  decipher.setAAD(AAD);
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** A new receipt code: 16 digits from the system's cryptographic random source. */
export function newReceiptCode(): string {
  let code = '';
  for (let i = 0; i < 16; i += 1) code += String(randomInt(10));
  return code;
}

/** The stored form of a receipt code. */
export function receiptHash(code: string): string {
  return createHmac('sha256', current().receipt).update(code).digest('hex');
}
