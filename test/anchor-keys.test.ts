// Issue 13, defect 2: anchors are on by default. The server's first start makes an Ed25519 key pair
// in the data directory (the private key readable by its owner only) and signs the day's anchor;
// with the private key moved off the server, it makes no new one and anchors are checked with the
// public key alone; keys in the environment take precedence over the files.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { keyId, parseKey } from '../src/areas/audit/rules.ts';
import { listAnchors } from '../src/areas/audit/service.ts';
import { anchorIfDue } from '../src/areas/integrity/deep-check.ts';
import { DIALECTS, contextFor, freshStore } from './support/stores.ts';

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'qingwang-anchor-keys-'));
const servers: ChildProcess[] = [];
afterAll(() => {
  for (const s of servers) s.kill('SIGTERM');
});

/** The environment of a command on `dir`'s database, with no anchor key of the test run's own. */
function envFor(dir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: join(dir, 'qingwang.db'), ...extra };
  for (const name of ['QINGWANG_ANCHOR_KEY', 'QINGWANG_ANCHOR_PUBLIC_KEY', 'QINGWANG_DATA_DIR'])
    if (!(name in extra)) delete env[name];
  return env;
}

async function cli(env: NodeJS.ProcessEnv, ...args: string[]) {
  try {
    const { stdout, stderr } = await run('node', ['bin/qingwang.js', ...args], { env });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

/** Starts `qingwang serve` and waits until it listens and its start-up anchoring had time to end; stops it. */
async function serveOnce(env: NodeJS.ProcessEnv): Promise<string> {
  const server = spawn('node', ['bin/qingwang.js', 'serve'], { env: { ...env, PORT: '0' } });
  servers.push(server);
  let out = '';
  server.stdout.on('data', (d: Buffer) => (out += d.toString()));
  server.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 60_000;
  while (!out.includes('Qingwang is running at')) {
    if (Date.now() > deadline || server.exitCode !== null)
      throw new Error(`the server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const url = /running at (\S+)/.exec(out)![1]!;
  // A request answered after listening: the start-up anchor (begun before) has had its turn.
  await fetch(`${url}/api/health`);
  await new Promise((r) => setTimeout(r, 1_000));
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await exited;
  return out;
}

describe('the anchor key pair in the data directory', () => {
  const dir = join(root, 'first-start');
  const env = envFor(dir);
  const privateFile = join(dir, 'anchor-key.pem');
  const publicFile = join(dir, 'anchor-public-key.pem');

  it("is made at the server's first start, the private key readable by its owner only, and signs the day's anchor", async () => {
    const out = await serveOnce(env);
    expect(out).toContain(`made the audit anchors' key pair in ${dir}`);
    expect(statSync(privateFile).mode & 0o777).toBe(0o600);
    expect(statSync(publicFile).mode & 0o022).toBe(0); // not writable by others
    const publicKey = parseKey(readFileSync(publicFile, 'utf8'), 'public');
    const anchors = (await cli(env, 'audit', 'anchors')).out.trim().split('\n');
    expect(anchors).toHaveLength(1);
    expect(JSON.parse(anchors[0]!)).toMatchObject({ keyId: keyId(publicKey) });
  }, 120_000);

  it('is kept at the next start (no new pair), and signs on the command line', async () => {
    const before = readFileSync(privateFile, 'utf8');
    const out = await serveOnce(env);
    expect(out).not.toContain('made the audit anchors');
    expect(readFileSync(privateFile, 'utf8')).toBe(before);
    const anchored = await cli(env, 'audit', 'anchor');
    expect(anchored.code, anchored.out).toBe(0);
    const verified = await cli(env, 'audit', 'verify');
    expect(verified.out).toContain('anchors: all 2 hold (signatures checked)');
  }, 120_000);

  it('once the private key is moved off the server, none is made again, and the public key alone checks', async () => {
    const offServer = join(root, 'inspectorate-anchor-key.pem');
    rmSync(offServer, { force: true });
    await run('mv', [privateFile, offServer]);
    const out = await serveOnce(env);
    expect(out).toContain('this server checks anchors but does not sign them');
    expect(existsSync(privateFile)).toBe(false);
    const refused = await cli(env, 'audit', 'anchor');
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('to sign anchors');
    const verified = await cli(env, 'audit', 'verify', '--public-key', publicFile);
    expect(verified.code, verified.out).toBe(0);
    expect(verified.out).toContain('(signatures checked)');
    expect(verified.out).toContain('history intact');
    // Where the key went, it still signs: the inspectorate's anchor is checked on the server.
    const signed = await cli(
      { ...env, QINGWANG_ANCHOR_KEY: readFileSync(offServer, 'utf8') },
      'audit',
      'anchor',
    );
    expect(signed.code, signed.out).toBe(0);
    expect((await cli(env, 'audit', 'verify')).out).toContain('anchors: all 3 hold (signatures checked)');
  }, 120_000);

  it('refuses a private key file others can read', async () => {
    const exposed = join(root, 'exposed');
    const exposedEnv = envFor(exposed);
    await serveOnce(exposedEnv);
    chmodSync(join(exposed, 'anchor-key.pem'), 0o644);
    const refused = await cli(exposedEnv, 'audit', 'anchor');
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('can be read by other users');
  }, 120_000);
});

describe('anchor keys in the environment', () => {
  it('take precedence: no key pair is made, and the environment key signs', async () => {
    const dir = join(root, 'environment');
    const keys = generateKeyPairSync('ed25519');
    const der = keys.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    const env = envFor(dir, { QINGWANG_ANCHOR_KEY: der });
    const out = await serveOnce(env);
    expect(out).not.toContain('made the audit anchors');
    expect(existsSync(join(dir, 'anchor-key.pem'))).toBe(false);
    const anchors = (await cli(env, 'audit', 'anchors')).out.trim().split('\n');
    expect(JSON.parse(anchors[0]!)).toMatchObject({ keyId: keyId(keys.publicKey) });
  }, 120_000);
});

describe.each(DIALECTS)('the daily anchor on %s', (dialect) => {
  it('is signed once a day of the bureau’s calendar', async () => {
    const store = await freshStore(dialect);
    try {
      const { privateKey } = generateKeyPairSync('ed25519');
      const morning = new Date('2011-12-01T01:00:00Z');
      expect(await anchorIfDue(contextFor(store, morning, 'server'), privateKey)).toBeDefined();
      const evening = new Date('2011-12-01T12:00:00Z');
      expect(await anchorIfDue(contextFor(store, evening, 'server'), privateKey)).toBeUndefined();
      const nextDay = new Date('2011-12-01T16:30:00Z'); // 00:30 on 2 December in the bureau
      expect(await anchorIfDue(contextFor(store, nextDay, 'server'), privateKey)).toBeDefined();
      expect(await listAnchors(store.db)).toHaveLength(2);
    } finally {
      await store.dispose();
    }
  });
});
