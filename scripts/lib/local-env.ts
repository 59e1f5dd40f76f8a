/**
 * What `npm start` needs on a developer machine, kept under .data/ between runs: the database (embedded
 * unless DATABASE_URL is set), the token signing keys and the gateway secret.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { generateSigningKeys } from '@tandem/testkit';
import { resolveDataDir, startLocalPostgres, type LocalPostgres } from '@tandem/local-postgres';
import { REPO_ROOT } from './services';

/** Where local state lives (`TANDEM_DATA_DIR` moves it, e.g. for the start-up test). */
export const DATA_DIR = resolve(process.env.TANDEM_DATA_DIR ?? resolve(REPO_ROOT, '.data'));

export interface LocalDatabase {
  url: string;
  description: string;
  embedded: LocalPostgres | null;
  /** An embedded cluster created by this run (the demo is loaded into it). */
  fresh: boolean;
}

export async function localDatabase(log: (line: string) => void): Promise<LocalDatabase> {
  if (process.env.DATABASE_URL) {
    return {
      url: process.env.DATABASE_URL,
      description: `${new URL(process.env.DATABASE_URL).host} (DATABASE_URL)`,
      embedded: null,
      fresh: false,
    };
  }
  const { dir, note } = await resolveDataDir(resolve(DATA_DIR, 'postgres'));
  if (note) log(note);
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const fresh = !existsSync(resolve(dir, 'PG_VERSION'));
  log(fresh ? `creating an embedded PostgreSQL in ${dir} (first start)` : `starting the embedded PostgreSQL in ${dir}`);
  const embedded = await startLocalPostgres({ dataDir: dir, port, persistent: true });
  await embedded.createDatabase('tandem');
  return {
    url: embedded.url('tandem'),
    description: `embedded PostgreSQL on 127.0.0.1:${port}, data in ${dir}`,
    embedded,
    fresh,
  };
}

/** Development signing keys: generated once into .data/keys (production passes its own by environment). */
export async function localKeys(): Promise<{ privateKeyFile: string; publicKeyFile: string }> {
  const dir = resolve(DATA_DIR, 'keys');
  const privateKeyFile = resolve(dir, 'jwt-private.pem');
  const publicKeyFile = resolve(dir, 'jwt-public.pem');
  if (!existsSync(privateKeyFile) || !existsSync(publicKeyFile)) {
    await mkdir(dir, { recursive: true });
    const keys = await generateSigningKeys();
    await writeFile(privateKeyFile, keys.privateKey, { mode: 0o600 });
    await writeFile(publicKeyFile, keys.publicKey);
  }
  return { privateKeyFile, publicKeyFile };
}

/** The development key that signs the CPD ledger's checkpoints (Ed25519, like the token keys): .data/keys. */
export async function localCheckpointKey(): Promise<{ privateKeyFile: string; publicKeyFile: string }> {
  const dir = resolve(DATA_DIR, 'keys');
  const privateKeyFile = resolve(dir, 'checkpoint-private.pem');
  const publicKeyFile = resolve(dir, 'checkpoint-public.pem');
  if (!existsSync(privateKeyFile) || !existsSync(publicKeyFile)) {
    await mkdir(dir, { recursive: true });
    const keys = await generateSigningKeys();
    await writeFile(privateKeyFile, keys.privateKey, { mode: 0o600 });
    await writeFile(publicKeyFile, keys.publicKey);
  }
  return { privateKeyFile, publicKeyFile };
}

export async function localSecret(): Promise<string> {
  if (process.env.GATEWAY_SECRET) return process.env.GATEWAY_SECRET;
  const file = resolve(DATA_DIR, 'gateway-secret');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(DATA_DIR, { recursive: true });
  const secret = randomBytes(24).toString('hex');
  await writeFile(file, secret);
  await chmod(file, 0o600);
  return secret;
}

/**
 * The first admin's sign-in for a local platform: from ADMIN_EMAIL / ADMIN_PASSWORD, else generated once
 * into .data/admin.json (identity creates the account from these on its first start).
 */
export async function localAdmin(): Promise<{ email: string; password: string; generated: boolean }> {
  if (process.env.ADMIN_EMAIL && process.env.ADMIN_PASSWORD)
    return { email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD, generated: false };
  const file = resolve(DATA_DIR, 'admin.json');
  if (existsSync(file))
    return { ...(JSON.parse(await readFile(file, 'utf8')) as { email: string; password: string }), generated: false };
  const admin = {
    email: process.env.ADMIN_EMAIL ?? 'admin@tandem.local',
    password: `${randomBytes(9).toString('base64url')}-Tandem`,
  };
  await mkdir(DATA_DIR, { recursive: true });
  await writeFile(file, JSON.stringify(admin), { mode: 0o600 });
  return { ...admin, generated: true };
}
