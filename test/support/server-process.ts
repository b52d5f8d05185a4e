// A real server process (`qingwang serve`) on a free port, for the tests of several processes
// behind one database: its address, what it printed, and a cookie-keeping client.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/qingwang.js', import.meta.url));

export interface ServerProcess {
  /** e.g. http://127.0.0.1:40123 */
  address: string;
  /** Everything the process printed so far (standard output and error). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `qingwang serve` with the given environment; resolves once it listens. */
export function startServerProcess(env: Record<string, string>, timeoutMs = 90_000): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${timeoutMs} ms:\n${printed}`));
    }, timeoutMs);
    const take = (chunk: Buffer) => {
      printed += chunk.toString('utf8');
      const address = /Qingwang is running at (http:\/\/\S+?) \(/.exec(printed)?.[1];
      if (!address) return;
      clearTimeout(timer);
      resolve({
        address,
        output: () => printed,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(killer);
        },
      });
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before it listened:\n${printed}`));
    });
  });
}

/** A caller that keeps its cookies (as a browser does) and sends its CSRF token with every write. */
export class CookieClient {
  private readonly cookies = new Map<string, string>();
  csrfToken = '';

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async request(base: string, method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0)
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  async signIn(base: string, username: string, password: string): Promise<Response> {
    const res = await this.request(base, 'POST', '/api/session', { username, password });
    if (res.ok) this.csrfToken = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
    return res;
  }
}
