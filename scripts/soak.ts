/**
 * `npm run soak [-- --minutes 10 --users 50]`: the platform as `npm start` runs it (each subgraph and the
 * gateway in its own process, on a fresh database), a small world seeded through the gateway, then
 * `--users` concurrent virtual users through the gateway for `--minutes`, sampled every 10 s:
 * - errors: any HTTP error, GraphQL error or refused payload is one; there must be none;
 * - memory: resident set size of each process; after the warm-up (1 minute) it may grow less than 10 %;
 * - connections: PostgreSQL connections per application name (pg_stat_activity); they must stay steady
 *   (no more in the last third of the run than in the first third after the warm-up).
 * Everything runs on this machine (127.0.0.1); the loop stops by itself. Exits non-zero when a check fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { SUBGRAPHS } from '@tandem/contracts';
import { createLogger, migrateService, printSubgraphSdl, type ServiceDefinition } from '@tandem/subgraph-kit';
import { freePort } from '@tandem/local-postgres';
import {
  composeSupergraph,
  generateSigningKeys,
  provisionTestDatabase,
  type GraphQLResponse,
  type Stack,
} from '@tandem/testkit';
import { ADMIN_PASSWORD, buildWorld, login, type World } from '../tests/support/world';
import { loadServiceDefinition, REPO_ROOT, serviceDir } from './lib/services';
import { NODE_RUNTIME_FLAGS } from './lib/node-flags';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const MINUTES = flag('minutes', 10);
const USERS = flag('users', 50);
const WARMUP_S = flag('warmup-seconds', 60);
const SAMPLE_S = flag('sample-seconds', 10);
const say = (line: string) => process.stdout.write(`[soak] ${line}\n`);

const dir = await mkdtemp(join(os.tmpdir(), 'tandem-soak-'));
const database = await provisionTestDatabase();
const children: Array<{ name: string; child: ChildProcess }> = [];
let stopped = false;
const died: string[] = [];
async function stopAll() {
  if (stopped) return;
  stopped = true;
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
  await database.release().catch(() => {});
  await rm(dir, { recursive: true, force: true });
}
process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));

function start(name: string, cwd: string, env: Record<string, string>) {
  const out = createWriteStream(join(dir, `${name}.log`));
  // with the V8 settings the servers run with everywhere (scripts/lib/node-flags.ts)
  const child = spawn(process.execPath, [...NODE_RUNTIME_FLAGS, '--import', 'tsx', 'src/main.ts'], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  child.once('exit', (code, signal) => {
    if (stopped) return;
    say(`${name} exited (${signal ?? code}) during the run; its log: ${join(dir, `${name}.log`)}`);
    died.push(name);
  });
  children.push({ name, child });
}

async function waitFor(url: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** RSS in bytes of a process, from /proc. */
async function rss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

try {
  // ---------------------------------------------------------------- the platform
  const log = createLogger('migrate', 'warn');
  const definitions: Record<string, ServiceDefinition> = {};
  for (const name of SUBGRAPHS) {
    definitions[name] = await loadServiceDefinition(serviceDir(name));
    await migrateService(definitions[name], database.url, log);
  }
  const keys = await generateSigningKeys();
  const secret = randomBytes(24).toString('hex');
  const adminEmail = `soak-admin-${randomUUID().slice(0, 6)}@soak.test`;
  const ports: Record<string, number> = {};
  for (const name of [...SUBGRAPHS, 'gateway']) ports[name] = await freePort();
  const common = { NODE_ENV: 'development', DATABASE_URL: database.url, GATEWAY_SECRET: secret, LOG_LEVEL: 'warn' };
  for (const name of SUBGRAPHS) {
    const env: Record<string, string> = { ...common, PORT: String(ports[name]), MAIL_DIR: join(dir, 'mail') };
    if (name === 'identity')
      Object.assign(env, {
        JWT_PRIVATE_KEY: keys.privateKey,
        ADMIN_EMAIL: adminEmail,
        ADMIN_PASSWORD,
        BOOTSTRAP_ADMIN: 'true',
      });
    start(name, serviceDir(name), env);
  }
  for (const name of SUBGRAPHS) await waitFor(`http://127.0.0.1:${ports[name]}/ready`);
  const supergraphPath = join(dir, 'supergraph.graphql');
  await writeFile(
    supergraphPath,
    composeSupergraph(
      await Promise.all(
        SUBGRAPHS.map(async (name) => ({
          name,
          url: `http://127.0.0.1:${ports[name]}/graphql`,
          sdl: printSubgraphSdl(await definitions[name].printableSchema()),
        })),
      ),
    ),
  );
  start('gateway', resolve(REPO_ROOT, 'apps/gateway'), {
    ...common,
    PORT: String(ports.gateway),
    SUPERGRAPH_PATH: supergraphPath,
    JWT_PUBLIC_KEY: keys.publicKey,
    // the soak measures memory and connections under sustained load, not the rate limiter (tested on its own)
    RATE_LIMIT_PER_USER_PER_MINUTE: '10000000',
    RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '10000000',
    ...Object.fromEntries(SUBGRAPHS.map((n) => [`${n.toUpperCase()}_URL`, `http://127.0.0.1:${ports[n]}/graphql`])),
  });
  await waitFor(`http://127.0.0.1:${ports.gateway}/health`);
  const gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;
  say(`platform up on ports ${JSON.stringify(ports)}; database: ${database.origin}`);

  // ---------------------------------------------------------------- a world, through the gateway
  const db = new pg.Pool({ connectionString: database.url, max: 2, application_name: 'soak-monitor' });
  const gql = async <T>(
    query: string,
    variables: Record<string, unknown> = {},
    auth: { token?: string } = {},
  ): Promise<GraphQLResponse<T>> => {
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json().catch(() => ({ errors: [{ message: `HTTP ${res.status}` }] }))) as {
      data?: T;
      errors?: GraphQLResponse['errors'];
    };
    return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
  };
  const settle = async () => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name LIKE '%_inbox' AND state IN ('created', 'retry', 'active')`,
      );
      if (rows[0].n === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const stackLike = { gql, settle } as unknown as Stack;
  const world: World = await buildWorld(stackLike, adminEmail);
  say(
    'world seeded (programme, 2 organisations, coaches, analyst, mentor, 3 mentees, a relationship with meetings and goals)',
  );

  // ---------------------------------------------------------------- the load
  const relogin = async () => {
    for (const who of ['mentee', 'mentor', 'coachA', 'admin', 'analyst', 'otherMentee'] as const) {
      const fresh = await login(stackLike, world[who].email, who === 'admin' ? ADMIN_PASSWORD : undefined);
      world[who].token = fresh.token;
    }
  };
  const from = `${world.today.slice(0, 4)}-01-01`;
  const to = world.today;
  type Op = {
    name: string;
    token: () => string;
    query: string;
    variables?: () => Record<string, unknown>;
    payload?: string;
  };
  const OPS: Op[] = [
    {
      name: 'me+relationships',
      token: () => world.mentee.token,
      query: `{ me { id displayName relationships { id status mentor { displayName } } } }`,
    },
    {
      name: 'searchMentors',
      token: () => world.otherMentee.token,
      query: `{ searchMentors(first: 10) { edges { node { displayName score } } } }`,
    },
    {
      name: 'relationship',
      token: () => world.mentee.token,
      query: `query ($id: ID!) { relationship(id: $id) { id status progress { confirmedHours confirmedMeetings } goals { title } meetings { status } } }`,
      variables: () => ({ id: world.relationshipId }),
    },
    {
      name: 'mentor home',
      token: () => world.mentor.token,
      query: `query ($from: LocalDate!, $to: LocalDate!) { me { activeMentees relationshipCount cpdHours cpdStatement(from: $from, to: $to) { verifiedHours } } }`,
      variables: () => ({ from, to }),
    },
    {
      name: 'coach list',
      token: () => world.coachA.token,
      query: `{ organizationRelationships(first: 20) { nodes { id status mentee { displayName } } } }`,
    },
    {
      name: 'programStats',
      token: () => world.analyst.token,
      query: `query ($from: LocalDate!, $to: LocalDate!) { programStats(from: $from, to: $to) { matches hoursConfirmed } }`,
      variables: () => ({ from, to }),
    },
    {
      name: 'requests',
      token: () => world.mentor.token,
      query: `{ mentoringRequests(first: 10) { edges { node { id status } } } }`,
    },
    {
      name: 'sendMessage',
      token: () => world.mentee.token,
      query: `mutation ($id: ID!) { sendMessage(relationshipId: $id, body: "Soak test message") { errors { field code } } }`,
      variables: () => ({ id: world.relationshipId }),
      payload: 'sendMessage',
    },
  ];

  let requests = 0;
  let errors = 0;
  const errorSamples: string[] = [];
  const latencies: number[] = [];
  const startedAt = Date.now();
  const endAt = startedAt + MINUTES * 60_000;
  const user = async (n: number) => {
    let i = n;
    while (Date.now() < endAt && died.length === 0) {
      const op = OPS[i++ % OPS.length];
      const t0 = performance.now();
      try {
        const res = await gql<Record<string, { errors?: unknown[] }>>(op.query, op.variables?.() ?? {}, {
          token: op.token(),
        });
        const refused = op.payload ? (res.data?.[op.payload]?.errors?.length ?? 0) > 0 : false;
        if (res.status !== 200 || res.errors || refused) {
          errors++;
          if (errorSamples.length < 10)
            errorSamples.push(`${op.name}: ${res.status} ${JSON.stringify(res.errors ?? res.data).slice(0, 300)}`);
        }
      } catch (error) {
        errors++;
        if (errorSamples.length < 10) errorSamples.push(`${op.name}: ${(error as Error).message}`);
      }
      latencies.push(performance.now() - t0);
      requests++;
    }
  };

  interface Sample {
    t: number;
    requests: number;
    errors: number;
    p50: number;
    p99: number;
    rss: Record<string, number>;
    connections: Record<string, number>;
  }
  const samples: Sample[] = [];
  const sample = async () => {
    const lat = latencies.splice(0).sort((a, b) => a - b);
    const rssBy: Record<string, number> = {};
    for (const { name, child } of children) rssBy[name] = await rss(child.pid!).catch(() => 0);
    const { rows } = await db.query<{ app: string; n: number }>(
      `SELECT application_name AS app, count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name <> 'soak-monitor' GROUP BY 1 ORDER BY 1`,
    );
    const s: Sample = {
      t: Math.round((Date.now() - startedAt) / 1000),
      requests,
      errors,
      p50: lat[Math.floor(lat.length * 0.5)] ?? 0,
      p99: lat[Math.floor(lat.length * 0.99)] ?? 0,
      rss: rssBy,
      connections: Object.fromEntries(rows.map((r) => [r.app || '(none)', r.n])),
    };
    samples.push(s);
    say(
      `t=${String(s.t).padStart(4)}s requests=${s.requests} errors=${s.errors} p50=${s.p50.toFixed(0)}ms p99=${s.p99.toFixed(0)}ms ` +
        `rss(MB)=${Object.entries(s.rss)
          .map(([k, v]) => `${k}:${(v / 2 ** 20).toFixed(0)}`)
          .join(',')} conns=${Object.entries(s.connections)
          .map(([k, v]) => `${k}:${v}`)
          .join(',')}`,
    );
  };
  let lastLogin = Date.now();
  const sampler = (async () => {
    while (Date.now() < endAt && died.length === 0) {
      await new Promise((r) => setTimeout(r, Math.min(SAMPLE_S * 1000, Math.max(0, endAt - Date.now()))));
      await sample();
      if (Date.now() - lastLogin > 5 * 60_000) {
        await relogin(); // access tokens last 15 minutes
        lastLogin = Date.now();
      }
    }
  })();
  say(`${USERS} users for ${MINUTES} minute(s), warm-up ${WARMUP_S} s, a sample every ${SAMPLE_S} s`);
  await Promise.all([...Array.from({ length: USERS }, (_, n) => user(n)), sampler]);

  // ---------------------------------------------------------------- verdict
  const after = samples.filter((s) => s.t >= WARMUP_S);
  const failures: string[] = [];
  if (died.length) failures.push(`${died.join(', ')} stopped during the run (killed from outside?): the run is void`);
  if (errors > 0) failures.push(`${errors} errors, e.g. ${errorSamples.slice(0, 3).join(' | ')}`);
  if (after.length < 3)
    failures.push('too short to judge memory and connections: run longer than the warm-up plus 30 s');
  const growth: Record<string, number> = {};
  const connectionRange: Record<string, [number, number]> = {};
  if (after.length >= 3) {
    // RSS saws with garbage collection: compare the median of the first three samples after the warm-up
    // with the median of the last three
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    for (const name of Object.keys(after[0].rss)) {
      const start = median(after.slice(0, 3).map((s) => s.rss[name]));
      const end = median(after.slice(-3).map((s) => s.rss[name]));
      growth[name] = end / start - 1;
      if (growth[name] >= 0.1)
        failures.push(`${name} memory grew ${(growth[name] * 100).toFixed(1)} % after the warm-up`);
    }
    // pools are bounded (DATABASE_POOL_SIZE 10 per service, 3 for its event consumer): a leak shows as
    // connections above the bound, or as a count still rising at the end beyond what the start reached
    const third = Math.max(1, Math.floor(after.length / 3));
    const apps = new Set(after.flatMap((s) => Object.keys(s.connections)));
    for (const app of apps) {
      const bound = app.endsWith('-events') ? 3 : 10;
      const early = Math.max(...after.slice(0, third).map((s) => s.connections[app] ?? 0));
      const late = Math.max(...after.slice(-third).map((s) => s.connections[app] ?? 0));
      const peak = Math.max(...after.map((s) => s.connections[app] ?? 0));
      if (peak > bound) failures.push(`${app} held ${peak} connections (its pool allows ${bound})`);
      if (late > Math.max(early, bound)) failures.push(`${app} connections rose from ${early} to ${late}`);
      connectionRange[app] = [Math.min(...after.map((s) => s.connections[app] ?? 0)), peak];
    }
  }
  const total = samples.at(-1);
  say(
    `done: ${total?.requests} requests in ${MINUTES} min (${((total?.requests ?? 0) / (MINUTES * 60)).toFixed(0)}/s), ${errors} errors`,
  );
  say(
    `memory growth after warm-up: ${Object.entries(growth)
      .map(([k, v]) => `${k} ${(v * 100).toFixed(1)} %`)
      .join(', ')}`,
  );
  say(
    `connections after warm-up (min-max): ${Object.entries(connectionRange)
      .map(([k, [lo, hi]]) => `${k} ${lo}-${hi}`)
      .join(', ')}`,
  );
  await writeFile(
    resolve(REPO_ROOT, '.data', `soak-${Date.now()}.json`),
    JSON.stringify({ minutes: MINUTES, users: USERS, samples, growth, connectionRange, failures }, null, 1),
  ).catch(() => {});
  await db.end();
  if (failures.length) {
    say(`FAILED:\n  - ${failures.join('\n  - ')}`);
    process.exitCode = 1;
  } else {
    say('passed: zero errors, memory flat after warm-up (< 10 %), connections steady');
  }
} catch (error) {
  say(`failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
} finally {
  await stopAll();
}
